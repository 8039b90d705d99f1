#pragma once
// Reads PyTorch state_dicts saved in Python with torch.save(model.state_dict(), path): the zip
// archive of data.pkl plus data/<key> storage records. LibTorch's pickle_load cannot (it turns
// collections.OrderedDict into None), so this is a small unpickler for the opcodes torch.save
// emits. The file is hostile input: every length, offset, count and shape is checked, and
// anything unexpected is a kd::Error naming it.
#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace kd {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// The tensors of the state_dict in file order, as views of their storages (a view may declare
// more elements than its storage holds, with stride 0: check its shape before copying it).
// `what` names the source in messages.
NamedTensors readStateDict(const std::vector<char>& bytes, const std::string& what);
NamedTensors readStateDictFile(const std::string& path);

// True when the bytes look like a zip archive whose data.pkl is not a TorchScript module's.
bool looksLikeStateDict(const std::vector<char>& bytes);

// Throws kd::Error when the bytes start like a zip archive but cannot be opened as one.
void checkZipIntact(const std::vector<char>& bytes, const std::string& what);

std::vector<char> readWholeFile(const std::string& path);

}  // namespace kd
