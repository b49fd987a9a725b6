// zlib for gzip-compressed exports (inflate) and CRC-32 (SIE #KSUMMA).
#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call: a gzip-only inflate (a gzip header required, the
// CRC-32 and length of the trailer checked by zlib when the stream ends).
static inline int uf_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
