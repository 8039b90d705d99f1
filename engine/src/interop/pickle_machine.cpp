#include "interop/pickle_machine.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "kd/error.h"

namespace kd {
namespace {

using Kind = PickleValue::Kind;
constexpr int kMaxDims = 16;

bool allowedGlobal(const std::string& name) {
  static const char* kAllowed[] = {"collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
                                   "torch.FloatStorage",      "torch.HalfStorage",
                                   "torch.BFloat16Storage",   "torch.DoubleStorage",
                                   "torch.LongStorage",       "torch.IntStorage",
                                   "torch.ByteStorage",       "torch.BoolStorage"};
  for (const char* a : kAllowed)
    if (name == a) return true;
  return false;
}

class Machine {
 public:
  Machine(const std::string& data, const StorageLoader& loader, const std::string& what)
      : d_(data), loader_(loader), what_(what) {}
  Unpickled run();

 private:
  PickleRef make(Kind kind) {
    if (out_.arena.size() >= kMaxPickleValues)
      fail(Text("it builds more than %1 values, the limit for a state_dict",
                {std::to_string(kMaxPickleValues)}));
    out_.arena.emplace_back().kind = kind;
    return &out_.arena.back();
  }
  PickleRef makeInt(int64_t i, Kind kind = Kind::kInt) {
    PickleRef v = make(kind);
    v->integer = i;
    return v;
  }
  PickleRef makeText(Kind kind, std::string text) {
    PickleRef v = make(kind);
    v->text = std::move(text);
    return v;
  }
  // A container holding `child` is one level deeper than it.
  void nest(PickleRef container, const PickleRef child) {
    container->depth = std::max(container->depth, child->depth + 1);
    if (container->depth > kMaxPickleDepth)
      fail(Text("it nests values deeper than %1 levels, the limit for a state_dict",
                {std::to_string(kMaxPickleDepth)}));
  }
  [[noreturn]] void fail(const Text& message) const {
    throw Error("%1: %2 (data.pkl byte %3)", {what_, message, std::to_string(op_)});
  }
  void need(size_t n) const {
    if (n > d_.size() - pos_) fail(Text("the pickle ends early"));
  }
  uint64_t little(size_t n) {
    need(n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t(uint8_t(d_[pos_ + i])) << (8 * i);
    pos_ += n;
    return v;
  }
  std::string bytes(uint64_t n) {
    need(n);
    std::string s = d_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string line() {
    size_t end = d_.find('\n', pos_);
    if (end == std::string::npos) fail(Text("the pickle ends early"));
    std::string s = d_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return s;
  }
  PickleRef pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
      fail(Text("the pickle pops an empty stack"));
    PickleRef v = stack_.back();
    stack_.pop_back();
    return v;
  }
  PickleRef& top() {
    if (stack_.empty()) fail(Text("the pickle uses an empty stack"));
    return stack_.back();
  }
  std::vector<PickleRef> popMark() {
    if (marks_.empty()) fail(Text("the pickle closes a mark it never opened"));
    std::vector<PickleRef> items(stack_.begin() + long(marks_.back()), stack_.end());
    stack_.resize(marks_.back());
    marks_.pop_back();
    return items;
  }
  PickleRef tuple(std::vector<PickleRef> items) {
    PickleRef t = make(Kind::kTuple);
    for (const PickleRef& item : items) nest(t, item);
    t->items = std::move(items);
    return t;
  }
  void pushGlobal(const std::string& module, const std::string& name) {
    std::string full = module + "." + name;
    if (!allowedGlobal(full))
      fail(Text("it refers to %1, which a state_dict of tensors does not contain", {full}));
    stack_.push_back(makeText(Kind::kGlobal, full));
  }
  void memoPut(uint64_t index) { memo_[index] = top(); }
  void memoGet(uint64_t index) {
    auto it = memo_.find(index);
    if (it == memo_.end())
      fail(Text("it refers to memo entry %1, never stored", {std::to_string(index)}));
    stack_.push_back(it->second);
  }
  void setItems(std::vector<PickleRef> items) {
    if (items.size() % 2) fail(Text("SETITEMS has an odd number of items"));
    PickleRef& dict = top();
    if (dict->kind != Kind::kDict)
      fail(Text("it sets items on a %1", {std::string(kindName(dict->kind))}));
    for (size_t i = 0; i < items.size(); i += 2) {
      nest(dict, items[i]);
      nest(dict, items[i + 1]);
      dict->entries.emplace_back(items[i], items[i + 1]);
    }
  }
  void append(std::vector<PickleRef> items) {
    PickleRef& list = top();
    if (list->kind != Kind::kList)
      fail(Text("it appends to a %1", {std::string(kindName(list->kind))}));
    for (const PickleRef& item : items) nest(list, item);
    list->items.insert(list->items.end(), items.begin(), items.end());
  }
  PickleRef reduce(const PickleRef& callable, const PickleRef& args);
  PickleRef rebuildTensor(const std::vector<PickleRef>& args);
  std::vector<int64_t> integers(const PickleRef& t, const char* what);
  bool step(uint8_t op);

  const std::string& d_;
  const StorageLoader& loader_;
  const std::string& what_;
  size_t pos_ = 0, op_ = 0;
  std::vector<PickleRef> stack_;
  std::vector<size_t> marks_;
  std::map<uint64_t, PickleRef> memo_;
  int64_t declaredElements_ = 0;  // by all tensors so far
  Unpickled out_;
};

std::vector<int64_t> Machine::integers(const PickleRef& t, const char* what) {
  if (t->kind != Kind::kTuple) fail(Text("the tensor's %1 is not a tuple", {std::string(what)}));
  if (t->items.size() > kMaxDims) fail(Text("the tensor has too many dimensions"));
  std::vector<int64_t> out;
  for (const auto& v : t->items) {
    if (v->kind != Kind::kInt || v->integer < 0 || v->integer >= (int64_t(1) << 31))
      fail(Text("the tensor's %1 holds a value out of range", {std::string(what)}));
    out.push_back(v->integer);
  }
  return out;
}

PickleRef Machine::rebuildTensor(const std::vector<PickleRef>& args) {
  if (args.size() < 4 || args[0]->kind != Kind::kStorage || args[1]->kind != Kind::kInt)
    fail(Text("_rebuild_tensor_v2 got arguments of the wrong kind"));
  const torch::Tensor& storage = args[0]->tensor;
  const int64_t offset = args[1]->integer;
  std::vector<int64_t> sizes = integers(args[2], "size"), strides = integers(args[3], "stride");
  if (sizes.size() != strides.size()) fail(Text("the tensor's size and stride differ in length"));
  // The largest element index the view reaches must lie inside the storage.
  // Sizes and strides are below 2^31 (integers()), so each term is below 2^62, and the sum
  // stops growing once it passes the storage: no overflow.
  int64_t last = offset;
  bool empty = false;
  for (size_t i = 0; i < sizes.size(); ++i) {
    empty = empty || sizes[i] == 0;
    if (sizes[i] > 0 && last < storage.numel()) last += (sizes[i] - 1) * strides[i];
  }
  if (offset < 0 || offset > storage.numel() || (!empty && last >= storage.numel()))
    fail(Text("a tensor of shape %1 at offset %2 reaches past its storage of %3 elements",
              {c10::str(c10::IntArrayRef(sizes)), std::to_string(offset),
               std::to_string(storage.numel())}));
  int64_t elements = 1;  // each size is below 2^31, so the product is checked before it grows
  for (int64_t size : sizes)
    elements = elements > kMaxTensorElements / std::max<int64_t>(size, 1) ? kMaxTensorElements + 1
                                                                          : elements * size;
  declaredElements_ += std::min(elements, kMaxTensorElements + 1);
  if (declaredElements_ > kMaxTensorElements)
    fail(Text("its tensors declare more than %1 elements, the limit (a tensor of shape %2)",
              {std::to_string(kMaxTensorElements), c10::str(c10::IntArrayRef(sizes))}));
  PickleRef t = make(Kind::kTensor);
  t->tensor = storage.as_strided(sizes, strides, offset);
  return t;
}

PickleRef Machine::reduce(const PickleRef& callable, const PickleRef& args) {
  if (callable->kind != Kind::kGlobal || args->kind != Kind::kTuple)
    fail(Text("REDUCE needs a global and a tuple"));
  if (callable->text == "collections.OrderedDict") {
    if (!args->items.empty()) fail(Text("OrderedDict is built with arguments"));
    return make(Kind::kDict);
  }
  if (callable->text == "torch._utils._rebuild_tensor_v2") return rebuildTensor(args->items);
  fail(Text("it calls %1", {callable->text}));
}

bool Machine::step(uint8_t op) {
  switch (op) {
    case 0x80:
      if (little(1) > 5) fail(Text("unsupported pickle protocol"));
      break;  // PROTO
    case 0x95:
      little(8);
      break;  // FRAME
    case '.':
      out_.root = pop();
      return false;  // STOP
    case '(':
      marks_.push_back(stack_.size());
      break;  // MARK
    case ')':
      stack_.push_back(make(Kind::kTuple));
      break;  // EMPTY_TUPLE
    case 't':
      stack_.push_back(tuple(popMark()));
      break;  // TUPLE
    case 0x85:
    case 0x86:
    case 0x87: {  // TUPLE1..3
      std::vector<PickleRef> items(op - 0x84);
      for (auto it = items.rbegin(); it != items.rend(); ++it) *it = pop();
      stack_.push_back(tuple(std::move(items)));
      break;
    }
    case '}':
      stack_.push_back(make(Kind::kDict));
      break;  // EMPTY_DICT
    case ']':
      stack_.push_back(make(Kind::kList));
      break;  // EMPTY_LIST
    case 'a':
      append({pop()});
      break;  // APPEND
    case 'e':
      append(popMark());
      break;     // APPENDS
    case 's': {  // SETITEM
      PickleRef value = pop(), key = pop();
      setItems({key, value});
      break;
    }
    case 'u':
      setItems(popMark());
      break;  // SETITEMS
    case 'J':
      stack_.push_back(makeInt(int32_t(uint32_t(little(4)))));
      break;  // BININT
    case 'K':
      stack_.push_back(makeInt(int64_t(little(1))));
      break;  // BININT1
    case 'M':
      stack_.push_back(makeInt(int64_t(little(2))));
      break;      // BININT2
    case 0x8a: {  // LONG1
      uint64_t n = little(1);
      if (n > 8) fail(Text("an integer wider than 64 bits"));
      uint64_t v = n ? little(n) : 0;
      if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1) v |= ~uint64_t(0) << (8 * n);  // sign
      stack_.push_back(makeInt(int64_t(v)));
      break;
    }
    case 'G': {  // BINFLOAT, big-endian
      need(8);
      uint64_t bits = 0;
      for (int i = 0; i < 8; ++i) bits = bits << 8 | uint8_t(d_[pos_ + i]);
      pos_ += 8;
      PickleRef v = make(Kind::kFloat);
      std::memcpy(&v->real, &bits, 8);
      stack_.push_back(v);
      break;
    }
    case 'N':
      stack_.push_back(make(Kind::kNone));
      break;
    case 0x88:
      stack_.push_back(makeInt(1, Kind::kBool));
      break;
    case 0x89:
      stack_.push_back(makeInt(0, Kind::kBool));
      break;
    case 'X':
      stack_.push_back(makeText(Kind::kString, bytes(little(4))));
      break;
    case 0x8c:
      stack_.push_back(makeText(Kind::kString, bytes(little(1))));
      break;
    case 0x8d:
      stack_.push_back(makeText(Kind::kString, bytes(little(8))));
      break;
    case 'c': {  // GLOBAL
      std::string module = line();
      pushGlobal(module, line());
      break;
    }
    case 0x93: {  // STACK_GLOBAL
      PickleRef name = pop(), module = pop();
      if (name->kind != Kind::kString || module->kind != Kind::kString)
        fail(Text("STACK_GLOBAL needs two strings"));
      pushGlobal(module->text, name->text);
      break;
    }
    case 'q':
      memoPut(little(1));
      break;  // BINPUT
    case 'r':
      memoPut(little(4));
      break;  // LONG_BINPUT
    case 0x94:
      memoPut(memo_.size());
      break;  // MEMOIZE
    case 'h':
      memoGet(little(1));
      break;  // BINGET
    case 'j':
      memoGet(little(4));
      break;     // LONG_BINGET
    case 'R': {  // REDUCE
      PickleRef args = pop(), callable = pop();
      stack_.push_back(reduce(callable, args));
      break;
    }
    case 'b': {  // BUILD: only the OrderedDict's _metadata attribute, which is not needed
      pop();
      if (top()->kind != Kind::kDict)
        fail(Text("BUILD on a %1", {std::string(kindName(top()->kind))}));
      break;
    }
    case 'Q': {  // BINPERSID
      PickleRef pid = pop();
      PickleRef storage = make(Kind::kStorage);
      storage->tensor = loader_(*pid);
      stack_.push_back(storage);
      break;
    }
    default: {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", op);
      fail(Text("unsupported pickle opcode %1", {std::string(hex)}));
    }
  }
  return true;
}

Unpickled Machine::run() {
  while (true) {
    op_ = pos_;
    if (!step(uint8_t(little(1)))) return std::move(out_);
  }
}

}  // namespace

const char* kindName(Kind kind) {
  switch (kind) {
    case Kind::kNone:
      return "None";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return "int";
    case Kind::kFloat:
      return "float";
    case Kind::kString:
      return "string";
    case Kind::kTuple:
      return "tuple";
    case Kind::kList:
      return "list";
    case Kind::kDict:
      return "dict";
    case Kind::kGlobal:
      return "global";
    case Kind::kStorage:
      return "storage";
    case Kind::kTensor:
      return "tensor";
  }
  return "value";
}

Unpickled unpickle(const std::string& data, const StorageLoader& loadStorage,
                   const std::string& what) {
  return Machine(data, loadStorage, what).run();
}

}  // namespace kd
