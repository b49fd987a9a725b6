// zlib for gzip-compressed exports (gzopen/gzread) and CRC-32 (SIE #KSUMMA).
#include <zlib.h>
