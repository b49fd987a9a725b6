#include "FieldSplit.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Bit k of the result is set where bytes[k] == c, for the 64 bytes at `bytes`.
static inline uint64_t mask64(const uint8_t *bytes, uint8_t c) {
#if defined(__SSE2__)
    const __m128i wanted = _mm_set1_epi8((char)c);
    uint64_t m0 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)bytes), wanted));
    uint64_t m1 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + 16)), wanted));
    uint64_t m2 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + 32)), wanted));
    uint64_t m3 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + 48)), wanted));
    return m0 | m1 << 16 | m2 << 32 | m3 << 48;
#else
    uint64_t mask = 0;
    for (int k = 0; k < 64; k++) mask |= (uint64_t)(bytes[k] == c) << k;
    return mask;
#endif
}

size_t uf_split_lines(
    const uint8_t *bytes, size_t count, uint8_t delimiter, size_t separators, uint32_t *offsets,
    size_t max_lines, size_t *consumed) {
    const size_t per_line = separators + 1;
    size_t lines = 0;
    size_t taken = 0;
    size_t fields = 0;  // delimiters seen in the current line
    uint32_t *line = offsets;
    *consumed = 0;
    if (max_lines == 0) return 0;
    for (size_t block = 0; block < count; block += 64) {
        uint64_t delimiters;
        uint64_t feeds;
        if (count - block >= 64) {
            delimiters = mask64(bytes + block, delimiter);
            feeds = mask64(bytes + block, '\n');
        } else {
            delimiters = 0;
            feeds = 0;
            for (size_t k = 0; block + k < count; k++) {
                delimiters |= (uint64_t)(bytes[block + k] == delimiter) << k;
                feeds |= (uint64_t)(bytes[block + k] == '\n') << k;
            }
        }
        uint64_t marks = delimiters | feeds;
        while (marks != 0) {
            const unsigned bit = (unsigned)__builtin_ctzll(marks);
            const uint32_t position = (uint32_t)(block + bit);
            if ((feeds >> bit) & 1) {
                if (fields != separators) goto done;
                line[separators] = position;
                line += per_line;
                lines++;
                taken = (size_t)position + 1;
                fields = 0;
                if (lines == max_lines) goto done;
            } else {
                if (fields == separators) goto done;
                line[fields++] = position;
            }
            marks &= marks - 1;
        }
    }
done:
    *consumed = taken;
    return lines;
}
