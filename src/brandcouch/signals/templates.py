"""Canned replies: normalised template keys and near-duplicate template groups.

``template_key`` lower-cases the text and removes what changes between copies of one template:
the agent signature (the one parser, :mod:`brandcouch.signals.signatures`: "^JD", "-Katie",
"*HCA", "- Ana", "~JD", "/AB", "Thanks, Anna" ...), other caret initials inside the text, URLs,
@handles, a name after a greeting ("Hi Anna," / "Hey @bob" / "Dear Mr Smith"), a capitalised
name after "thanks"/"thank you", part markers
and other numbers ("1/2", order numbers), punctuation and emoji; then collapses whitespace.
"Hi Anna, sorry! Please DM us ^JD" and "Hi Bob, sorry! Please DM us ^KL" both become
"hi sorry please dm us".

``template_groups(brands, texts)`` groups each brand's replies into near-duplicate clusters
(definition in docs/wip-issue13/canned.md, ``TEMPLATES_VERSION``):

1. the *shingle text* of a reply is its ``template_key`` without leading greeting words
   ("hi", "hey there", "hello" ...); empty shingle text = no group (``template_id`` -1);
2. its shingles are the overlapping ``SHINGLE_CHARS``-character substrings of that text
   (a text shorter than that is one shingle);
3. candidates: MinHash (``NUM_PERM`` = bands x rows hash functions, fixed seed) with LSH
   banding (``BANDS`` bands of ``ROWS`` rows; two distinct texts of one brand are candidates
   when one band agrees);
4. verification: a candidate pair is a near-duplicate when the exact Jaccard similarity of the
   two shingle sets is >= ``JACCARD_MIN``; identical shingle texts are one node;
5. clusters: connected components of the verified pairs (union-find), within one brand;
6. ``canned`` = the reply's cluster holds >= ``CANNED_MIN_USES`` (2) of the brand's replies;
7. ``canned_p`` = the probability that, among ``REF_REPLIES`` other replies of the brand drawn
   at random from the loaded ones, one is a near-duplicate of the reply itself (an exact copy
   after normalisation or a verified pair with it — its own neighbours, not its cluster: a chain
   A~B~C joins A and C through B only, and a cluster falls apart faster than linearly in a
   subsample; hypergeometric; 1 when the brand has <= ``REF_REPLIES`` + 1 replies and the reply
   has a near-duplicate). Its brand mean is an unbiased
   estimate of the canned share at a corpus of ``REF_REPLIES`` + 1 replies, whatever the number
   loaded: the size-stable canned share (the share of ``canned`` grows with the corpus).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from brandcouch.signals import learned
from brandcouch.signals.signatures import split_signature
from brandcouch.signals.textutil import HANDLE_RE, URL_RE, as_text

TEMPLATES_VERSION = "templates.v3"
#: shingle length in characters, Jaccard threshold of a near-duplicate (tuned on the train split)
SHINGLE_CHARS = 4
JACCARD_MIN = 0.5
#: LSH: BANDS x ROWS MinHash values (ROWS=3, BANDS=22: a pair at Jaccard 0.5 is a candidate with
#: probability 0.95, at 0.6 with 0.995)
BANDS = 22
ROWS = 3
NUM_PERM = BANDS * ROWS
SEED = 13
#: candidates whose MinHash estimate is below JACCARD_MIN minus this are not verified
PREFILTER_MARGIN = 0.25
#: a bucket of more distinct texts than this links each text to the bucket's first and to the
#: previous one only (instead of all pairs), so a huge bucket stays linear
BUCKET_ALL_PAIRS = 8
#: a reply is canned when its near-duplicate cluster holds at least this many of the brand's
#: replies (2: one other copy is enough, so the share needs no minimum corpus size)
CANNED_MIN_USES = 2
#: reference window of the size-stable share: ``canned_p`` = probability that the reply's group
#: has another copy among this many random other replies of the brand
REF_REPLIES = 100

_CARET_TOKEN = re.compile(r"\^\s?[A-Za-z]{1,12}\b")
_PART_MARKER = re.compile(r"\(?\.{0,3}\s?\b\d{1,2}\s?/\s?\d{1,2}\b\s?\)?")
_GREETING_NAME = re.compile(
    r"\b(hi|hey|hello|hiya|heya|dear|greetings|howdy|good\s+(?:morning|afternoon|evening))"
    r"(?:\s+(?:mr|mrs|ms|miss|dr)\.?)?[\s,]+(?!there\b|all\b|everyone\b|team\b|folks\b)"
    r"[^\W\d_][\w'’-]*",
    re.IGNORECASE,
)
_THANKS_NAME = re.compile(r"\b((?i:thanks|thank\s+you|thx))[\s,]+[A-Z][a-z'’-]+\b")
#: punctuation, emoji, "_" and numbers (one pass)
_NON_WORD = re.compile(r"[^\w\s]+|[_\d]+")
#: the same for ASCII text, as a translation table (much faster than the regex)
_ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalpha() or c.isspace())}
)
#: the @handles a reply starts with
_LEADING_HANDLES = re.compile(r"\A(?:\s*@\w+)+(?=\W|\Z)")
#: how many leading characters may hold a greeting + name
_GREETING_SPAN = 60
_LEADING_GREETING = re.compile(
    r"^(?:(?:hi|hey|hello|hiya|heya|dear|greetings|howdy|good (?:morning|afternoon|evening))"
    r"(?: there| all| everyone| folks| team)?\s*)+"
)


def template_key(text: str | None) -> str:
    """Normalised key for canned-reply detection (see the module docstring)."""
    return _key_and_agent(as_text(text))[0]


def _key_and_agent(text: str) -> tuple[str, str | None]:
    """``(template_key, agent signature)`` of one text (the signature is parsed once)."""
    if not text:
        return "", None
    t = html.unescape(text) if "&" in text else text
    t, agent = split_signature(t)
    # (the substring checks skip patterns that cannot match: most texts have no link, no "^")
    if "://" in t or "www." in t or "WWW." in t:
        t = URL_RE.sub(" ", t)
    if "@" in t:
        t = _LEADING_HANDLES.sub("", t)
        if "@" in t:
            t = HANDLE_RE.sub(" ", t)
    if "^" in t:
        t = _CARET_TOKEN.sub(" ", t)
    if "/" in t:
        t = _PART_MARKER.sub(" ", t)
    if "hank" in t or "HANK" in t or "hx" in t or "HX" in t:
        t = _THANKS_NAME.sub(r"\1", t)
    # a greeting name is at the start of the reply (after the handles)
    t = t.lstrip()
    t = _GREETING_NAME.sub(r"\1", t[:_GREETING_SPAN]) + t[_GREETING_SPAN:]
    t = t.lower()
    if t.isascii():
        t = t.translate(_ASCII_NON_WORD)
    else:
        t = _NON_WORD.sub(" ", t)
    return " ".join(t.split()), agent


def canned_keys(texts: Sequence[str | None]) -> list[str]:
    """template_key of each text, deduplicated work for repeated texts."""
    memo: dict[str, str] = {}
    out = []
    for t in map(as_text, texts):
        key = memo.get(t)
        if key is None:
            key = memo[t] = template_key(t)
        out.append(key)
    return out


def shingle_text(key: str) -> str:
    """The text whose shingles are compared: the template key without leading greeting words."""
    return _LEADING_GREETING.sub("", key).strip()


def reply_template(text: str | None) -> tuple[str, str | None]:
    """``(shingle text, agent signature)`` of one brand reply: what :func:`template_groups`
    compares it on (the shingle text; ``""`` when nothing is left) and who signed it. A function
    of the text alone, so the import computes it once per distinct text and keeps it in the
    store (the ``template`` and ``agent`` signals, :mod:`brandcouch.signals.reply_template`)."""
    t = as_text(text)
    # replies that differ only in the @handles they start with have one template
    if t.startswith("@"):
        t = _LEADING_HANDLES.sub("", t)
    key, agent = _key_and_agent(t)
    return shingle_text(key), agent


# --- shingles and MinHash (numpy) -------------------------------------------------------------

_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(h: np.ndarray) -> np.ndarray:
    """The 64-bit finaliser of MurmurHash3 (wrapping uint64 arithmetic)."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def shingle_hashes(texts: Sequence[str], k: int = SHINGLE_CHARS) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the ``k``-character shingles of every text, and each text's offset.

    Returns ``(hashes, offsets)``: text ``i``'s shingles are ``hashes[offsets[i]:offsets[i+1]]``
    (a text shorter than ``k`` is padded to one shingle; an empty text has none).
    """
    n = len(texts)
    padded = [t + "\x01" * (k - len(t)) if 0 < len(t) < k else t for t in texts]
    lengths = np.fromiter((len(t) for t in padded), dtype=np.int64, count=n)
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    counts = np.where(lengths >= k, lengths - k + 1, 0)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    total = int(offsets[-1])
    # position of every shingle start in the concatenated code array
    pos = np.arange(total, dtype=np.int64) - np.repeat(offsets[:-1] - starts[:-1], counts)
    h = np.zeros(total, dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * base + codes[pos + j]
        h = _mix(h)
    return h, offsets


def minhash(hashes: np.ndarray, offsets: np.ndarray, num_perm: int = NUM_PERM,
            seed: int = SEED) -> np.ndarray:  # fmt: skip
    """MinHash signatures ``(n_texts, num_perm)`` (uint32) from :func:`shingle_hashes` output.

    Hash function ``i`` is ``(a_i * x + b_i) mod 2**64 >> 32`` with odd ``a_i`` from a fixed seed.
    A text without shingles gets all ``0xFFFFFFFF``.
    """
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    n = len(offsets) - 1
    ext = learned.compiled_ngrams()
    if ext is not None:  # the same arithmetic in one pass (signals/_ngrams.c)
        out = ext.minhash(
            np.ascontiguousarray(hashes, dtype=np.uint64),
            np.ascontiguousarray(offsets, dtype=np.int64), a, b,
        )  # fmt: skip
        return np.frombuffer(out, dtype=np.uint32).reshape(n, num_perm)
    sig = np.full((n, num_perm), 0xFFFFFFFF, dtype=np.uint32)
    counts = np.diff(offsets)
    nonempty = np.flatnonzero(counts > 0)
    if len(nonempty) == 0:
        return sig
    chunk = 1 << 15  # shingles per block: blocks of (chunk, num_perm) uint64 stay ~17 MB
    i = 0
    with np.errstate(over="ignore"):
        while i < len(nonempty):
            lo = offsets[nonempty[i]]
            # texts of this block: as many whole texts as fit in ``chunk`` shingles (at least one)
            j = int(np.searchsorted(offsets[nonempty + 1], lo + chunk, side="right"))
            j = max(j, i + 1)
            idx = nonempty[i:j]
            hi = offsets[idx[-1] + 1]
            block = (hashes[lo:hi, None] * a[None, :] + b[None, :]) >> np.uint64(32)
            sig[idx] = np.minimum.reduceat(block, offsets[idx] - lo, axis=0).astype(np.uint32)
            i = j
    return sig


def _bucket_pairs(order: np.ndarray, bstart: np.ndarray, bsize: np.ndarray) -> list[np.ndarray]:
    """Node pairs of LSH buckets (``order[bstart:bstart+bsize]``), vectorised per bucket size."""
    out = []
    small = (bsize > 1) & (bsize <= BUCKET_ALL_PAIRS)
    for z in np.unique(bsize[small]):
        starts = bstart[small & (bsize == z)]
        ii, jj = np.triu_indices(int(z), 1)
        out.append(order[starts[:, None] + ii[None, :]].ravel())
        out.append(order[starts[:, None] + jj[None, :]].ravel())
    big = bsize > BUCKET_ALL_PAIRS
    if big.any():
        # each member with the bucket's first and with the previous member
        starts, sizes = bstart[big], bsize[big]
        pos = np.repeat(starts, sizes - 1) + (
            np.arange(int((sizes - 1).sum()))
            - np.repeat(np.cumsum(sizes - 1) - (sizes - 1), sizes - 1)
        )
        member = order[pos + 1]
        out += [order[np.repeat(starts, sizes - 1)], member, order[pos], member]
    return out


def _candidate_pairs(sig: np.ndarray, group: np.ndarray) -> np.ndarray:
    """LSH banding: ``(m, 2)`` node pairs (i < j) of one ``group`` that agree on one band."""
    n = sig.shape[0]
    firsts, seconds = [], []
    with np.errstate(over="ignore"):
        for band in range(BANDS):
            cols = sig[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
            key = np.full(n, np.uint64(band), dtype=np.uint64)
            for c in range(ROWS):
                key = _mix(key * np.uint64(0x9E3779B97F4A7C15) + cols[:, c])
            key = _mix(key ^ group.astype(np.uint64))
            order = np.argsort(key, kind="stable")
            ks = key[order]
            new = np.ones(n, dtype=bool)
            new[1:] = ks[1:] != ks[:-1]
            bstart = np.flatnonzero(new)
            bsize = np.diff(np.append(bstart, n))
            got = _bucket_pairs(order, bstart, bsize)
            firsts += got[0::2]
            seconds += got[1::2]
    if not firsts:
        return np.zeros((0, 2), dtype=np.int64)
    i = np.concatenate(firsts).astype(np.int64)
    j = np.concatenate(seconds).astype(np.int64)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    code = np.unique(lo * n + hi)
    return np.stack([code // n, code % n], axis=1)


def _estimated_jaccard(sig: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """MinHash estimate of each pair's Jaccard similarity (share of equal signature values)."""
    out = np.empty(len(pairs))
    step = 1 << 15
    for s in range(0, len(pairs), step):
        p = pairs[s : s + step]
        out[s : s + step] = (sig[p[:, 0]] == sig[p[:, 1]]).mean(axis=1)
    return out


def _jaccard(hashes: np.ndarray, offsets: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Jaccard similarity of the (31-bit hashed) shingle sets of each node pair."""
    if len(pairs) == 0:
        return np.zeros(0)
    import scipy.sparse as sp  # here: a store without near-duplicate candidates skips scipy

    # a row only for the texts of some pair (a brand's replies are mostly in none)
    nodes, inverse = np.unique(pairs.ravel(), return_inverse=True)
    pairs = inverse.reshape(-1, 2)
    counts = np.diff(offsets)[nodes]
    ends = np.cumsum(counts)
    shingles = np.repeat(offsets[nodes] - (ends - counts), counts) + np.arange(int(ends[-1]))
    rows = np.repeat(np.arange(len(nodes)), counts)
    # the shingle's column = the top 31 bits of its 64-bit hash (no global unique: two different
    # shingles of one pair share a column with probability ~ |A||B| / 2**31)
    cols = (hashes[shingles] >> np.uint64(33)).astype(np.int32)
    x = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(nodes), 1 << 31)
    )
    x.sum_duplicates()
    ext = learned.compiled_ngrams()
    if ext is not None:  # the sorted merge of each pair's two rows (signals/_ngrams.c)
        out = ext.pair_jaccard(
            np.ascontiguousarray(x.indptr, dtype=np.int64),
            np.ascontiguousarray(x.indices, dtype=np.int32),
            np.ascontiguousarray(pairs, dtype=np.int64),
        )
        return np.frombuffer(out, dtype=np.float64)
    x.data[:] = 1.0
    size = np.diff(x.indptr).astype(np.float64)
    inter = np.empty(len(pairs))
    step = 1 << 16
    for s in range(0, len(pairs), step):
        p = pairs[s : s + step]
        inter[s : s + step] = np.asarray(x[p[:, 0]].multiply(x[p[:, 1]]).sum(axis=1)).ravel()
    union = size[pairs[:, 0]] + size[pairs[:, 1]] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _components(n: int, edges: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` nodes (union-find over ``edges``)."""
    if len(edges) == 0:
        return np.arange(n, dtype=np.int64)
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    g = sp.coo_matrix((np.ones(len(edges), dtype=np.int8), (edges[:, 0], edges[:, 1])),
                      shape=(n, n))  # fmt: skip
    _, labels = connected_components(g, directed=False)
    return labels.astype(np.int64)


def _copy_probability(n: np.ndarray, uses: np.ndarray, ref: int) -> np.ndarray:
    """P(>= 1 of ``M = min(ref, n-1)`` random others of ``n - 1`` is one of the ``uses - 1`` copies).

    ``1 - prod_{i<M} (n-1-(uses-1)-i) / (n-1-i)`` (hypergeometric, computed in log space).
    """
    n = n.astype(np.float64)
    others = np.maximum(n - 1, 0)
    copies = np.maximum(uses.astype(np.float64) - 1, 0)
    m = np.minimum(float(ref), others)
    rest = others - copies  # the others that are not copies
    ok = (copies > 0) & (m > 0)
    p = np.zeros(len(n))
    # C(rest, m) / C(others, m); zero when rest < m
    full = ok & (rest >= m)
    r, o, mm = rest[full], others[full], m[full]
    if full.any():  # no copies (a small store): no scipy import
        from scipy.special import gammaln

        log_ratio = gammaln(r + 1) - gammaln(r - mm + 1) - gammaln(o + 1) + gammaln(o - mm + 1)
        p[full] = 1.0 - np.exp(log_ratio)
    p[ok & (rest < m)] = 1.0
    return p


def template_groups(brands: Sequence[str], texts: Sequence[str | None], *,
                    shingle_chars: int = SHINGLE_CHARS,
                    jaccard_min: float = JACCARD_MIN) -> pd.DataFrame:  # fmt: skip
    """Near-duplicate template groups of brand replies, one row per input (same order).

    Columns:

    - ``template_id`` (int64): the group; ids are unique across brands (a group never spans
      two brands), numbered 0, 1, ... in order of the group's first input; -1 when the text is
      empty after normalisation (only links, handles, emoji, a signature ...);
    - ``template_uses`` (int64): how many inputs of the same brand are in the group (0 for -1);
    - ``canned`` (bool): ``template_uses >= CANNED_MIN_USES`` (the group is a near-duplicate
      cluster of at least two of the brand's replies: exact copies after normalisation count);
    - ``canned_p`` (float64): the reply's term of the size-stable share (module docstring, 7.):
      ``1 - C(N-c, M) / C(N-1, M)`` with ``N`` the brand's inputs, ``c`` = 1 + the reply's
      near-duplicates (exact copies and verified pairs; ``template_uses`` for a clique),
      ``M = min(REF_REPLIES, N - 1)``; 0 for ``template_id`` -1;
    - ``agent`` (object: str or None): the agent signature (:func:`signatures.split_signature`).

    Deterministic (fixed MinHash seed; the result does not depend on the input order except for
    the numbering of ``template_id``).

    Replies never match across brands, so the groups are computed one brand at a time: memory
    (shingle hashes, MinHash signatures, candidate pairs) is bounded by the largest brand, not
    the corpus. The result is the one of a single pass over all brands
    (:func:`_brand_components` on every input at once; tests/signals/test_templates.py), except
    if two different brands' LSH bucket keys collided in 64 bits.
    """
    brands = [as_text(b) for b in brands]
    texts = [as_text(t) for t in texts]
    if len(brands) != len(texts):
        raise ValueError("brands and texts must have the same length")
    memo: dict[str, tuple[str, str | None]] = {}
    stexts: list[str] = []
    agents: list[str | None] = []
    for t in texts:
        r = memo.get(t)
        if r is None:
            r = memo[t] = reply_template(t)
        stexts.append(r[0])
        agents.append(r[1])
    del memo, texts
    return template_groups_of(brands, stexts, agents, shingle_chars=shingle_chars,
                              jaccard_min=jaccard_min)  # fmt: skip


def template_groups_of(brands: Sequence[str], stexts: Sequence[str], agents: Sequence[str | None],
                       *, shingle_chars: int = SHINGLE_CHARS,
                       jaccard_min: float = JACCARD_MIN) -> pd.DataFrame:  # fmt: skip
    """:func:`template_groups` of replies given as their :func:`reply_template` (shingle text
    and agent), e.g. read from the store's ``template`` and ``agent`` signals: the same frame
    as ``template_groups(brands, texts)`` for the texts they came from."""
    brands = [as_text(b) for b in brands]
    stexts = [as_text(t) for t in stexts]
    if not len(brands) == len(stexts) == len(agents):
        raise ValueError("brands, shingle texts and agents must have the same length")
    n = len(stexts)
    comp = np.full(n, -1, dtype=np.int64)
    near = np.zeros(n, dtype=np.int64)
    codes, _ = pd.factorize(pd.Series(brands, dtype=object), sort=False)
    order = np.argsort(codes, kind="stable")  # each brand's inputs, in input order
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    offset = 0
    for idx in np.split(order, bounds) if n else []:
        b_comp, b_near = _brand_components(
            [brands[i] for i in idx], [stexts[i] for i in idx], shingle_chars, jaccard_min
        )
        # component labels unique across brands
        comp[idx] = np.where(b_comp >= 0, b_comp + offset, -1)
        offset += int(b_comp.max()) + 1 if len(b_comp) else 0
        near[idx] = b_near
    return _numbered(brands, comp, near, list(agents))


def _brand_components(brands: list[str], stexts: list[str], shingle_chars: int,
                      jaccard_min: float) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The near-duplicate clusters of replies given by their shingle texts (of one brand, or
    of several: pairs are only made within a brand): per input its component label (-1 when
    its shingle text is empty) and its near-duplicate count (itself, its exact copies and the
    inputs verified similar to it)."""
    n = len(stexts)
    out_comp = np.full(n, -1, dtype=np.int64)
    out_near = np.zeros(n, dtype=np.int64)
    nonempty = np.fromiter((bool(s) for s in stexts), dtype=bool, count=n)
    if not nonempty.any():
        return out_comp, out_near
    idx = np.flatnonzero(nonempty)
    brand_codes, _ = pd.factorize(pd.Series(brands, dtype=object).iloc[idx], sort=False)
    node_key = pd.Series([f"{brands[i]}\x00{stexts[i]}" for i in idx], dtype=object)
    del stexts
    node_of, node_keys = pd.factorize(node_key, sort=False)
    del node_key
    n_nodes = len(node_keys)
    node_text = [k.split("\x00", 1)[1] for k in node_keys]
    del node_keys
    node_brand = np.zeros(n_nodes, dtype=np.int64)
    node_brand[node_of] = brand_codes
    hashes, offsets = shingle_hashes(node_text, shingle_chars)
    del node_text
    sig = minhash(hashes, offsets)
    pairs = _candidate_pairs(sig, node_brand)
    if len(pairs):
        pairs = pairs[node_brand[pairs[:, 0]] == node_brand[pairs[:, 1]]]
        # cheap pre-filter: drop candidates whose MinHash estimate is far below the threshold
        # (at NUM_PERM=66 a pair at the threshold is ~4 standard deviations above the cut)
        pairs = pairs[_estimated_jaccard(sig, pairs) >= jaccard_min - PREFILTER_MARGIN]
        del sig
        pairs = pairs[_jaccard(hashes, offsets, pairs) >= jaccard_min]
    del hashes, offsets
    comp = _components(n_nodes, pairs)
    out_comp[idx] = comp[node_of]
    # the reply's own near-duplicates (itself, its exact copies and the replies verified
    # similar to it), not its cluster: a chain A~B~C links A and C only through B, so a
    # cluster's size falls faster than linearly in a subsample, a reply's neighbours do not
    mult = np.bincount(node_of, minlength=n_nodes)
    near = mult.copy()
    if len(pairs):
        np.add.at(near, pairs[:, 0], mult[pairs[:, 1]])
        np.add.at(near, pairs[:, 1], mult[pairs[:, 0]])
    out_near[idx] = near[node_of]
    return out_comp, out_near


def _numbered(brands: list[str], comp: np.ndarray, near: np.ndarray,
              agents: list[str | None]) -> pd.DataFrame:  # fmt: skip
    """:func:`template_groups`' frame from each input's component label (-1: no group; labels
    unique across brands) and near-duplicate count: the groups numbered in order of their
    first input, their uses, ``canned`` and ``canned_p``."""
    n = len(comp)
    out_id = np.full(n, -1, dtype=np.int64)
    out_uses = np.zeros(n, dtype=np.int64)
    idx = np.flatnonzero(comp >= 0)
    if len(idx):
        comp_of_input = comp[idx]
        labels, first = np.unique(comp_of_input, return_index=True)
        rank = np.empty(int(labels[-1]) + 1, dtype=np.int64)
        order = np.argsort(first, kind="stable")
        rank[labels[order]] = np.arange(len(order))
        ids = rank[comp_of_input]
        uses = np.bincount(ids, minlength=len(order))
        out_id[idx] = ids
        out_uses[idx] = uses[ids]
    brand_n = pd.Series(brands, dtype=object).map(pd.Series(brands, dtype=object).value_counts())
    canned_p = _copy_probability(brand_n.to_numpy(dtype=np.int64), near, REF_REPLIES)
    return pd.DataFrame(
        {
            "template_id": out_id,
            "template_uses": out_uses,
            "canned": out_uses >= CANNED_MIN_USES,
            "canned_p": canned_p,
            "agent": pd.Series(agents, dtype=object),
        }
    )
