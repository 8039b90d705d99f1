#pragma once
// Out of memory is bad input too (a huge image folder, a giant architecture): it becomes a
// kd::Error with a clear message, never an abort. Sizes known in advance are checked against
// the memory the system can still give; allocation failures that slip past are translated.
#include <c10/util/Exception.h>

#include <cstdint>
#include <new>
#include <string>

#include "kd/error.h"

namespace kd {

// The kernel's MemAvailable in bytes; 0 when unknown.
uint64_t availableMemoryBytes();

// Throws kd::Error when `bytes` is more than the memory available; `what` says what needs it.
void checkFitsInMemory(uint64_t bytes, const Text& what);

// True for LibTorch's allocation failures (c10::Error "can't allocate memory", CUDA's OOM).
bool isOutOfMemory(const c10::Error& e);

[[noreturn]] void throwOutOfMemory(const Text& what);

// Runs fn; a std::bad_alloc or a LibTorch allocation failure becomes kd::Error naming `what`.
template <typename F>
auto translatingOutOfMemory(const Text& what, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    throwOutOfMemory(what);
  } catch (const c10::Error& e) {
    if (isOutOfMemory(e)) throwOutOfMemory(what);
    throw;
  }
}

}  // namespace kd
