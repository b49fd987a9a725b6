// The ledger CSV reader's byte classification: where a buffer's delimiters and line feeds are.
//
// Swift has no portable way to turn a vector comparison into a bit mask (its SIMD types compile such a
// comparison lane by lane), and this loop is what a ten-million-row ledger spends most of its parse on,
// so it is written in C: a narrow variant with SSE2 (every x86-64 processor has it; a plain loop
// elsewhere) that visits the marks one by one, and a wide one for processors with AVX-512BW, POPCNT and
// BMI that compares 64 bytes in one instruction, writes all marks' offsets without a branch per mark and
// then checks each line feed. `uf_split_lines` picks the wide one when the processor has it; both give
// the same result (a property test holds them to the contract). Everything the fields mean stays in
// Swift (`LedgerLineScanner`).
#ifndef UPPFOLJNING_FIELD_SPLIT_H
#define UPPFOLJNING_FIELD_SPLIT_H

#include <stddef.h>
#include <stdint.h>

/// Splits the complete lines at the front of `bytes` that have exactly `separators` delimiters each.
///
/// For each such line it writes `separators + 1` offsets (from `bytes`) to `offsets`: the positions of
/// the line's delimiters, then that of its line feed. It stops before the first line with another number
/// of delimiters (an empty line too), before a last line without a line feed, and after `max_lines`
/// lines. Quotes mean nothing here: the caller passes only bytes before the first quote.
///
/// Returns the number of lines split; `*consumed` is set to the bytes they take, line feeds included.
/// `count` must be below 2^32.
size_t uf_split_lines(
    const uint8_t *bytes, size_t count, uint8_t delimiter, size_t separators, uint32_t *offsets,
    size_t max_lines, size_t *consumed);

/// `uf_split_lines` with the narrow variant, on any processor.
size_t uf_split_lines_narrow(
    const uint8_t *bytes, size_t count, uint8_t delimiter, size_t separators, uint32_t *offsets,
    size_t max_lines, size_t *consumed);

/// `uf_split_lines` with the wide variant; call it only where `uf_split_lines_wide_available()`.
///
/// Every variant may write offsets besides those it returns, within the first
/// `max_lines * (separators + 1)` and never past them.
size_t uf_split_lines_wide(
    const uint8_t *bytes, size_t count, uint8_t delimiter, size_t separators, uint32_t *offsets,
    size_t max_lines, size_t *consumed);

/// Whether this processor runs the wide variant (AVX-512F/BW, POPCNT, BMI1).
int uf_split_lines_wide_available(void);

#endif
