/*
 * brandcouch.signals._ngrams: hashed n-gram counts for the learned models (issue 15).
 *
 * The same features as scikit-learn's HashingVectorizer(alternate_sign=False, lowercase=False)
 * for the two analysers the models use, without its per-n-gram Python call chain:
 *
 *   word     token_pattern (?u)\b\w\w+\b (maximal runs of two or more word characters, a word
 *            character being what Python's re calls \w: str.isalnum() or "_"), n-grams joined
 *            by one space;
 *   char_wb  each whitespace-separated word padded with one space on each side, n-grams of
 *            characters inside it (a word shorter than n counted once, as scikit-learn does).
 *
 * Each n-gram's UTF-8 bytes are hashed with MurmurHash3 (x86, 32 bit, seed 0) and mapped to a
 * column as scikit-learn does (abs of the signed hash modulo n_features). Per document the
 * columns are sorted and counted, so the result is the CSR matrix scikit-learn gives after
 * sum_duplicates() (integer counts, sorted indices), before binary/normalisation, which the
 * Python side applies (brandcouch.signals.learned).
 *
 * Text with a lone surrogate cannot be encoded as UTF-8: ValueError, and the caller falls back
 * to scikit-learn (which raises its own error on it, as before).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "_cbuf.h"
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

static inline uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

static uint32_t murmur3_32(const uint8_t *key, Py_ssize_t len, uint32_t seed)
{
    const uint32_t c1 = 0xcc9e2d51u, c2 = 0x1b873593u;
    uint32_t h = seed;
    Py_ssize_t nblocks = len / 4;
    for (Py_ssize_t i = 0; i < nblocks; i++) {
        const uint8_t *p = key + 4 * i;
        uint32_t k = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
                     ((uint32_t)p[3] << 24);
        k *= c1;
        k = rotl32(k, 15);
        k *= c2;
        h ^= k;
        h = rotl32(h, 13);
        h = h * 5 + 0xe6546b64u;
    }
    const uint8_t *tail = key + 4 * nblocks;
    uint32_t k1 = 0;
    switch (len & 3) {
    case 3:
        k1 ^= (uint32_t)tail[2] << 16;
        /* fall through */
    case 2:
        k1 ^= (uint32_t)tail[1] << 8;
        /* fall through */
    case 1:
        k1 ^= tail[0];
        k1 *= c1;
        k1 = rotl32(k1, 15);
        k1 *= c2;
        h ^= k1;
    }
    h ^= (uint32_t)len;
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

/* scikit-learn's column of a signed 32-bit hash: abs(h) % n, with abs(INT32_MIN) taken as
   2**31 (sklearn/feature_extraction/_hashing_fast.pyx) */
static inline int32_t column(uint32_t hash, int64_t n_features)
{
    int32_t h = (int32_t)hash;
    if (h == INT32_MIN)
        return (int32_t)((2147483647 - (n_features - 1)) % n_features);
    return (int32_t)((int64_t)(h < 0 ? -h : h) % n_features);
}

/* a CSR matrix built row by row: int64 indptr, int32 columns, float64 values */
typedef struct {
    int64_t *indptr;
    size_t indptr_cap, rows;
    int32_t *cols;
    double *vals;
    size_t cols_cap, vals_cap, nnz;
} csr_t;

static int csr_init(csr_t *m, size_t rows)
{
    if (grow((void **)&m->indptr, &m->indptr_cap, rows + 1, sizeof(int64_t)) < 0)
        return -1;
    m->indptr[0] = 0;
    return 0;
}

/* append a row: the sorted columns cols[0..n), each run of one column an entry holding its
   count (or 1.0 with binary), then divided by the row's l1 (norm 1) or l2 (norm 2) norm as
   scikit-learn's normalize() does in place: the sum of |x| or x*x over the row in column order,
   its square root for l2, a row summing to 0 left alone */
static int csr_row(csr_t *m, const int32_t *cols, size_t n, int binary, int norm)
{
    size_t distinct = 0;
    for (size_t k = 0; k < n; k++)
        if (k == 0 || cols[k] != cols[k - 1])
            distinct++;
    if (grow((void **)&m->cols, &m->cols_cap, m->nnz + distinct, sizeof(int32_t)) < 0 ||
        grow((void **)&m->vals, &m->vals_cap, m->nnz + distinct, sizeof(double)) < 0 ||
        grow((void **)&m->indptr, &m->indptr_cap, m->rows + 2, sizeof(int64_t)) < 0)
        return -1;
    int32_t *out_i = m->cols + m->nnz;
    double *out_v = m->vals + m->nnz;
    size_t j = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || cols[k] != cols[k - 1]) {
            out_i[j] = cols[k];
            out_v[j] = 1.0;
            j++;
        } else if (!binary) {
            out_v[j - 1] += 1.0;
        }
    }
    if (norm) {
        double sum = 0.0;
        for (size_t k = 0; k < distinct; k++)
            sum += norm == 2 ? out_v[k] * out_v[k] : fabs(out_v[k]);
        if (sum != 0.0) {
            if (norm == 2)
                sum = sqrt(sum);
            for (size_t k = 0; k < distinct; k++)
                out_v[k] /= sum;
        }
    }
    m->nnz += distinct;
    m->indptr[++m->rows] = (int64_t)m->nnz;
    return 0;
}

/* (indptr, indices) as bytes and values as a bytearray (writable) */
static PyObject *csr_result(const csr_t *m)
{
    return Py_BuildValue(
        "(y#y#N)", (const char *)m->indptr, (Py_ssize_t)((m->rows + 1) * sizeof(int64_t)),
        m->cols ? (const char *)m->cols : "", (Py_ssize_t)(m->nnz * sizeof(int32_t)),
        PyByteArray_FromStringAndSize(m->vals ? (const char *)m->vals : "",
                                      (Py_ssize_t)(m->nnz * sizeof(double))));
}

static void csr_free(csr_t *m)
{
    free(m->indptr);
    free(m->cols);
    free(m->vals);
}

/* the UTF-8 bytes of n code points into out (room for 4 bytes each); -1 on a surrogate */
static Py_ssize_t utf8_encode(const Py_UCS4 *cps, Py_ssize_t n, uint8_t *out)
{
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = cps[i];
        if (c < 0x80) {
            out[k++] = (uint8_t)c;
        } else if (c < 0x800) {
            out[k++] = (uint8_t)(0xC0 | (c >> 6));
            out[k++] = (uint8_t)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            if (c >= 0xD800 && c <= 0xDFFF)
                return -1;
            out[k++] = (uint8_t)(0xE0 | (c >> 12));
            out[k++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            out[k++] = (uint8_t)(0x80 | (c & 0x3F));
        } else {
            out[k++] = (uint8_t)(0xF0 | (c >> 18));
            out[k++] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
            out[k++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            out[k++] = (uint8_t)(0x80 | (c & 0x3F));
        }
    }
    return k;
}

/* sort a document's columns (all in [0, n_features)): insertion sort for a short run, else
   an LSD radix sort on 11-bit digits through tmp (as long as a); only the digits that
   n_features needs are sorted on */
static void sort_cols(int32_t *a, int32_t *tmp, Py_ssize_t n, int passes)
{
    if (n <= 48) {
        for (Py_ssize_t i = 1; i < n; i++) {
            int32_t v = a[i];
            Py_ssize_t j = i;
            while (j > 0 && a[j - 1] > v) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
        return;
    }
    int32_t *src = a, *dst = tmp;
    for (int p = 0; p < passes; p++) {
        Py_ssize_t count[2049] = {0};
        int shift = 11 * p;
        for (Py_ssize_t i = 0; i < n; i++)
            count[((uint32_t)src[i] >> shift & 2047u) + 1]++;
        for (int d = 0; d < 2048; d++)
            count[d + 1] += count[d];
        for (Py_ssize_t i = 0; i < n; i++)
            dst[count[(uint32_t)src[i] >> shift & 2047u]++] = src[i];
        int32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, (size_t)n * sizeof(int32_t));
}

static inline int is_word(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c) || c == '_'; }

/* per-document scratch space */
typedef struct {
    Py_UCS4 *cps;     /* the document's code points (char_wb: padded words, one at a time) */
    size_t cps_cap;
    uint8_t *bytes;   /* UTF-8 of one n-gram */
    size_t bytes_cap;
    Py_ssize_t *tok;  /* word: token start, end pairs */
    size_t tok_cap;
    int32_t *cols;    /* the document's columns before counting */
    size_t cols_len, cols_cap;
    int32_t *tmp;     /* the radix sort's other buffer */
    size_t tmp_cap;
    Py_ssize_t *off;  /* char_wb: byte offset of each code point of the padded word */
    size_t off_cap;
} scratch_t;

static int push_col(scratch_t *s, int32_t col)
{
    if (grow((void **)&s->cols, &s->cols_cap, s->cols_len + 1, sizeof(int32_t)) < 0)
        return -1;
    s->cols[s->cols_len++] = col;
    return 0;
}

/* hash cps[0..n) (already laid out as the n-gram's characters) */
static int hash_span(scratch_t *s, const Py_UCS4 *cps, Py_ssize_t n, int64_t n_features)
{
    if (grow((void **)&s->bytes, &s->bytes_cap, (size_t)n * 4 + 4, 1) < 0)
        return -1;
    Py_ssize_t len = utf8_encode(cps, n, s->bytes);
    if (len < 0) {
        PyErr_SetString(PyExc_ValueError, "text has a lone surrogate");
        return -1;
    }
    return push_col(s, column(murmur3_32(s->bytes, len, 0), n_features));
}

static int doc_word(scratch_t *s, const Py_UCS4 *cps, Py_ssize_t n, int min_n, int max_n,
                    int64_t n_features)
{
    /* tokens: maximal runs of >= 2 word characters */
    Py_ssize_t ntok = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        if (!is_word(cps[i])) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && is_word(cps[i]))
            i++;
        if (i - start >= 2) {
            if (grow((void **)&s->tok, &s->tok_cap, (size_t)(ntok + 1) * 2, sizeof(Py_ssize_t)) < 0)
                return -1;
            s->tok[2 * ntok] = start;
            s->tok[2 * ntok + 1] = i;
            ntok++;
        }
    }
    /* n-grams of tokens joined by single spaces: lay each out in a small code point buffer */
    Py_UCS4 *gram = NULL;
    size_t gram_cap = 0;
    int rc = 0;
    for (int g = min_n; g <= max_n && rc == 0; g++) {
        for (Py_ssize_t t = 0; t + g <= ntok; t++) {
            Py_ssize_t len = 0;
            for (int k = 0; k < g; k++)
                len += s->tok[2 * (t + k) + 1] - s->tok[2 * (t + k)] + (k ? 1 : 0);
            if (grow((void **)&gram, &gram_cap, (size_t)len, sizeof(Py_UCS4)) < 0) {
                rc = -1;
                break;
            }
            Py_ssize_t pos = 0;
            for (int k = 0; k < g; k++) {
                if (k)
                    gram[pos++] = ' ';
                Py_ssize_t a = s->tok[2 * (t + k)], b = s->tok[2 * (t + k) + 1];
                memcpy(gram + pos, cps + a, (size_t)(b - a) * sizeof(Py_UCS4));
                pos += b - a;
            }
            if (hash_span(s, gram, len, n_features) < 0) {
                rc = -1;
                break;
            }
        }
    }
    free(gram);
    return rc;
}

static int doc_char_wb(scratch_t *s, const Py_UCS4 *cps, Py_ssize_t n, int min_n, int max_n,
                       int64_t n_features)
{
    Py_ssize_t i = 0;
    while (i < n) {
        if (Py_UNICODE_ISSPACE(cps[i])) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && !Py_UNICODE_ISSPACE(cps[i]))
            i++;
        /* the padded word " " + word + " " as UTF-8, with each code point's byte offset */
        Py_ssize_t wl = i - start + 2;
        if (grow((void **)&s->bytes, &s->bytes_cap, (size_t)wl * 4, 1) < 0 ||
            grow((void **)&s->off, &s->off_cap, (size_t)wl + 1, sizeof(Py_ssize_t)) < 0)
            return -1;
        uint8_t *u = s->bytes;
        Py_ssize_t k = 0;
        for (Py_ssize_t c = 0; c < wl; c++) {
            s->off[c] = k;
            Py_UCS4 ch = (c == 0 || c == wl - 1) ? ' ' : cps[start + c - 1];
            Py_ssize_t m = utf8_encode(&ch, 1, u + k);
            if (m < 0) {
                PyErr_SetString(PyExc_ValueError, "text has a lone surrogate");
                return -1;
            }
            k += m;
        }
        s->off[wl] = k;
        for (int g = min_n; g <= max_n; g++) {
            if (g >= wl) { /* the whole padded word, once, and no longer n-grams */
                if (push_col(s, column(murmur3_32(u, k, 0), n_features)) < 0)
                    return -1;
                break;
            }
            if (grow((void **)&s->cols, &s->cols_cap, s->cols_len + (size_t)(wl - g + 1),
                     sizeof(int32_t)) < 0)
                return -1;
            for (Py_ssize_t o = 0; o + g <= wl; o++) {
                Py_ssize_t b0 = s->off[o];
                s->cols[s->cols_len++] = column(murmur3_32(u + b0, s->off[o + g] - b0, 0), n_features);
            }
        }
    }
    return 0;
}

/* hash_counts(docs, analyzer, min_n, max_n, n_features, binary=False, norm=None) -> (indptr,
   indices, values): int64 indptr (len(docs) + 1) and int32 sorted columns as bytes, float64
   values as a bytearray (writable); the values as csr_row gives them */
static PyObject *hash_counts(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *docs;
    const char *analyzer;
    int min_n, max_n;
    long long n_features;
    int binary = 0;
    const char *norm = NULL;
    if (!PyArg_ParseTuple(args, "OsiiL|pz", &docs, &analyzer, &min_n, &max_n, &n_features,
                          &binary, &norm))
        return NULL;
    int norm_kind = 0; /* 0 none, 1 l1, 2 l2 */
    if (norm && strcmp(norm, "l1") == 0)
        norm_kind = 1;
    else if (norm && strcmp(norm, "l2") == 0)
        norm_kind = 2;
    else if (norm) {
        PyErr_Format(PyExc_ValueError, "unsupported norm %s", norm);
        return NULL;
    }
    int char_wb;
    if (strcmp(analyzer, "word") == 0)
        char_wb = 0;
    else if (strcmp(analyzer, "char_wb") == 0)
        char_wb = 1;
    else {
        PyErr_Format(PyExc_ValueError, "unsupported analyzer %s", analyzer);
        return NULL;
    }
    if (min_n < 1 || max_n < min_n || n_features < 1 || n_features > 2147483647LL) {
        PyErr_SetString(PyExc_ValueError, "bad ngram_range or n_features");
        return NULL;
    }
    int passes = 1; /* 11-bit digits that cover every column */
    while (passes < 3 && (n_features - 1) >> (11 * passes))
        passes++;
    PyObject *seq = PySequence_Fast(docs, "docs must be a sequence of str");
    if (!seq)
        return NULL;
    Py_ssize_t ndocs = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    csr_t m = {0};
    scratch_t s = {0};
    PyObject *result = NULL;

    if (csr_init(&m, (size_t)ndocs) < 0)
        goto done;
    for (Py_ssize_t d = 0; d < ndocs; d++) {
        PyObject *doc = items[d];
        if (!PyUnicode_Check(doc)) {
            PyErr_Format(PyExc_TypeError, "docs[%zd] is not a str", d);
            goto done;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(doc);
        if (grow((void **)&s.cps, &s.cps_cap, (size_t)n + 1, sizeof(Py_UCS4)) < 0)
            goto done;
        if (!PyUnicode_AsUCS4(doc, s.cps, (Py_ssize_t)s.cps_cap, 0))
            goto done;
        s.cols_len = 0;
        int rc = char_wb ? doc_char_wb(&s, s.cps, n, min_n, max_n, n_features)
                         : doc_word(&s, s.cps, n, min_n, max_n, n_features);
        if (rc < 0)
            goto done;
        if (grow((void **)&s.tmp, &s.tmp_cap, s.cols_len, sizeof(int32_t)) < 0)
            goto done;
        sort_cols(s.cols, s.tmp, (Py_ssize_t)s.cols_len, passes);
        if (csr_row(&m, s.cols, s.cols_len, binary, norm_kind) < 0)
            goto done;
    }
    result = csr_result(&m);
done:
    Py_DECREF(seq);
    csr_free(&m);
    free(s.cps);
    free(s.bytes);
    free(s.tok);
    free(s.cols);
    free(s.tmp);
    free(s.off);
    return result;
}

/* vocab_counts(docs, vocabulary, stop_words) -> (indptr, indices, counts) as hash_counts gives
   them (int64 indptr, int32 sorted columns, float64 counts). The counts of the LSA relevance model
   (brandcouch.signals.relevance_semantic.SemanticModel.counts): tokens as Python's re finds
   (?u)\b[^\W_][\w']*\b (a word character other than "_" after a non-word character, then
   word characters and apostrophes, ending at the last word character), stop words dropped,
   then each remaining unigram and each pair of neighbours ("a b") counted when it is a key of
   vocabulary (str -> int column). */
static PyObject *vocab_counts(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *docs, *vocab, *stop;
    if (!PyArg_ParseTuple(args, "OO!O", &docs, &PyDict_Type, &vocab, &stop))
        return NULL;
    if (!PyAnySet_Check(stop)) {
        PyErr_SetString(PyExc_TypeError, "stop_words must be a set or frozenset");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(docs, "docs must be a sequence of str");
    if (!seq)
        return NULL;
    Py_ssize_t ndocs = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    csr_t m = {0};
    PyObject **kept = NULL; /* the document's tokens after stop words, new references */
    size_t kept_cap = 0, nkept = 0;
    int32_t *cols = NULL, *tmp = NULL;
    size_t cols_cap = 0, tmp_cap = 0, ncols = 0;
    PyObject *result = NULL;

    if (csr_init(&m, (size_t)ndocs) < 0)
        goto done;
    for (Py_ssize_t d = 0; d < ndocs; d++) {
        PyObject *doc = items[d];
        if (!PyUnicode_Check(doc)) {
            PyErr_Format(PyExc_TypeError, "docs[%zd] is not a str", d);
            goto done;
        }
        int kind = PyUnicode_KIND(doc);
        const void *data = PyUnicode_DATA(doc);
        Py_ssize_t n = PyUnicode_GET_LENGTH(doc);
        nkept = 0;
        ncols = 0;
        Py_ssize_t i = 0;
        int prev_word = 0;
        while (i < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            int w = is_word(c);
            if (!(w && c != '_' && !prev_word)) {
                prev_word = w;
                i++;
                continue;
            }
            Py_ssize_t end = i + 1, j = i + 1;
            while (j < n) {
                Py_UCS4 cj = PyUnicode_READ(kind, data, j);
                if (is_word(cj))
                    end = j + 1;
                else if (cj != '\'')
                    break;
                j++;
            }
            PyObject *tok = PyUnicode_Substring(doc, i, end);
            if (!tok)
                goto done;
            int is_stop = PySet_Contains(stop, tok);
            if (is_stop < 0) {
                Py_DECREF(tok);
                goto done;
            }
            if (is_stop) {
                Py_DECREF(tok);
            } else {
                if (grow((void **)&kept, &kept_cap, nkept + 1, sizeof(PyObject *)) < 0) {
                    Py_DECREF(tok);
                    goto done;
                }
                kept[nkept++] = tok;
            }
            /* the search goes on where the match ended: the character before is a word one */
            i = end;
            prev_word = 1;
        }
        for (size_t k = 0; k < nkept; k++) {
            for (int g = 0; g < 2; g++) {
                PyObject *key;
                if (g == 0) {
                    key = kept[k];
                    Py_INCREF(key);
                } else {
                    if (k + 1 >= nkept)
                        break;
                    key = PyUnicode_FromFormat("%U %U", kept[k], kept[k + 1]);
                    if (!key)
                        goto done;
                }
                PyObject *idx = PyDict_GetItemWithError(vocab, key);
                Py_DECREF(key);
                if (!idx) {
                    if (PyErr_Occurred())
                        goto done;
                    continue;
                }
                long col = PyLong_AsLong(idx);
                if (col == -1 && PyErr_Occurred())
                    goto done;
                if (grow((void **)&cols, &cols_cap, ncols + 1, sizeof(int32_t)) < 0)
                    goto done;
                cols[ncols++] = (int32_t)col;
            }
        }
        for (size_t k = 0; k < nkept; k++)
            Py_CLEAR(kept[k]);
        nkept = 0;
        if (grow((void **)&tmp, &tmp_cap, ncols, sizeof(int32_t)) < 0)
            goto done;
        sort_cols(cols, tmp, (Py_ssize_t)ncols, 3);
        if (csr_row(&m, cols, ncols, 0, 0) < 0)
            goto done;
    }
    result = csr_result(&m);
done:
    for (size_t k = 0; k < nkept; k++)
        Py_XDECREF(kept[k]);
    free(kept);
    free(cols);
    free(tmp);
    Py_DECREF(seq);
    csr_free(&m);
    return result;
}

/* minhash(hashes, offsets, a, b) -> bytearray of len(offsets) - 1 rows of len(a) uint32: text
   i's value for permutation p is the least (a[p] * h + b[p]) mod 2**64 >> 32 over its shingle
   hashes h = hashes[offsets[i]:offsets[i + 1]] (uint64 arithmetic, as numpy computes it in
   brandcouch.signals.templates.minhash), 0xFFFFFFFF for a text without shingles */
static PyObject *minhash(PyObject *Py_UNUSED(self), PyObject *args)
{
    Py_buffer hv, ov, av, bv;
    if (!PyArg_ParseTuple(args, "y*y*y*y*", &hv, &ov, &av, &bv))
        return NULL;
    PyObject *out = NULL;
    Py_ssize_t n_hash = hv.len / 8, n_off = ov.len / 8, n_perm = av.len / 8;
    if (hv.len % 8 || ov.len % 8 || av.len % 8 || bv.len != av.len || n_off < 1 || n_perm < 1) {
        PyErr_SetString(PyExc_ValueError, "minhash takes uint64 hashes, int64 offsets, a, b");
        goto done;
    }
    const uint64_t *h = hv.buf, *a = av.buf, *b = bv.buf;
    const int64_t *off = ov.buf;
    Py_ssize_t n = n_off - 1;
    for (Py_ssize_t i = 0; i < n; i++)
        if (off[i] < 0 || off[i] > off[i + 1] || off[i + 1] > n_hash) {
            PyErr_SetString(PyExc_ValueError, "offsets out of order or out of range");
            goto done;
        }
    out = PyByteArray_FromStringAndSize(NULL, n * n_perm * (Py_ssize_t)sizeof(uint32_t));
    if (!out)
        goto done;
    uint32_t *sig = (uint32_t *)PyByteArray_AS_STRING(out);
    uint64_t *cur = malloc((size_t)n_perm * sizeof(uint64_t));
    if (!cur) {
        Py_CLEAR(out);
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        for (Py_ssize_t p = 0; p < n_perm; p++)
            cur[p] = 0xFFFFFFFFu;
        for (int64_t k = off[i]; k < off[i + 1]; k++) {
            uint64_t x = h[k];
            for (Py_ssize_t p = 0; p < n_perm; p++) {
                uint64_t v = (a[p] * x + b[p]) >> 32;
                if (v < cur[p])
                    cur[p] = v;
            }
        }
        for (Py_ssize_t p = 0; p < n_perm; p++)
            sig[i * n_perm + p] = (uint32_t)cur[p];
    }
    Py_END_ALLOW_THREADS
    free(cur);
done:
    PyBuffer_Release(&hv);
    PyBuffer_Release(&ov);
    PyBuffer_Release(&av);
    PyBuffer_Release(&bv);
    return out;
}

/* pair_jaccard(indptr, cols, pairs) -> bytearray of len(pairs) float64: |A & B| / |A | B| of
   the rows pairs[k] = (i, j) of a CSR set (int64 indptr, int32 cols sorted and distinct within
   each row; int64 pairs, flattened), 0.0 where both rows are empty. The counts are integers,
   so the one division gives the bits of brandcouch.signals.templates._jaccard's sparse path. */
static PyObject *pair_jaccard(PyObject *Py_UNUSED(self), PyObject *args)
{
    Py_buffer iv, cv, pv;
    if (!PyArg_ParseTuple(args, "y*y*y*", &iv, &cv, &pv))
        return NULL;
    PyObject *out = NULL;
    Py_ssize_t n_rows = iv.len / 8 - 1, n_cols = cv.len / 4, n_pairs = pv.len / 16;
    const int64_t *indptr = iv.buf, *pairs = pv.buf;
    const int32_t *cols = cv.buf;
    if (iv.len % 8 || cv.len % 4 || pv.len % 16 || n_rows < 0 || indptr[0] != 0 ||
        indptr[n_rows] != n_cols) {
        PyErr_SetString(PyExc_ValueError, "pair_jaccard takes int64 indptr, int32 cols, int64 pairs");
        goto done;
    }
    for (Py_ssize_t r = 0; r < n_rows; r++)
        if (indptr[r] > indptr[r + 1]) {
            PyErr_SetString(PyExc_ValueError, "indptr out of order");
            goto done;
        }
    for (Py_ssize_t k = 0; k < 2 * n_pairs; k++)
        if (pairs[k] < 0 || pairs[k] >= n_rows) {
            PyErr_SetString(PyExc_ValueError, "a pair names a row out of range");
            goto done;
        }
    out = PyByteArray_FromStringAndSize(NULL, n_pairs * (Py_ssize_t)sizeof(double));
    if (!out)
        goto done;
    double *res = (double *)PyByteArray_AS_STRING(out);
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t k = 0; k < n_pairs; k++) {
        const int32_t *a = cols + indptr[pairs[2 * k]], *ae = cols + indptr[pairs[2 * k] + 1];
        const int32_t *b = cols + indptr[pairs[2 * k + 1]], *be = cols + indptr[pairs[2 * k + 1] + 1];
        int64_t na = ae - a, nb = be - b, inter = 0;
        while (a < ae && b < be) {
            if (*a < *b)
                a++;
            else if (*b < *a)
                b++;
            else {
                inter++;
                a++;
                b++;
            }
        }
        int64_t uni = na + nb - inter;
        res[k] = uni > 0 ? (double)inter / (double)uni : 0.0;
    }
    Py_END_ALLOW_THREADS
done:
    PyBuffer_Release(&iv);
    PyBuffer_Release(&cv);
    PyBuffer_Release(&pv);
    return out;
}

/* murmur3_32(data: bytes, seed=0) -> signed int: the hash itself, for tests against
   scikit-learn's murmurhash3_32 */
static PyObject *py_murmur3_32(PyObject *Py_UNUSED(self), PyObject *args)
{
    Py_buffer view;
    unsigned int seed = 0;
    if (!PyArg_ParseTuple(args, "y*|I", &view, &seed))
        return NULL;
    uint32_t h = murmur3_32((const uint8_t *)view.buf, view.len, seed);
    PyBuffer_Release(&view);
    return PyLong_FromLong((long)(int32_t)h);
}

/* the common frame of the per-text counters below: `width` int64 per text, filled by `count`
   from the text's characters */
typedef void (*counter_fn)(int kind, const void *data, Py_ssize_t len, int64_t *row);

static PyObject *count_texts(PyObject *args, Py_ssize_t width, counter_fn count)
{
    PyObject *docs;
    if (!PyArg_ParseTuple(args, "O", &docs))
        return NULL;
    PyObject *seq = PySequence_Fast(docs, "texts must be a sequence of str");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *out = PyBytes_FromStringAndSize(NULL, n * width * (Py_ssize_t)sizeof(int64_t));
    if (!out) {
        Py_DECREF(seq);
        return NULL;
    }
    int64_t *res = (int64_t *)PyBytes_AS_STRING(out);
    for (Py_ssize_t d = 0; d < n; d++) {
        PyObject *doc = items[d];
        if (!PyUnicode_Check(doc)) {
            PyErr_Format(PyExc_TypeError, "texts[%zd] is not a str", d);
            Py_DECREF(out);
            Py_DECREF(seq);
            return NULL;
        }
        count(PyUnicode_KIND(doc), PyUnicode_DATA(doc), PyUnicode_GET_LENGTH(doc),
              res + d * width);
    }
    Py_DECREF(seq);
    return out;
}

/* ---- readability and length (brandcouch.signals.readability) ----------------------------
 *
 * Python's re on str: \w is Py_UNICODE_ISALNUM or "_", \d is Py_UNICODE_ISDECIMAL, \s is
 * Py_UNICODE_ISSPACE (CPython's _sre uses exactly these), so
 *   a letter of _WORD  [^\W\d_]  is ISALNUM and not ISDECIMAL (and not "_", never ALNUM);
 *   a token of _TOKEN  \S*[^\W_]\S*  is a maximal run of non-space characters with an ISALNUM
 *                      character in it (findall's match takes the whole run).
 */
static inline int is_letter(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c); }
static inline int is_vowel(Py_UCS4 c)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case 'A': case 'E': case 'I': case 'O': case 'U': case 'Y':
        return 1;
    }
    return 0;
}
static inline Py_UCS4 ascii_lower(Py_UCS4 c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* flesch_counts(bodies) -> bytes of int64 triples (words, sentences, syllables) per text.
   A body is clean(text) (single spaces, no line breaks, stripped). Words: _WORD's matches;
   sentences: max(1, runs of . ! ? followed by a space or the end); syllables: the sum over
   words of max(1, vowel groups of word.lower(), minus a silent final "e" but not "le", "ee",
   "ye" when there are two or more). str.lower() of a non-ASCII character gives an ASCII one
   only for U+0130 and U+212A (checked over every code point): a text with either gets
   syllables -1, and the caller counts it in Python. */
static void flesch_row(int kind, const void *data, Py_ssize_t len, int64_t *row)
{
    int64_t words = 0, sents = 0, syll = 0;
    int odd = 0;
    Py_ssize_t i = 0;
    while (i < len) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '.' || c == '!' || c == '?') {
            Py_ssize_t j = i;
            while (j < len) {
                Py_UCS4 cj = PyUnicode_READ(kind, data, j);
                if (cj != '.' && cj != '!' && cj != '?')
                    break;
                j++;
            }
            if (j == len || Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)))
                sents++;
            i = j;
            continue;
        }
        if (!is_letter(c)) {
            i++;
            continue;
        }
        /* a word: letters, then ("'" or U+2019, letters)* */
        int64_t groups = 0;
        int in_vowels = 0;
        Py_UCS4 last = 0, before = 0; /* the lowered word's last two characters */
        for (;;) {
            Py_UCS4 cj = PyUnicode_READ(kind, data, i);
            if (cj == 0x130 || cj == 0x212A)
                odd = 1;
            Py_UCS4 lo = ascii_lower(cj);
            if (is_vowel(lo)) {
                if (!in_vowels)
                    groups++;
                in_vowels = 1;
            } else {
                in_vowels = 0;
            }
            before = last;
            last = lo;
            i++;
            if (i < len && is_letter(PyUnicode_READ(kind, data, i)))
                continue;
            if (i + 1 < len) {
                Py_UCS4 ap = PyUnicode_READ(kind, data, i);
                if ((ap == '\'' || ap == 0x2019) && is_letter(PyUnicode_READ(kind, data, i + 1))) {
                    in_vowels = 0; /* the apostrophe separates vowel groups */
                    before = last;
                    last = ap;
                    i++;
                    continue;
                }
            }
            break;
        }
        if (groups > 1 && last == 'e' && !(before == 'l' || before == 'e' || before == 'y'))
            groups--;
        syll += groups > 1 ? groups : 1;
        words++;
    }
    row[0] = words;
    row[1] = sents > 1 ? sents : 1;
    row[2] = odd ? -1 : syll;
}

static PyObject *flesch_counts(PyObject *Py_UNUSED(self), PyObject *args)
{
    return count_texts(args, 3, flesch_row);
}

/* token_counts(texts) -> bytes of int64: len(_TOKEN.findall(text)) per text */
static void token_row(int kind, const void *data, Py_ssize_t len, int64_t *row)
{
    int64_t tokens = 0;
    int in_token = 0, has_alnum = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c)) {
            tokens += in_token && has_alnum;
            in_token = has_alnum = 0;
        } else {
            in_token = 1;
            if (!has_alnum && Py_UNICODE_ISALNUM(c))
                has_alnum = 1;
        }
    }
    row[0] = tokens + (in_token && has_alnum);
}

static PyObject *token_counts(PyObject *Py_UNUSED(self), PyObject *args)
{
    return count_texts(args, 1, token_row);
}

/* complaint's surface features: "!" and "?" counts, the letters (str.isalpha), the upper-case
   ones among them (str.isupper), the words of str.split() */
static void surface_row(int kind, const void *data, Py_ssize_t len, int64_t *row)
{
    int64_t excl = 0, quest = 0, alpha = 0, upper = 0, words = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c)) {
            in_word = 0;
            continue;
        }
        if (!in_word) {
            words++;
            in_word = 1;
        }
        if (c == '!')
            excl++;
        else if (c == '?')
            quest++;
        else if (Py_UNICODE_ISALPHA(c)) {
            alpha++;
            upper += Py_UNICODE_ISUPPER(c) != 0;
        }
    }
    row[0] = excl;
    row[1] = quest;
    row[2] = alpha;
    row[3] = upper;
    row[4] = words;
}

/* complaint's shouting cue: the whitespace-separated words (Py_UNICODE_ISSPACE, as \s and
   str.split()) that have an ASCII letter, and those with two or more ASCII letters, all upper
   case (the word's other characters are removed before str.isupper()) */
static void caps_row(int kind, const void *data, Py_ssize_t len, int64_t *row)
{
    int64_t words = 0, caps = 0;
    Py_ssize_t letters = 0;
    int lower = 0;
    for (Py_ssize_t i = 0; i <= len; i++) {
        Py_UCS4 c = i < len ? PyUnicode_READ(kind, data, i) : ' ';
        if (i == len || Py_UNICODE_ISSPACE(c)) {
            if (letters) {
                words++;
                caps += letters >= 2 && !lower;
            }
            letters = 0;
            lower = 0;
        } else if (c >= 'A' && c <= 'Z') {
            letters++;
        } else if (c >= 'a' && c <= 'z') {
            letters++;
            lower = 1;
        }
    }
    row[0] = words;
    row[1] = caps;
}

static PyObject *surface_counts(PyObject *Py_UNUSED(self), PyObject *args)
{
    return count_texts(args, 5, surface_row);
}

static PyObject *caps_counts(PyObject *Py_UNUSED(self), PyObject *args)
{
    return count_texts(args, 2, caps_row);
}

/* ---- relevance's content terms (brandcouch.signals.textutil.content_terms) ------------------
 *
 * content_terms(lowered, stop_words) -> list of sets: per text (already clean()ed and
 * lower-cased), the tokens of WORD_RE [^\W_]+(?:['’][^\W_]+)* (ISALNUM runs joined by an
 * apostrophe before another run), "’" made "'", without those shorter than 2, in stop_words, or
 * all digits (str.isdigit), each stemmed as textutil.stem does (-ies -> -y; else the first of
 * -ing -ed -ly -es -s that leaves more than two characters and is not -ss, a doubled last
 * letter undone after -ing and -ed).
 */
static Py_ssize_t stem_len(Py_UCS4 *w, Py_ssize_t n)
{
    /* returns the stem's length; writes "y" at w[n-3] for -ies */
    if (n > 4 && w[n - 3] == 'i' && w[n - 2] == 'e' && w[n - 1] == 's') {
        w[n - 3] = 'y';
        return n - 2;
    }
    int ss = n >= 2 && w[n - 2] == 's' && w[n - 1] == 's';
    static const char *suffixes[] = {"ing", "ed", "ly", "es", "s"};
    for (int k = 0; k < 5; k++) {
        Py_ssize_t ls = (Py_ssize_t)strlen(suffixes[k]);
        if (n <= ls + 2 || ss)
            continue;
        int ends = 1;
        for (Py_ssize_t j = 0; j < ls; j++)
            if (w[n - ls + j] != (Py_UCS4)(unsigned char)suffixes[k][j]) {
                ends = 0;
                break;
            }
        if (!ends)
            continue;
        Py_ssize_t m = n - ls;
        if (k < 2 && m > 3 && w[m - 1] == w[m - 2])
            m--;
        return m;
    }
    return n;
}

static PyObject *content_terms(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *docs, *stop;
    if (!PyArg_ParseTuple(args, "OO", &docs, &stop))
        return NULL;
    if (!PyAnySet_Check(stop)) {
        PyErr_SetString(PyExc_TypeError, "stop_words must be a set or frozenset");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(docs, "texts must be a sequence of str");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *result = PyList_New(n);
    Py_UCS4 *buf = NULL;
    size_t cap = 0;
    if (!result)
        goto fail;
    for (Py_ssize_t d = 0; d < n; d++) {
        PyObject *doc = items[d];
        if (!PyUnicode_Check(doc)) {
            PyErr_Format(PyExc_TypeError, "texts[%zd] is not a str", d);
            goto fail;
        }
        PyObject *terms = PySet_New(NULL);
        if (!terms)
            goto fail;
        PyList_SET_ITEM(result, d, terms);
        int kind = PyUnicode_KIND(doc);
        const void *data = PyUnicode_DATA(doc);
        Py_ssize_t len = PyUnicode_GET_LENGTH(doc);
        if (grow((void **)&buf, &cap, (size_t)len + 1, sizeof(Py_UCS4)) < 0)
            goto fail;
        Py_ssize_t i = 0;
        while (i < len) {
            if (!Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i))) {
                i++;
                continue;
            }
            Py_ssize_t k = 0;
            int digits = 1;
            for (;;) {
                Py_UCS4 c = PyUnicode_READ(kind, data, i);
                if (c == 0x2019)
                    c = '\'';
                else if (!Py_UNICODE_ISDIGIT(c))
                    digits = 0;
                if (c == '\'')
                    digits = 0;
                buf[k++] = c;
                i++;
                if (i < len && Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i)))
                    continue;
                if (i + 1 < len) {
                    Py_UCS4 ap = PyUnicode_READ(kind, data, i);
                    if ((ap == '\'' || ap == 0x2019) &&
                        Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i + 1)))
                        continue; /* the apostrophe is read as the next character */
                }
                break;
            }
            if (k < 2 || digits)
                continue;
            PyObject *tok = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, k);
            if (!tok)
                goto fail;
            int is_stop = PySet_Contains(stop, tok);
            if (is_stop < 0) {
                Py_DECREF(tok);
                goto fail;
            }
            if (!is_stop) {
                Py_ssize_t m = stem_len(buf, k);
                if (m != k) { /* stemmed (-ies also rewrote a letter: m is then k - 2) */
                    Py_DECREF(tok);
                    tok = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, m);
                    if (!tok)
                        goto fail;
                }
                if (PySet_Add(terms, tok) < 0) {
                    Py_DECREF(tok);
                    goto fail;
                }
            }
            Py_DECREF(tok);
        }
    }
    free(buf);
    Py_DECREF(seq);
    return result;
fail:
    free(buf);
    Py_XDECREF(result);
    Py_DECREF(seq);
    return NULL;
}

static PyMethodDef methods[] = {
    {"hash_counts", hash_counts, METH_VARARGS,
     "hash_counts(docs, analyzer, min_n, max_n, n_features, binary=False, norm=None)"
     " -> (indptr, indices, values)"},
    {"vocab_counts", vocab_counts, METH_VARARGS,
     "vocab_counts(docs, vocabulary, stop_words) -> (indptr, indices, counts)"},
    {"minhash", minhash, METH_VARARGS, "minhash(hashes, offsets, a, b) -> bytearray (uint32)"},
    {"pair_jaccard", pair_jaccard, METH_VARARGS,
     "pair_jaccard(indptr, cols, pairs) -> bytearray (float64 Jaccard per pair)"},
    {"flesch_counts", flesch_counts, METH_VARARGS,
     "flesch_counts(bodies) -> bytes (int64 words, sentences, syllables per text)"},
    {"token_counts", token_counts, METH_VARARGS, "token_counts(texts) -> bytes (int64 per text)"},
    {"surface_counts", surface_counts, METH_VARARGS,
     "surface_counts(texts) -> bytes (int64 '!', '?', letters, upper-case letters, words)"},
    {"caps_counts", caps_counts, METH_VARARGS,
     "caps_counts(texts) -> bytes (int64 words with an ASCII letter, all-caps ones)"},
    {"content_terms", content_terms, METH_VARARGS,
     "content_terms(lowered_texts, stop_words) -> list of sets (textutil.content_terms)"},
    {"murmur3_32", py_murmur3_32, METH_VARARGS, "murmur3_32(data, seed=0) -> signed 32-bit hash"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_ngrams",
    "Hashed n-gram counts, the same as scikit-learn's HashingVectorizer (see the C source).",
    -1, methods,
};

PyMODINIT_FUNC PyInit__ngrams(void) { return PyModule_Create(&module); }
