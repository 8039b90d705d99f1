#include "eval/grad_cam.h"

#include "kd/error.h"

namespace kd {

torch::Tensor gradCam(KdNet& model, const torch::Tensor& x, int64_t classIndex) {
  if (model->arch().convs.empty())
    throw Error("Grad-CAM needs convolution layers; \"%1\" has none", {model->arch().name});
  if (classIndex < 0 || classIndex >= model->classes())
    throw Error("class %1 does not exist", {std::to_string(classIndex)});
  torch::AutoGradMode enable(true);
  model->eval();
  ModelFeatures stages;
  torch::Tensor logits = model->forward(x, &stages);
  const torch::Tensor features = stages.stages.back();
  torch::Tensor gradient = torch::autograd::grad({logits[0][classIndex]}, {features})[0];
  torch::Tensor weights = gradient.mean({2, 3}, /*keepdim=*/true);  // one weight per channel
  torch::Tensor cam = (weights * features).sum(1, /*keepdim=*/true).relu().detach();
  cam =
      torch::nn::functional::interpolate(cam, torch::nn::functional::InterpolateFuncOptions()
                                                  .size(std::vector<int64_t>{x.size(2), x.size(3)})
                                                  .mode(torch::kBilinear)
                                                  .align_corners(false));
  cam = cam[0][0];
  const double top = cam.max().item<double>();
  return top > 0 ? cam / top : cam;
}

}  // namespace kd
