/*
 * brandcouch.signals._vader: VADER sentiment (vaderSentiment 3.3.2) in C (issue 15).
 *
 * The same four floats as SentimentIntensityAnalyzer.polarity_scores, == equal: the same rules
 * applied in the same order, every floating-point operation in the order the Python code does
 * it (built with -ffp-contract=off, so no fused multiply-add changes a rounding). The tables are
 * the library's own: init() receives the analyzer's lexicon and emoji dicts and the module's
 * BOOSTER_DICT, NEGATE, SPECIAL_CASES, C_INCR and N_SCALAR. Three steps are left to Python
 * itself, where reimplementing them would be a risk for no gain:
 *
 *   str.lower() and str.isupper() of a word with a non-ASCII character (full Unicode case
 *   mapping: "İ" lowers to two characters, a final sigma depends on its neighbours); ASCII
 *   words are done here;
 *   sum(sentiments), on a list of the same int and float objects the library sums (an int 0 for
 *   a word without valence, an int where SPECIAL_CASES gives one), so any Python's summation
 *   (3.12 compensates rounding errors) gives its own result;
 *   round(x, 3) and round(x, 4) on the final floats where they are within 1e-6 of a tie
 *   (elsewhere an exact shortcut, round_to below).
 *
 * What the library does, step by step (vaderSentiment/vaderSentiment.py):
 *   1. each character that is a key of the emoji lexicon is replaced by its description,
 *      preceded by a space unless the previous output character was a space (" " only);
 *      then str.strip() (Unicode whitespace);
 *   2. str.split() on Unicode whitespace; each token stripped of string.punctuation at both
 *      ends, unless that leaves two characters or fewer (an emoticon such as ":)");
 *   3. is_cap_diff: some but not all words are str.isupper();
 *   4. per word a valence (sentiment_valence with its booster, negation, "no", "least",
 *      special-idiom rules), then the "but" rule (with list.index's first-equal-value quirk);
 *   5. score_valence: sum, punctuation emphasis ("!" up to 4, "?" 2-3 or more), normalize,
 *      _sift_sentiment_scores, proportions, rounding.
 * vaderSentiment lowercases the whole word list again for every rule it checks, and its "but"
 * rule calls list.index per word (both quadratic in the number of words); here each word is
 * lowercased once and the "but" rule of a long text takes n log n (but_check).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "_cbuf.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- a hash map of UCS4 strings ---------------------------------------------------------- */

typedef struct {
    Py_UCS4 *key; /* NULL: empty slot */
    Py_ssize_t len;
    uint64_t hash;
    double val;
    int is_int;    /* SPECIAL_CASES: the value is a Python int */
    Py_UCS4 *desc; /* emoji: the description */
    Py_ssize_t dlen;
} slot_t;

typedef struct {
    slot_t *slots;
    size_t mask;
    size_t used;
} map_t;

static uint64_t hash_ucs4(const Py_UCS4 *s, Py_ssize_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= (uint64_t)s[i];
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

static void map_free(map_t *m)
{
    if (m->slots) {
        for (size_t i = 0; i <= m->mask; i++) {
            free(m->slots[i].key);
            free(m->slots[i].desc);
        }
        free(m->slots);
    }
    memset(m, 0, sizeof(*m));
}

static int map_init(map_t *m, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2 + 2)
        cap *= 2;
    m->slots = calloc(cap, sizeof(slot_t));
    if (!m->slots) {
        PyErr_NoMemory();
        return -1;
    }
    m->mask = cap - 1;
    m->used = 0;
    return 0;
}

static const slot_t *map_get(const map_t *m, const Py_UCS4 *s, Py_ssize_t n)
{
    if (!m->slots)
        return NULL;
    uint64_t h = hash_ucs4(s, n);
    for (size_t i = (size_t)h & m->mask;; i = (i + 1) & m->mask) {
        const slot_t *e = &m->slots[i];
        if (!e->key)
            return NULL;
        if (e->hash == h && e->len == n && memcmp(e->key, s, (size_t)n * sizeof(Py_UCS4)) == 0)
            return e;
    }
}

/* a copy of a str's code points (malloc'd, at least one element); NULL with an exception */
static Py_UCS4 *ucs4_copy(PyObject *s, Py_ssize_t *len)
{
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, "table keys and descriptions must be str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    Py_UCS4 *p = malloc((size_t)(n + 1) * sizeof(Py_UCS4));
    if (!p) {
        PyErr_NoMemory();
        return NULL;
    }
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++)
        p[i] = PyUnicode_READ(kind, data, i);
    *len = n;
    return p;
}

/* insert key (owned by the map from now on); the first insertion of a key wins, as a dict's
   keys are distinct anyway */
static slot_t *map_put(map_t *m, Py_UCS4 *key, Py_ssize_t n)
{
    uint64_t h = hash_ucs4(key, n);
    for (size_t i = (size_t)h & m->mask;; i = (i + 1) & m->mask) {
        slot_t *e = &m->slots[i];
        if (!e->key) {
            e->key = key;
            e->len = n;
            e->hash = h;
            m->used++;
            return e;
        }
        if (e->hash == h && e->len == n && memcmp(e->key, key, (size_t)n * sizeof(Py_UCS4)) == 0) {
            free(key);
            return e;
        }
    }
}

/* ---- the tables (module state: one set, replaced by each init()) ------------------------- */

static map_t LEXICON, BOOSTER, NEGATE, SPECIAL, EMOJI;
static Py_UCS4 EMOJI_MIN = 0x110000; /* no emoji key below this code point */
static double C_INCR = 0.733, N_SCALAR = -0.74;
static int READY = 0;
static PyObject *S_LOWER, *S_ISUPPER, *BUILTIN_SUM, *BUILTIN_ROUND;

/* a dict of str -> number into m (with_desc: str -> str, single-character keys only) */
static int load_dict(map_t *m, PyObject *d, int emoji)
{
    if (!PyDict_Check(d)) {
        PyErr_SetString(PyExc_TypeError, "expected a dict");
        return -1;
    }
    if (map_init(m, (size_t)PyDict_Size(d)) < 0)
        return -1;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(d, &pos, &k, &v)) {
        if (emoji && (!PyUnicode_Check(k) || PyUnicode_GET_LENGTH(k) != 1))
            continue; /* polarity_scores looks up one character at a time */
        Py_ssize_t n;
        Py_UCS4 *key = ucs4_copy(k, &n);
        if (!key)
            return -1;
        slot_t *e = map_put(m, key, n);
        if (emoji) {
            Py_ssize_t dl;
            Py_UCS4 *desc = ucs4_copy(v, &dl);
            if (!desc)
                return -1;
            e->desc = desc;
            e->dlen = dl;
            if (key[0] < EMOJI_MIN)
                EMOJI_MIN = key[0];
        } else {
            if (PyBool_Check(v) || !(PyFloat_Check(v) || PyLong_Check(v))) {
                PyErr_SetString(PyExc_TypeError, "table values must be int or float");
                return -1;
            }
            e->is_int = PyLong_Check(v);
            e->val = PyFloat_AsDouble(v);
            if (e->val == -1.0 && PyErr_Occurred())
                return -1;
        }
    }
    return 0;
}

static int load_list(map_t *m, PyObject *seq_in)
{
    PyObject *seq = PySequence_Fast(seq_in, "NEGATE must be a sequence of str");
    if (!seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int rc = map_init(m, (size_t)n);
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) {
        Py_ssize_t len;
        Py_UCS4 *key = ucs4_copy(PySequence_Fast_GET_ITEM(seq, i), &len);
        if (!key)
            rc = -1;
        else
            map_put(m, key, len);
    }
    Py_DECREF(seq);
    return rc;
}

static void free_tables(void)
{
    map_free(&LEXICON);
    map_free(&BOOSTER);
    map_free(&NEGATE);
    map_free(&SPECIAL);
    map_free(&EMOJI);
    EMOJI_MIN = 0x110000;
    READY = 0;
}

/* init(lexicon, emojis, booster_dict, negate, special_cases, c_incr, n_scalar) */
static PyObject *py_init(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *lex, *emo, *boost, *neg, *spec;
    double c_incr, n_scalar;
    if (!PyArg_ParseTuple(args, "OOOOOdd", &lex, &emo, &boost, &neg, &spec, &c_incr, &n_scalar))
        return NULL;
    free_tables();
    if (load_dict(&LEXICON, lex, 0) < 0 || load_dict(&EMOJI, emo, 1) < 0 ||
        load_dict(&BOOSTER, boost, 0) < 0 || load_list(&NEGATE, neg) < 0 ||
        load_dict(&SPECIAL, spec, 0) < 0) {
        free_tables();
        return NULL;
    }
    C_INCR = c_incr;
    N_SCALAR = n_scalar;
    READY = 1;
    Py_RETURN_NONE;
}

/* ---- per-text work ----------------------------------------------------------------------- */

enum { /* the lowercased words the rules name */
    K_NO = 1 << 0, K_OR = 1 << 1, K_NOR = 1 << 2, K_KIND = 1 << 3, K_OF = 1 << 4,
    K_LEAST = 1 << 5, K_AT = 1 << 6, K_VERY = 1 << 7, K_NEVER = 1 << 8, K_SO = 1 << 9,
    K_THIS = 1 << 10, K_WITHOUT = 1 << 11, K_DOUBT = 1 << 12, K_BUT = 1 << 13,
};
static const char *KEYWORDS[] = {"no", "or", "nor", "kind", "of", "least", "at", "very",
                                 "never", "so", "this", "without", "doubt", "but", NULL};

typedef struct {
    Py_ssize_t o, ol; /* the word in the text buffer */
    Py_ssize_t l, ll; /* word.lower() in the pool */
    int ascii;
    int upper;        /* word.isupper() */
    int in_lex;
    double lex;
    int in_boost;
    double boost;
    int tags;
    int neg;          /* negated([word.lower()]): -1 not yet known */
} word_t;

typedef struct {
    Py_UCS4 *text; size_t text_cap; Py_ssize_t text_len;
    Py_UCS4 *pool; size_t pool_cap; Py_ssize_t pool_len;
    word_t *words; size_t words_cap;
    double *sent; size_t sent_cap;
    char *sent_int; size_t sent_int_cap;
    Py_UCS4 *join; size_t join_cap;
} scratch_t;

static int push_text(scratch_t *s, const Py_UCS4 *cps, Py_ssize_t n)
{
    if (grow((void **)&s->text, &s->text_cap, (size_t)(s->text_len + n), sizeof(Py_UCS4)) < 0)
        return -1;
    memcpy(s->text + s->text_len, cps, (size_t)n * sizeof(Py_UCS4));
    s->text_len += n;
    return 0;
}

static inline int is_punct(Py_UCS4 c) /* string.punctuation */
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

static int eq_ascii(const Py_UCS4 *w, Py_ssize_t n, const char *lit)
{
    Py_ssize_t i = 0;
    for (; i < n; i++)
        if (!lit[i] || w[i] != (Py_UCS4)(unsigned char)lit[i])
            return 0;
    return lit[i] == 0;
}

/* a str of n code points */
static PyObject *ucs4_str(const Py_UCS4 *p, Py_ssize_t n)
{
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, p, n);
}

/* append str s's code points to the pool; its offset and length */
static int pool_push_str(scratch_t *s, PyObject *str, Py_ssize_t *off, Py_ssize_t *len)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    if (grow((void **)&s->pool, &s->pool_cap, (size_t)(s->pool_len + n), sizeof(Py_UCS4)) < 0)
        return -1;
    int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    for (Py_ssize_t i = 0; i < n; i++)
        s->pool[s->pool_len + i] = PyUnicode_READ(kind, data, i);
    *off = s->pool_len;
    *len = n;
    s->pool_len += n;
    return 0;
}

/* str.lower() and str.isupper() of word w */
static int case_word(scratch_t *s, word_t *w)
{
    const Py_UCS4 *p = s->text + w->o;
    if (w->ascii) {
        if (grow((void **)&s->pool, &s->pool_cap, (size_t)(s->pool_len + w->ol), sizeof(Py_UCS4)) < 0)
            return -1;
        int has_upper = 0, has_lower = 0;
        for (Py_ssize_t i = 0; i < w->ol; i++) {
            Py_UCS4 c = p[i];
            if (c >= 'A' && c <= 'Z') {
                has_upper = 1;
                c += 32;
            } else if (c >= 'a' && c <= 'z') {
                has_lower = 1;
            }
            s->pool[s->pool_len + i] = c;
        }
        w->l = s->pool_len;
        w->ll = w->ol;
        s->pool_len += w->ol;
        w->upper = has_upper && !has_lower;
        return 0;
    }
    PyObject *str = ucs4_str(p, w->ol);
    if (!str)
        return -1;
    PyObject *low = PyObject_CallMethodNoArgs(str, S_LOWER);
    PyObject *up = low ? PyObject_CallMethodNoArgs(str, S_ISUPPER) : NULL;
    Py_DECREF(str);
    int rc = -1;
    if (up) {
        int t = PyObject_IsTrue(up);
        if (t >= 0 && PyUnicode_Check(low) && pool_push_str(s, low, &w->l, &w->ll) == 0) {
            w->upper = t;
            rc = 0;
        }
    }
    Py_XDECREF(low);
    Py_XDECREF(up);
    return rc;
}

/* negated([w.lower()]): that list lowercased again, then in NEGATE or containing "n't" */
static int negated(scratch_t *s, word_t *w)
{
    if (w->neg >= 0)
        return w->neg;
    const Py_UCS4 *p;
    Py_ssize_t n;
    PyObject *low2 = NULL;
    Py_UCS4 *tmp = NULL;
    if (w->ascii) {
        p = s->pool + w->l;
        n = w->ll;
    } else {
        PyObject *str = ucs4_str(s->pool + w->l, w->ll);
        if (!str)
            return -1;
        low2 = PyObject_CallMethodNoArgs(str, S_LOWER);
        Py_DECREF(str);
        if (!low2)
            return -1;
        n = PyUnicode_GET_LENGTH(low2);
        tmp = PyUnicode_AsUCS4Copy(low2);
        Py_DECREF(low2);
        if (!tmp)
            return -1;
        p = tmp;
    }
    int r = map_get(&NEGATE, p, n) != NULL;
    for (Py_ssize_t i = 0; !r && i + 3 <= n; i++)
        if (p[i] == 'n' && p[i + 1] == '\'' && p[i + 2] == 't')
            r = 1;
    PyMem_Free(tmp);
    w->neg = r;
    return r;
}

/* " ".join of the lowercased words idx[0..k) looked up in map m */
static const slot_t *join_get(scratch_t *s, const map_t *m, const Py_ssize_t *idx, int k)
{
    Py_ssize_t n = k - 1;
    for (int j = 0; j < k; j++)
        n += s->words[idx[j]].ll;
    if (grow((void **)&s->join, &s->join_cap, (size_t)n + 1, sizeof(Py_UCS4)) < 0)
        return NULL; /* (memory error: reported by the caller through PyErr_Occurred) */
    Py_ssize_t pos = 0;
    for (int j = 0; j < k; j++) {
        if (j)
            s->join[pos++] = ' ';
        const word_t *w = &s->words[idx[j]];
        memcpy(s->join + pos, s->pool + w->l, (size_t)w->ll * sizeof(Py_UCS4));
        pos += w->ll;
    }
    return map_get(m, s->join, n);
}

/* scalar_inc_dec(word, valence, is_cap_diff) */
static double scalar_inc_dec(const word_t *w, double valence, int cap_diff)
{
    double scalar = 0.0;
    if (w->in_boost) {
        scalar = w->boost;
        if (valence < 0)
            scalar *= -1;
        if (w->upper && cap_diff) {
            if (valence > 0)
                scalar += C_INCR;
            else
                scalar -= C_INCR;
        }
    }
    return scalar;
}

/* _negation_check(valence, words, start_i, i); -1 on error (Python exception), else 0 */
static int negation_check(scratch_t *s, double *valence, int start_i, Py_ssize_t i)
{
    word_t *W = s->words;
    int r;
    if (start_i == 0) {
        if ((r = negated(s, &W[i - 1])) < 0)
            return -1;
        if (r)
            *valence = *valence * N_SCALAR;
    }
    if (start_i == 1) {
        if ((W[i - 2].tags & K_NEVER) && (W[i - 1].tags & (K_SO | K_THIS)))
            *valence = *valence * 1.25;
        else if ((W[i - 2].tags & K_WITHOUT) && (W[i - 1].tags & K_DOUBT))
            ;
        else {
            if ((r = negated(s, &W[i - 2])) < 0)
                return -1;
            if (r)
                *valence = *valence * N_SCALAR;
        }
    }
    if (start_i == 2) {
        if (((W[i - 3].tags & K_NEVER) && (W[i - 2].tags & (K_SO | K_THIS))) ||
            (W[i - 1].tags & (K_SO | K_THIS)))
            *valence = *valence * 1.25;
        else if ((W[i - 3].tags & K_WITHOUT) && ((W[i - 2].tags & K_DOUBT) || (W[i - 1].tags & K_DOUBT)))
            ;
        else {
            if ((r = negated(s, &W[i - 3])) < 0)
                return -1;
            if (r)
                *valence = *valence * N_SCALAR;
        }
    }
    return 0;
}

/* _special_idioms_check(valence, words, i) (i >= 3); *is_int: the valence is a Python int */
static int special_idioms(scratch_t *s, Py_ssize_t nw, double *valence, int *is_int, Py_ssize_t i)
{
    const slot_t *e;
    Py_ssize_t onezero[2] = {i - 1, i}, twoonezero[3] = {i - 2, i - 1, i}, twoone[2] = {i - 2, i - 1},
               threetwoone[3] = {i - 3, i - 2, i - 1}, threetwo[2] = {i - 3, i - 2};
    const Py_ssize_t *seqs[5] = {onezero, twoonezero, twoone, threetwoone, threetwo};
    const int lens[5] = {2, 3, 2, 3, 2};
    for (int k = 0; k < 5; k++) {
        e = join_get(s, &SPECIAL, seqs[k], lens[k]);
        if (PyErr_Occurred())
            return -1;
        if (e) {
            *valence = e->val;
            *is_int = e->is_int;
            break;
        }
    }
    if (nw - 1 > i) {
        Py_ssize_t zeroone[2] = {i, i + 1};
        e = join_get(s, &SPECIAL, zeroone, 2);
        if (PyErr_Occurred())
            return -1;
        if (e) {
            *valence = e->val;
            *is_int = e->is_int;
        }
    }
    if (nw - 1 > i + 1) {
        Py_ssize_t zeroonetwo[3] = {i, i + 1, i + 2};
        e = join_get(s, &SPECIAL, zeroonetwo, 3);
        if (PyErr_Occurred())
            return -1;
        if (e) {
            *valence = e->val;
            *is_int = e->is_int;
        }
    }
    const Py_ssize_t *ngrams[3] = {threetwoone, threetwo, twoone};
    const int nlens[3] = {3, 2, 2};
    for (int k = 0; k < 3; k++) {
        e = join_get(s, &BOOSTER, ngrams[k], nlens[k]);
        if (PyErr_Occurred())
            return -1;
        if (e) {
            *valence = *valence + e->val;
            *is_int = 0;
        }
    }
    return 0;
}

/* ---- _but_check ------------------------------------------------------------------------

   for sentiment in sentiments:
       si = sentiments.index(sentiment)     # the FIRST position holding an equal value
       if si < bi: sentiments[si] = sentiment * 0.5
       elif si > bi: sentiments[si] = sentiment * 1.5
   (bi: the position of the first "but"). Step k changes a position si <= k only, so the value
   read at step k is position k's own, never changed before; si is the smallest position <= k
   whose current value equals it. A short text scans for it (quadratic, as list.index); a long
   one keeps, per distinct value, a min-heap of the positions < k holding it (n log n): the two
   give the same list (tests/signals/test_vader_compiled.py runs both against the library's
   _but_check). Equal values share a heap: 0.0 and -0.0 are one key, as 0.0 == -0.0. */

#define BUT_SCAN_MAX 64

typedef struct {
    double key; /* -0.0 stored as 0.0 */
    int used;
    Py_ssize_t *heap;
    Py_ssize_t len, cap;
} bucket_t;

static bucket_t *bucket_of(bucket_t *B, size_t mask, double v)
{
    double key = v == 0 ? 0.0 : v;
    uint64_t x;
    memcpy(&x, &key, sizeof(x));
    x ^= x >> 30; /* splitmix64's finaliser */
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    for (size_t i = (size_t)x & mask;; i = (i + 1) & mask) {
        if (!B[i].used) {
            B[i].used = 1;
            B[i].key = key;
            return &B[i];
        }
        if (B[i].key == key)
            return &B[i];
    }
}

static int heap_push(bucket_t *b, Py_ssize_t pos)
{
    if (b->len == b->cap) {
        Py_ssize_t cap = b->cap ? b->cap * 2 : 4;
        Py_ssize_t *h = realloc(b->heap, (size_t)cap * sizeof(Py_ssize_t));
        if (!h) {
            PyErr_NoMemory();
            return -1;
        }
        b->heap = h;
        b->cap = cap;
    }
    Py_ssize_t i = b->len++;
    while (i > 0 && b->heap[(i - 1) / 2] > pos) {
        b->heap[i] = b->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    b->heap[i] = pos;
    return 0;
}

static void heap_pop(bucket_t *b)
{
    Py_ssize_t last = b->heap[--b->len], i = 0;
    for (;;) {
        Py_ssize_t c = 2 * i + 1;
        if (c >= b->len)
            break;
        if (c + 1 < b->len && b->heap[c + 1] < b->heap[c])
            c++;
        if (b->heap[c] >= last)
            break;
        b->heap[i] = b->heap[c];
        i = c;
    }
    if (b->len)
        b->heap[i] = last;
}

static int but_check(double *S, char *SI, Py_ssize_t n, Py_ssize_t bi, int use_heaps)
{
    if (!use_heaps) {
        for (Py_ssize_t k = 0; k < n; k++) {
            double v = S[k];
            Py_ssize_t si = 0;
            while (S[si] != v) /* stops at k at the latest */
                si++;
            if (si < bi) {
                S[si] = v * 0.5;
                SI[si] = 0;
            } else if (si > bi) {
                S[si] = v * 1.5;
                SI[si] = 0;
            }
        }
        return 0;
    }
    size_t cap = 16; /* at most 2n distinct values: each step adds at most two */
    while (cap < (size_t)n * 4)
        cap *= 2;
    bucket_t *B = calloc(cap, sizeof(bucket_t));
    if (!B) {
        PyErr_NoMemory();
        return -1;
    }
    int rc = 0;
    for (Py_ssize_t k = 0; k < n && rc == 0; k++) {
        double v = S[k];
        bucket_t *b = bucket_of(B, cap - 1, v);
        if (heap_push(b, k) < 0) {
            rc = -1;
            break;
        }
        Py_ssize_t si = b->heap[0];
        if (si == bi)
            continue;
        double nv = si < bi ? v * 0.5 : v * 1.5;
        heap_pop(b);
        S[si] = nv;
        SI[si] = 0;
        rc = heap_push(bucket_of(B, cap - 1, nv), si);
    }
    for (size_t i = 0; i < cap; i++)
        free(B[i].heap);
    free(B);
    return rc;
}

/* _but_check(values, bi, heaps) -> list of float: but_check on a list, for the tests */
static PyObject *py_but_check(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *values;
    Py_ssize_t bi;
    int heaps;
    if (!PyArg_ParseTuple(args, "Onp", &values, &bi, &heaps))
        return NULL;
    PyObject *seq = PySequence_Fast(values, "values must be a sequence of float");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    double *S = malloc((size_t)(n + 1) * sizeof(double));
    char *SI = malloc((size_t)n + 1);
    PyObject *out = NULL;
    if (!S || !SI) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        S[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (S[i] == -1.0 && PyErr_Occurred())
            goto done;
        SI[i] = 0;
    }
    if (bi < 0 || bi >= n) {
        PyErr_SetString(PyExc_ValueError, "bi out of range");
        goto done;
    }
    if (but_check(S, SI, n, bi, heaps) < 0)
        goto done;
    out = PyList_New(n);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        PyObject *f = PyFloat_FromDouble(S[i]);
        if (!f) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, f);
    }
done:
    Py_DECREF(seq);
    free(S);
    free(SI);
    return out;
}

/* Python's round(x, nd) */
static int py_round(double x, int nd, double *out)
{
    PyObject *f = PyFloat_FromDouble(x);
    if (!f)
        return -1;
    PyObject *d = PyLong_FromLong(nd);
    if (!d) {
        Py_DECREF(f);
        return -1;
    }
    PyObject *argv[2] = {f, d};
    PyObject *r = PyObject_Vectorcall(BUILTIN_ROUND, argv, 2, NULL);
    Py_DECREF(f);
    Py_DECREF(d);
    if (!r)
        return -1;
    *out = PyFloat_AsDouble(r);
    Py_DECREF(r);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

/* round(x, nd) for nd 3 or 4, as Python gives it, mostly without calling Python. Python rounds
   the exact binary value of x to nd decimals (half to even) and returns the double nearest to
   that decimal, r / 10**nd. y = x * 10**nd is within 2**-52 * |y| (< 1e-11 for |x| <= 1e4) of
   the exact product; where y is more than 1e-6 away from a half-integer, the exact product's
   nearest integer r is y's (nearbyint, no tie possible), and r / 10**nd in IEEE division (both
   exact, the quotient correctly rounded) is that nearest double. Near a half-integer (a tie or
   close to one), and for large or non-finite x, Python's round itself. */
static int round_to(double x, int nd, double *out)
{
    double p = nd == 3 ? 1000.0 : 10000.0;
    if (nd == 3 || nd == 4) {
        if (fabs(x) <= 1e4) { /* (false for NaN) */
            double y = x * p;
            double f = y - floor(y);
            if (fabs(f - 0.5) > 1e-6) {
                *out = nearbyint(y) / p;
                return 0;
            }
        }
    }
    return py_round(x, nd, out);
}

/* round_(x, ndigits) -> float: round_to, for the tests against Python's round */
static PyObject *py_round_(PyObject *Py_UNUSED(self), PyObject *args)
{
    double x, r;
    int nd;
    if (!PyArg_ParseTuple(args, "di", &x, &nd))
        return NULL;
    if (round_to(x, nd, &r) < 0)
        return NULL;
    return PyFloat_FromDouble(r);
}

/* polarity_scores(text) -> out[0..4) = compound, neg, neu, pos */
static int score_text(scratch_t *s, PyObject *text, double *out)
{
    /* 1. emoji descriptions, then strip() */
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    s->text_len = 0;
    s->pool_len = 0;
    Py_ssize_t first = 0; /* brandcouch scores blank text as zeros without calling VADER */
    while (first < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, first)))
        first++;
    if (first == n) {
        out[0] = out[1] = out[2] = out[3] = 0.0;
        return 0;
    }
    if (grow((void **)&s->text, &s->text_cap, (size_t)n + 1, sizeof(Py_UCS4)) < 0)
        return -1;
    int prev_space = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        const slot_t *e = c >= EMOJI_MIN ? map_get(&EMOJI, &c, 1) : NULL;
        if (e) {
            if (!prev_space) {
                Py_UCS4 sp = ' ';
                if (push_text(s, &sp, 1) < 0)
                    return -1;
            }
            if (push_text(s, e->desc, e->dlen) < 0)
                return -1;
            prev_space = 0;
        } else {
            if (push_text(s, &c, 1) < 0)
                return -1;
            prev_space = c == ' ';
        }
    }
    const Py_UCS4 *T = s->text;
    Py_ssize_t a = 0, b = s->text_len;
    while (a < b && Py_UNICODE_ISSPACE(T[a]))
        a++;
    while (b > a && Py_UNICODE_ISSPACE(T[b - 1]))
        b--;
    Py_ssize_t ep_count = 0, qm_count = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        if (T[i] == '!')
            ep_count++;
        else if (T[i] == '?')
            qm_count++;
    }

    /* 2. words: split(), then strip(string.punctuation) unless that leaves <= 2 characters */
    Py_ssize_t nw = 0;
    Py_ssize_t i = a;
    while (i < b) {
        if (Py_UNICODE_ISSPACE(T[i])) {
            i++;
            continue;
        }
        Py_ssize_t st = i;
        while (i < b && !Py_UNICODE_ISSPACE(T[i]))
            i++;
        Py_ssize_t ps = st, pe = i;
        while (ps < pe && is_punct(T[ps]))
            ps++;
        while (pe > ps && is_punct(T[pe - 1]))
            pe--;
        if (pe - ps <= 2) {
            ps = st;
            pe = i;
        }
        if (grow((void **)&s->words, &s->words_cap, (size_t)nw + 1, sizeof(word_t)) < 0)
            return -1;
        word_t *w = &s->words[nw++];
        memset(w, 0, sizeof(*w));
        w->o = ps;
        w->ol = pe - ps;
        w->ascii = 1;
        for (Py_ssize_t k = ps; k < pe; k++)
            if (T[k] >= 128) {
                w->ascii = 0;
                break;
            }
        w->neg = -1;
    }

    /* 3. case, lexicon and booster look-ups, keywords; is_cap_diff */
    Py_ssize_t allcap = 0;
    for (Py_ssize_t k = 0; k < nw; k++) {
        word_t *w = &s->words[k];
        if (case_word(s, w) < 0)
            return -1;
        allcap += w->upper;
    }
    for (Py_ssize_t k = 0; k < nw; k++) {
        word_t *w = &s->words[k];
        const Py_UCS4 *lw = s->pool + w->l;
        const slot_t *e = map_get(&LEXICON, lw, w->ll);
        if (e) {
            w->in_lex = 1;
            w->lex = e->val;
        }
        e = map_get(&BOOSTER, lw, w->ll);
        if (e) {
            w->in_boost = 1;
            w->boost = e->val;
        }
        if (w->ll <= 7)
            for (int t = 0; KEYWORDS[t]; t++)
                if (eq_ascii(lw, w->ll, KEYWORDS[t])) {
                    w->tags = 1 << t;
                    break;
                }
    }
    Py_ssize_t cap_differential = nw - allcap;
    int cap_diff = 0 < cap_differential && cap_differential < nw;

    if (nw == 0) {
        out[0] = out[1] = out[2] = out[3] = 0.0; /* round(0.0, n) is 0.0 */
        return 0;
    }

    /* 4. a valence per word */
    if (grow((void **)&s->sent, &s->sent_cap, (size_t)nw, sizeof(double)) < 0 ||
        grow((void **)&s->sent_int, &s->sent_int_cap, (size_t)nw, 1) < 0)
        return -1;
    double *S = s->sent;
    char *SI = s->sent_int;
    word_t *W = s->words;
    for (i = 0; i < nw; i++) {
        if (W[i].in_boost || (i < nw - 1 && (W[i].tags & K_KIND) && (W[i + 1].tags & K_OF)) ||
            !W[i].in_lex) {
            S[i] = 0.0; /* the int 0 */
            SI[i] = 1;
            continue;
        }
        double valence = W[i].lex;
        int is_int = 0;
        if ((W[i].tags & K_NO) && i != nw - 1 && W[i + 1].in_lex)
            valence = 0.0;
        if ((i > 0 && (W[i - 1].tags & K_NO)) || (i > 1 && (W[i - 2].tags & K_NO)) ||
            (i > 2 && (W[i - 3].tags & K_NO) && (W[i - 1].tags & (K_OR | K_NOR))))
            valence = W[i].lex * N_SCALAR;
        if (W[i].upper && cap_diff) {
            if (valence > 0)
                valence += C_INCR;
            else
                valence -= C_INCR;
        }
        for (int start_i = 0; start_i < 3; start_i++) {
            if (i > start_i && !W[i - (start_i + 1)].in_lex) {
                double sc = scalar_inc_dec(&W[i - (start_i + 1)], valence, cap_diff);
                if (start_i == 1 && sc != 0)
                    sc = sc * 0.95;
                if (start_i == 2 && sc != 0)
                    sc = sc * 0.9;
                valence = valence + sc;
                is_int = 0;
                if (negation_check(s, &valence, start_i, i) < 0)
                    return -1;
                if (start_i == 2 && special_idioms(s, nw, &valence, &is_int, i) < 0)
                    return -1;
            }
        }
        /* _least_check */
        if (i > 1 && !W[i - 1].in_lex && (W[i - 1].tags & K_LEAST)) {
            if (!(W[i - 2].tags & K_AT) && !(W[i - 2].tags & K_VERY)) {
                valence = valence * N_SCALAR;
                is_int = 0;
            }
        } else if (i > 0 && !W[i - 1].in_lex && (W[i - 1].tags & K_LEAST)) {
            valence = valence * N_SCALAR;
            is_int = 0;
        }
        S[i] = valence;
        SI[i] = (char)is_int;
    }

    /* _but_check */
    Py_ssize_t bi = -1;
    for (i = 0; i < nw; i++)
        if (W[i].tags & K_BUT) {
            bi = i;
            break;
        }
    if (bi >= 0 && but_check(S, SI, nw, bi, nw > BUT_SCAN_MAX) < 0)
        return -1;

    /* 5. score_valence: float(sum(sentiments)) by Python's sum on the same objects */
    PyObject *list = PyList_New(nw);
    if (!list)
        return -1;
    for (i = 0; i < nw; i++) {
        PyObject *o = SI[i] ? PyLong_FromDouble(S[i]) : PyFloat_FromDouble(S[i]);
        if (!o) {
            Py_DECREF(list);
            return -1;
        }
        PyList_SET_ITEM(list, i, o);
    }
    PyObject *total_obj = PyObject_CallOneArg(BUILTIN_SUM, list);
    Py_DECREF(list);
    if (!total_obj)
        return -1;
    double sum_s = PyFloat_AsDouble(total_obj); /* float(): exact for these small ints */
    Py_DECREF(total_obj);
    if (sum_s == -1.0 && PyErr_Occurred())
        return -1;

    if (ep_count > 4)
        ep_count = 4;
    double ep_amplifier = (double)ep_count * 0.292;
    double qm_amplifier = 0.0;
    if (qm_count > 1) {
        if (qm_count <= 3)
            qm_amplifier = (double)qm_count * 0.18;
        else
            qm_amplifier = 0.96;
    }
    double punct = ep_amplifier + qm_amplifier;
    if (sum_s > 0)
        sum_s += punct;
    else if (sum_s < 0)
        sum_s -= punct;

    double compound = sum_s / sqrt((sum_s * sum_s) + 15.0);
    if (compound < -1.0)
        compound = -1.0;
    else if (compound > 1.0)
        compound = 1.0;

    double pos_sum = 0.0, neg_sum = 0.0;
    Py_ssize_t neu_count = 0;
    for (i = 0; i < nw; i++) {
        if (S[i] > 0)
            pos_sum += (S[i] + 1.0);
        if (S[i] < 0)
            neg_sum += (S[i] - 1.0);
        if (S[i] == 0)
            neu_count += 1;
    }
    if (pos_sum > fabs(neg_sum))
        pos_sum += punct;
    else if (pos_sum < fabs(neg_sum))
        neg_sum -= punct;
    double total = pos_sum + fabs(neg_sum) + (double)neu_count;
    double pos = fabs(pos_sum / total);
    double neg = fabs(neg_sum / total);
    double neu = fabs((double)neu_count / total);

    if (round_to(compound, 4, &out[0]) < 0 || round_to(neg, 3, &out[1]) < 0 ||
        round_to(neu, 3, &out[2]) < 0 || round_to(pos, 3, &out[3]) < 0)
        return -1;
    return 0;
}

/* scores(texts) -> bytes: float64 (compound, neg, neu, pos) per text, in order; zeros for a
   blank text (only whitespace), as brandcouch's vader_scores gives without calling VADER */
static PyObject *py_scores(PyObject *Py_UNUSED(self), PyObject *arg)
{
    if (!READY) {
        PyErr_SetString(PyExc_RuntimeError, "_vader.init() has not been called");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(arg, "texts must be a sequence of str");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *result = PyBytes_FromStringAndSize(NULL, n * 4 * (Py_ssize_t)sizeof(double));
    scratch_t s;
    memset(&s, 0, sizeof(s));
    if (result) {
        double *out = (double *)PyBytes_AS_STRING(result);
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *t = PySequence_Fast_GET_ITEM(seq, k);
            if (!PyUnicode_Check(t)) {
                PyErr_Format(PyExc_TypeError, "texts[%zd] is not a str", k);
                Py_CLEAR(result);
                break;
            }
            if (score_text(&s, t, out + 4 * k) < 0) {
                Py_CLEAR(result);
                break;
            }
        }
    }
    Py_DECREF(seq);
    free(s.text);
    free(s.pool);
    free(s.words);
    free(s.sent);
    free(s.sent_int);
    free(s.join);
    return result;
}

static PyMethodDef methods[] = {
    {"init", py_init, METH_VARARGS,
     "init(lexicon, emojis, booster_dict, negate, special_cases, c_incr, n_scalar): the tables"},
    {"scores", py_scores, METH_O,
     "scores(texts) -> bytes: float64 (compound, neg, neu, pos) per text, polarity_scores' values"},
    {"round_", py_round_, METH_VARARGS, "round_(x, ndigits) -> float: Python's round(x, ndigits)"},
    {"_but_check", py_but_check, METH_VARARGS,
     "_but_check(values, bi, heaps) -> list: the 'but' rule on a list of valences (tests)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_vader",
    "VADER polarity scores, == equal to vaderSentiment 3.3.2 (see the C source).", -1, methods,
};

PyMODINIT_FUNC PyInit__vader(void)
{
    S_LOWER = PyUnicode_InternFromString("lower");
    S_ISUPPER = PyUnicode_InternFromString("isupper");
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (!S_LOWER || !S_ISUPPER || !builtins)
        return NULL;
    BUILTIN_SUM = PyObject_GetAttrString(builtins, "sum");
    BUILTIN_ROUND = PyObject_GetAttrString(builtins, "round");
    Py_DECREF(builtins);
    if (!BUILTIN_SUM || !BUILTIN_ROUND)
        return NULL;
    return PyModule_Create(&module);
}
