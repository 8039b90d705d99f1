#include "interop/student_export.h"

#include <filesystem>

#include "json_io.h"
#include "kd_arch_py.h"  // generated from resources/python/kd_arch.py
#include "run/run_files.h"

namespace kd {
namespace {

std::vector<float> values(const torch::Tensor& t) {
  torch::Tensor c = t.to(torch::kFloat).contiguous();
  return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

}  // namespace

void exportStudent(KdNet& model, const std::vector<std::string>& classes,
                   const Normalization& normalization, const std::string& dir) {
  namespace fs = std::filesystem;
  c10::Dict<std::string, torch::Tensor> state;
  for (const auto& p : model->named_parameters())
    state.insert(p.key(), p.value().detach().cpu().contiguous());
  for (const auto& b : model->named_buffers()) state.insert(b.key(), b.value().cpu().contiguous());
  std::vector<char> bytes = torch::pickle_save(state);
  writeFileAtomically((fs::path(dir) / "student.pt").string(),
                      std::string(bytes.begin(), bytes.end()));
  const InputShape& in = model->input();
  nlohmann::json description = {{"arch", archToJsonValue(model->arch())},
                                {"input", {in.channels, in.height, in.width}},
                                {"classes", classes},
                                {"mean", values(normalization.mean)},
                                {"std", values(normalization.std)}};
  writeFileAtomically((fs::path(dir) / "student_arch.json").string(), description.dump(2) + "\n");
  writeFileAtomically((fs::path(dir) / "kd_arch.py").string(), kKdArchPy);
}

}  // namespace kd
