#ifndef VEIL_CPCRE2_SHIM_H
#define VEIL_CPCRE2_SHIM_H

// Veil works on bytes: select the 8-bit code unit library before including pcre2.h,
// so Swift sees pcre2_compile_8, pcre2_jit_match_8 and friends.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Macros that do not import into Swift, exposed as inline functions.
static inline size_t veil_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t veil_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
static inline uint32_t veil_pcre2_anchored(void) { return PCRE2_ANCHORED; }
static inline uint32_t veil_pcre2_partial_hard(void) { return PCRE2_PARTIAL_HARD; }
static inline uint32_t veil_pcre2_no_utf_check(void) { return PCRE2_NO_UTF_CHECK; }

#endif
