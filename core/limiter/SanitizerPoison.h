#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace vs {

// For memory a pool keeps for reuse: while a block is free it stays poisoned, so that
// AddressSanitizer still reports a use after free inside the pool. Without the sanitizer both
// do nothing.
inline void poisonForSanitizer(const void *begin, std::size_t bytes)
{
#if defined(__SANITIZE_ADDRESS__)
    ASAN_POISON_MEMORY_REGION(begin, bytes);
#else
    (void)begin;
    (void)bytes;
#endif
}

inline void unpoisonForSanitizer(const void *begin, std::size_t bytes)
{
#if defined(__SANITIZE_ADDRESS__)
    ASAN_UNPOISON_MEMORY_REGION(begin, bytes);
#else
    (void)begin;
    (void)bytes;
#endif
}

} // namespace vs
