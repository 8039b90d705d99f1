#include "interop/state_dict_reader.h"

#include <cstring>
#include <fstream>
#include <map>

#include "kd/error.h"
#include "interop/pickle_machine.h"
#include "interop/zip_directory.h"

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
  if (it == kTypes.end()) throw Error("unsupported storage type %1", {global});
  return it->second;
}

constexpr uint64_t kMaxPickleBytes = uint64_t(16) << 20;  // a state_dict's is a few KiB

// Each storage is read from its own record, which must be stored (not compressed) and hold
// every element the pickle claims: no allocation is sized by a number the file claims before
// it is checked against that record.
class StorageReader {
 public:
  StorageReader(const ZipDirectory& zip, const std::string& what) : zip_(zip), what_(what) {}

  torch::Tensor operator()(const PickleValue& pid) {
    const auto& f = pid.items;
    if (pid.kind != Kind::kTuple || f.size() != 5 || f[0]->kind != Kind::kString ||
        f[0]->text != "storage" || f[1]->kind != Kind::kGlobal || f[2]->kind != Kind::kString ||
        f[4]->kind != Kind::kInt)
      throw Error("%1: a persistent id is not a storage reference", {what_});
    const std::string& key = f[2]->text;
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    const torch::ScalarType type = storageType(f[1]->text);
    const int64_t numel = f[4]->integer;
    const std::string record = "data/" + key;
    if (numel < 0 || !zip_.find(record))
      throw Error("%1: storage %2 has no record %3", {what_, key, record});
    const std::string_view stored = zip_.storedBytes(record, UINT64_MAX);
    const size_t itemSize = c10::elementSize(type);
    if (uint64_t(numel) > stored.size() / itemSize)
      throw Error("%1: storage %2 needs %3 elements of %4 bytes, but its record %5 holds %6 bytes",
                  {what_, key, std::to_string(numel), std::to_string(itemSize), record,
                   std::to_string(stored.size())});
    torch::Tensor t = torch::empty({numel}, torch::TensorOptions().dtype(type));
    std::memcpy(t.data_ptr(), stored.data(), size_t(numel) * itemSize);
    cache_[key] = t;
    return t;
  }

 private:
  const ZipDirectory& zip_;
  const std::string& what_;
  std::map<std::string, torch::Tensor> cache_;
};

}  // namespace

std::vector<char> readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open %1", {path});
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void checkZipIntact(const std::vector<char>& bytes, const std::string& what) {
  if (startsLikeZip(bytes)) ZipDirectory(bytes, what);
}

bool looksLikeStateDict(const std::vector<char>& bytes) {
  if (!startsLikeZip(bytes)) return false;
  try {
    ZipDirectory zip(bytes, "");
    return zip.find("data.pkl") && !zip.find("constants.pkl");
  } catch (const Error&) {
    return false;
  }
}

NamedTensors readStateDict(const std::vector<char>& bytes, const std::string& what) {
  if (bytes.empty()) throw Error("%1 is empty", {what});
  const ZipDirectory zip(bytes, what);
  try {
    if (!zip.find("data.pkl")) throw Error("%1 has no data.pkl: it is no torch.save file", {what});
    const std::string program(zip.storedBytes("data.pkl", kMaxPickleBytes));
    StorageReader storages(zip, what);
    const Unpickled pickle = unpickle(program, std::ref(storages), what);
    const PickleRef root = pickle.root;
    if (root->kind != Kind::kDict)
      throw Error("%1 holds a %2, not a state_dict", {what, std::string(kindName(root->kind))});
    NamedTensors out;
    for (const auto& [key, value] : root->entries) {
      if (key->kind != Kind::kString) throw Error("%1: a state_dict key is not a string", {what});
      if (value->kind != Kind::kTensor)
        throw Error("%1: entry \"%2\" is a %3, not a tensor",
                    {what, key->text, std::string(kindName(value->kind))});
      out.emplace_back(key->text, value->tensor);
    }
    if (out.empty()) throw Error("%1 holds an empty state_dict", {what});
    return out;
  } catch (const c10::Error& e) {
    throw Error("%1 is damaged: %2",
                {what, std::string(e.what_without_backtrace()).substr(0, 200)});
  }
}

NamedTensors readStateDictFile(const std::string& path) {
  return readStateDict(readWholeFile(path), path);
}

}  // namespace kd
