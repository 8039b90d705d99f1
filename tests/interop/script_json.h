#pragma once
// What the interop suites share: running a Python reference script (Debian's python3 with
// python3-torch and python3-numpy) for its JSON, and tensors from its arrays.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace kd::test {

// The JSON object the script at `path` prints; empty (with its stderr logged) when it fails.
inline QJsonObject runScript(const QString& path) {
  if (path.isEmpty()) return {};
  QProcess p;
  p.start("/usr/bin/python3", {path});
  if (!p.waitForFinished(120000) || p.exitCode() != 0) {
    qWarning() << p.readAllStandardError();
    return {};
  }
  return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

inline torch::Tensor tensorOf(const QJsonArray& values, std::vector<int64_t> shape,
                              torch::ScalarType type = torch::kDouble) {
  std::vector<double> v;
  for (const QJsonValue& x : values) v.push_back(x.toDouble());
  return torch::tensor(v, torch::kDouble).view(shape).to(type);
}

}  // namespace kd::test
