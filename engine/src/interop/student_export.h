#pragma once
// Gives a student back to Python: student.pt (torch.load reads it as a plain dict of tensors),
// student_arch.json (architecture, input shape, classes, normalisation) and kd_arch.py, which
// rebuilds the architecture as a torch.nn.Module with the same parameter names.
#include <string>
#include <vector>

#include "data/dataset.h"
#include "models/model.h"

namespace kd {

void exportStudent(KdNet& model, const std::vector<std::string>& classes,
                   const Normalization& normalization, const std::string& dir);

}  // namespace kd
