#include "state_dict_reader.h"

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>

#include <cstring>
#include <fstream>
#include <map>

#include "kd/error.h"
#include "pickle_machine.h"

namespace kd {
namespace {

using Kind = PickleValue::Kind;

torch::ScalarType storageType(const std::string& global) {
  static const std::map<std::string, torch::ScalarType> kTypes{
      {"torch.FloatStorage", torch::kFloat},       {"torch.HalfStorage", torch::kHalf},
      {"torch.BFloat16Storage", torch::kBFloat16}, {"torch.DoubleStorage", torch::kDouble},
      {"torch.LongStorage", torch::kLong},         {"torch.IntStorage", torch::kInt},
      {"torch.ByteStorage", torch::kByte},         {"torch.BoolStorage", torch::kBool}};
  auto it = kTypes.find(global);
  if (it == kTypes.end()) throw Error("unsupported storage type " + global);
  return it->second;
}

// Unlike caffe2's MemoryReadAdapter, never reads past the end of the buffer.
class BoundedReadAdapter : public caffe2::serialize::ReadAdapterInterface {
 public:
  explicit BoundedReadAdapter(const std::vector<char>& bytes) : bytes_(bytes) {}
  size_t size() const override { return bytes_.size(); }
  size_t read(uint64_t pos, void* buf, size_t n, const char*) const override {
    if (n == 0 || pos >= bytes_.size()) return 0;  // miniz may pass a null buffer with n = 0
    n = std::min<size_t>(n, bytes_.size() - pos);
    std::memcpy(buf, bytes_.data() + pos, n);
    return n;
  }

 private:
  const std::vector<char>& bytes_;
};

std::unique_ptr<caffe2::serialize::PyTorchStreamReader> openZip(const std::vector<char>& bytes,
                                                                const std::string& what) {
  try {
    auto adapter = std::make_shared<BoundedReadAdapter>(bytes);
    return std::make_unique<caffe2::serialize::PyTorchStreamReader>(adapter);
  } catch (const c10::Error& e) {
    throw Error(what + " is not a readable PyTorch zip archive, it may be truncated (" +
                std::string(e.what_without_backtrace()).substr(0, 120) + ")");
  }
}

// Storages are read straight from the archive bytes: torch.save stores them uncompressed, and
// no allocation is sized by a number the file claims before it is checked against the file.
class StorageReader {
 public:
  StorageReader(caffe2::serialize::PyTorchStreamReader& zip, const std::vector<char>& bytes,
                const std::string& what)
      : zip_(zip), bytes_(bytes), what_(what) {}

  torch::Tensor operator()(const PickleValue& pid) {
    const auto& f = pid.items;
    if (pid.kind != Kind::kTuple || f.size() != 5 || f[0]->kind != Kind::kString ||
        f[0]->text != "storage" || f[1]->kind != Kind::kGlobal || f[2]->kind != Kind::kString ||
        f[4]->kind != Kind::kInt)
      throw Error(what_ + ": a persistent id is not a storage reference");
    const std::string& key = f[2]->text;
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    const torch::ScalarType type = storageType(f[1]->text);
    const int64_t numel = f[4]->integer;
    const std::string record = "data/" + key;
    if (numel < 0 || !zip_.hasRecord(record))
      throw Error(what_ + ": storage " + key + " has no record " + record);
    const size_t offset = zip_.getRecordOffset(record);
    const size_t available = offset <= bytes_.size() ? bytes_.size() - offset : 0;
    const size_t itemSize = c10::elementSize(type);
    if (uint64_t(numel) > available / itemSize)
      throw Error(what_ + ": storage " + key + " needs " + std::to_string(numel) + " elements of " +
                  std::to_string(itemSize) + " bytes, but its record holds " +
                  std::to_string(available / itemSize));
    torch::Tensor t = torch::empty({numel}, torch::TensorOptions().dtype(type));
    std::memcpy(t.data_ptr(), bytes_.data() + offset, size_t(numel) * itemSize);
    cache_[key] = t;
    return t;
  }

 private:
  caffe2::serialize::PyTorchStreamReader& zip_;
  const std::vector<char>& bytes_;
  const std::string& what_;
  std::map<std::string, torch::Tensor> cache_;
};

}  // namespace

std::vector<char> readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void checkZipIntact(const std::vector<char>& bytes, const std::string& what) {
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "PK\x03\x04", 4) == 0) openZip(bytes, what);
}

bool looksLikeStateDict(const std::vector<char>& bytes) {
  if (bytes.size() < 4 || bytes[0] != 'P' || bytes[1] != 'K') return false;
  try {
    auto zip = openZip(bytes, "");
    return zip->hasRecord("data.pkl") && !zip->hasRecord("constants.pkl");
  } catch (const std::exception&) {
    return false;
  }
}

NamedTensors readStateDict(const std::vector<char>& bytes, const std::string& what) {
  if (bytes.empty()) throw Error(what + " is empty");
  auto zip = openZip(bytes, what);
  try {
    if (!zip->hasRecord("data.pkl"))
      throw Error(what + " has no data.pkl: it is no torch.save file");
    auto [data, size] = zip->getRecord("data.pkl");
    std::string program(static_cast<const char*>(data.get()), size);
    StorageReader storages(*zip, bytes, what);
    PickleRef root = unpickle(program, std::ref(storages), what);
    if (root->kind != Kind::kDict)
      throw Error(what + " holds a " + kindName(root->kind) + ", not a state_dict");
    NamedTensors out;
    for (const auto& [key, value] : root->entries) {
      if (key->kind != Kind::kString) throw Error(what + ": a state_dict key is not a string");
      if (value->kind != Kind::kTensor)
        throw Error(what + ": entry \"" + key->text + "\" is a " + kindName(value->kind) +
                    ", not a tensor");
      out.emplace_back(key->text, value->tensor);
    }
    if (out.empty()) throw Error(what + " holds an empty state_dict");
    return out;
  } catch (const c10::Error& e) {
    throw Error(what + " is damaged: " + std::string(e.what_without_backtrace()).substr(0, 200));
  }
}

NamedTensors readStateDictFile(const std::string& path) {
  return readStateDict(readWholeFile(path), path);
}

}  // namespace kd
