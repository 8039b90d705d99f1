#pragma once
// The unpickler behind readStateDict: protocol 2-5 opcodes for dicts, tuples, lists, ints,
// floats, strings, booleans and None; the globals torch.save uses for tensors; persistent ids
// for storages, resolved by a callback. Everything else is refused by name.
#include <torch/torch.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kd {

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

struct PickleValue {
  enum class Kind {
    kNone,
    kBool,
    kInt,
    kFloat,
    kString,
    kTuple,
    kList,
    kDict,
    kGlobal,
    kStorage,
    kTensor
  };
  Kind kind = Kind::kNone;
  int64_t integer = 0;  // kInt, kBool
  double real = 0;
  std::string text;                                      // kString; kGlobal: "module.name"
  std::vector<PickleRef> items;                          // kTuple, kList
  std::vector<std::pair<PickleRef, PickleRef>> entries;  // kDict, in insertion order
  torch::Tensor tensor;                                  // kStorage (flat), kTensor
};

const char* kindName(PickleValue::Kind kind);

// Maps a persistent id ("storage", type, key, location, numel) to a flat storage tensor.
using StorageLoader = std::function<torch::Tensor(const PickleValue& pid)>;

// Runs the pickle program in `data` and returns the value left by STOP.
PickleRef unpickle(const std::string& data, const StorageLoader& loadStorage,
                   const std::string& what);

}  // namespace kd
