#include "FieldSplit.h"

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
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

// The bits of the last 1–63 bytes of a buffer, one by one.
static inline void tail_masks(
    const uint8_t *bytes, size_t count, uint8_t delimiter, uint64_t *delimiters, uint64_t *feeds) {
    *delimiters = 0;
    *feeds = 0;
    for (size_t k = 0; k < count; k++) {
        *delimiters |= (uint64_t)(bytes[k] == delimiter) << k;
        *feeds |= (uint64_t)(bytes[k] == '\n') << k;
    }
}

// Where a split stands: the offsets written (those of the lines split, then the current line's
// delimiters), where the current line's offsets begin, the lines split and the bytes they take.
struct split_state {
    size_t written;
    size_t line_start;
    size_t lines;
    size_t taken;
};

// Visits one block's marks one by one; returns 1 when the split stops (a line with another number of
// delimiters, or `max_lines` reached). Written ahead by the wide variant, a line may already hold more
// than `separators` offsets: it stops here too.
static inline int visit_marks(
    struct split_state *state, uint64_t marks, uint64_t feeds, size_t block, size_t separators,
    uint32_t *offsets, size_t max_lines) {
    while (marks != 0) {
        const unsigned bit = (unsigned)__builtin_ctzll(marks);
        const size_t fields = state->written - state->line_start;
        if ((feeds >> bit) & 1) {
            if (fields != separators) return 1;
            offsets[state->written++] = (uint32_t)(block + bit);
            state->line_start = state->written;
            state->lines++;
            state->taken = block + bit + 1;
            if (state->lines == max_lines) return 1;
        } else {
            if (fields >= separators) return 1;
            offsets[state->written++] = (uint32_t)(block + bit);
        }
        marks &= marks - 1;
    }
    return 0;
}

size_t uf_split_lines_narrow(
    const uint8_t *bytes, size_t count, uint8_t delimiter, size_t separators, uint32_t *offsets,
    size_t max_lines, size_t *consumed) {
    struct split_state state = {0, 0, 0, 0};
    *consumed = 0;
    if (max_lines == 0) return 0;
    for (size_t block = 0; block < count; block += 64) {
        uint64_t delimiters;
        uint64_t feeds;
        if (count - block >= 64) {
            delimiters = mask64(bytes + block, delimiter);
            feeds = mask64(bytes + block, '\n');
        } else {
            tail_masks(bytes + block, count - block, delimiter, &delimiters, &feeds);
        }
        if (visit_marks(&state, delimiters | feeds, feeds, block, separators, offsets, max_lines)) break;
    }
    *consumed = state.taken;
    return state.lines;
}

#if defined(__x86_64__)
#define WIDE_FEATURES "avx512f,avx512bw,popcnt,bmi"

// The position of the lowest set bit, or 0 when there is none.
__attribute__((target(WIDE_FEATURES))) static inline uint32_t lowest(uint64_t bits) {
    return (uint32_t)_tzcnt_u64(bits) & 63;
}

__attribute__((target(WIDE_FEATURES))) size_t uf_split_lines_wide(
    const uint8_t *bytes, size_t count, uint8_t delimiter, size_t separators, uint32_t *offsets,
    size_t max_lines, size_t *consumed) {
    const size_t per_line = separators + 1;
    const size_t capacity = max_lines * per_line;
    const __m512i wanted = _mm512_set1_epi8((char)delimiter);
    const __m512i feed = _mm512_set1_epi8('\n');
    struct split_state state = {0, 0, 0, 0};
    *consumed = 0;
    if (max_lines == 0) return 0;
    for (size_t block = 0; block < count; block += 64) {
        uint64_t delimiters;
        uint64_t feeds;
        if (count - block >= 64) {
            const __m512i chunk = _mm512_loadu_si512((const void *)(bytes + block));
            delimiters = _mm512_cmpeq_epi8_mask(chunk, wanted);
            feeds = _mm512_cmpeq_epi8_mask(chunk, feed);
        } else {
            tail_masks(bytes + block, count - block, delimiter, &delimiters, &feeds);
        }
        const uint64_t marks = delimiters | feeds;
        if (capacity - state.written < 64) {
            // Near the end of `offsets`: one mark at a time.
            if (visit_marks(&state, marks, feeds, block, separators, offsets, max_lines)) break;
            continue;
        }
        // Every mark's offset in order, eight at a time (the writes past the last land in room checked
        // above and are overwritten later), then each line feed checked to close a line of exactly
        // `separators` delimiters: few branches that depend on the data.
        const size_t start = state.written;
        const size_t found = (size_t)_mm_popcnt_u64(marks);
        uint32_t *out = offsets + start;
        uint64_t rest = marks;
        for (size_t k = 0; k < found; k += 8) {
            for (int j = 0; j < 8; j++) {
                out[k + j] = (uint32_t)block + lowest(rest);
                rest = _blsr_u64(rest);
            }
        }
        state.written = start + found;
        while (feeds != 0) {
            const unsigned bit = (unsigned)_tzcnt_u64(feeds);
            const size_t index = start + (size_t)_mm_popcnt_u64(marks & ((1ULL << bit) - 1));
            if (index != state.line_start + separators) goto done;
            state.line_start = index + 1;
            state.lines++;
            state.taken = block + bit + 1;
            if (state.lines == max_lines) goto done;
            feeds = _blsr_u64(feeds);
        }
    }
done:
    *consumed = state.taken;
    return state.lines;
}

int uf_split_lines_wide_available(void) {
    // Asked once; threads that race here store the same answer.
    static int known = -1;
    int available = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (available < 0) {
        __builtin_cpu_init();
        available = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                    __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi");
        __atomic_store_n(&known, available, __ATOMIC_RELAXED);
    }
    return available;
}
#else
size_t uf_split_lines_wide(
    const uint8_t *bytes, size_t count, uint8_t delimiter, size_t separators, uint32_t *offsets,
    size_t max_lines, size_t *consumed) {
    return uf_split_lines_narrow(bytes, count, delimiter, separators, offsets, max_lines, consumed);
}

int uf_split_lines_wide_available(void) { return 0; }
#endif

size_t uf_split_lines(
    const uint8_t *bytes, size_t count, uint8_t delimiter, size_t separators, uint32_t *offsets,
    size_t max_lines, size_t *consumed) {
    if (uf_split_lines_wide_available())
        return uf_split_lines_wide(bytes, count, delimiter, separators, offsets, max_lines, consumed);
    return uf_split_lines_narrow(bytes, count, delimiter, separators, offsets, max_lines, consumed);
}
