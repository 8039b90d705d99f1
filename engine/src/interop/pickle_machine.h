#pragma once
// The unpickler behind readStateDict: protocol 2-5 opcodes for dicts, tuples, lists, ints,
// floats, strings, booleans and None; the globals torch.save uses for tensors; persistent ids
// for storages, resolved by a callback. Everything else is refused by name.
#include <torch/torch.h>

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace kd {

struct PickleValue;
using PickleRef = PickleValue*;  // owned by the Unpickled arena

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
  int depth = 0;        // containers: levels of nesting below, as built
  int64_t integer = 0;  // kInt, kBool
  double real = 0;
  std::string text;                                      // kString; kGlobal: "module.name"
  std::vector<PickleRef> items;                          // kTuple, kList
  std::vector<std::pair<PickleRef, PickleRef>> entries;  // kDict, in insertion order
  torch::Tensor tensor;  // kStorage (flat); kTensor: a view of a storage, not a copy
};

constexpr int kMaxPickleDepth = 100;                      // a state_dict nests 3 or 4 levels
constexpr size_t kMaxPickleValues = size_t(1) << 18;      // about 10 per tensor
constexpr int64_t kMaxTensorElements = int64_t(1) << 30;  // declared by all tensors together

struct Unpickled {
  std::deque<PickleValue> arena;  // every value the program made; pointers into it stay valid
  PickleRef root = nullptr;       // the value left by STOP
};

const char* kindName(PickleValue::Kind kind);

// Maps a persistent id ("storage", type, key, location, numel) to a flat storage tensor.
using StorageLoader = std::function<torch::Tensor(const PickleValue& pid)>;

// Runs the pickle program in `data`. Throws kd::Error naming `what` and the limit or opcode.
Unpickled unpickle(const std::string& data, const StorageLoader& loadStorage,
                   const std::string& what);

}  // namespace kd
