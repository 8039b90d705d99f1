#pragma once
// Grad-CAM (Selvaraju et al. 2017) on a workbench model: the last convolution stage's
// activations weighted by the mean gradient of a class score, ReLU, resized to the input.
#include <torch/torch.h>

#include "models/model.h"

namespace kd {

// x: one prepared image [1, C, H, W]. Returns [H, W] in [0, 1] (all zeros when nothing in the
// image raises the class score). Throws kd::Error for a model without convolutions.
torch::Tensor gradCam(KdNet& model, const torch::Tensor& x, int64_t classIndex);

}  // namespace kd
