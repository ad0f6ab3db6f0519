#ifndef CHECKSUM_H
#define CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* Adler-32 of a byte string: a small C function for the sample to call through cgo. */
uint32_t adler32(const unsigned char *data, size_t length);

#endif
