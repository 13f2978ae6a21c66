/* Growable buffers shared by the C extensions (_ngrams.c, _vader.c). */
#ifndef BRANDCOUCH_CBUF_H
#define BRANDCOUCH_CBUF_H

#include <Python.h>
#include <stdlib.h>

/* make room for `need` items of `item` bytes in *p (capacity *cap, doubled as it grows);
   -1 with MemoryError set when the memory is not there */
static int grow(void **p, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * item);
    if (!q) {
        PyErr_NoMemory();
        return -1;
    }
    *p = q;
    *cap = c;
    return 0;
}

#endif
