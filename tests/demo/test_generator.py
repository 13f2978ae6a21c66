"""The demo corpus generator: determinism, volume, integrity and the designed brand differences.

The brand statistics are computed here with plain Python over the generated items, so they check
the raw data, not brandcouch's own metrics.
"""

from __future__ import annotations

import hashlib
import os
import re
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import UTC, timedelta

import pytest

from brandcouch.demo import DEMO_BRANDS, generate
from brandcouch.model import Account, BrandHint, Kind, Message

INBOUND_KINDS = {Kind.REPLY, Kind.COMMENT, Kind.MENTION}
SALE_RE = re.compile(
    r"% off|\bsale\b|shop now|\bdeals?\b|\boffers?\b|\bcode\b|buy one|order now|discount|"
    r"limited time|\bsave\b|free shipping|clearance|sign up now",
    re.IGNORECASE,
)


def digest(items) -> str:
    h = hashlib.sha256()
    for item in items:
        h.update(repr(item).encode())
    return h.hexdigest()


def brand_stats(items) -> dict[str, dict]:
    """Per brand: inbound, answer rate, median first response, posts, replies (plain Python)."""
    hints = [i for i in items if isinstance(i, BrandHint)]
    msgs = [i for i in items if isinstance(i, Message)]
    owner = {(h.platform, h.native_id): h.brand for h in hints}
    first_reply: dict[tuple[str, str], float] = {}
    by_id = {(m.platform, m.native_id): m for m in msgs}
    for m in msgs:
        if owner.get((m.platform, m.author_native_id)) and m.parent_native_id:
            parent = by_id[(m.platform, m.parent_native_id)]
            delay = (m.created_at - parent.created_at).total_seconds() / 60
            key = (m.platform, m.parent_native_id)
            first_reply[key] = min(first_reply.get(key, delay), delay)
    out: dict[str, dict] = defaultdict(
        lambda: {
            "inbound": 0,
            "answered": 0,
            "delays": [],
            "posts": [],
            "replies": [],
            "deleted_inbound": 0,
            "platforms": Counter(),
        }  # fmt: skip
    )
    for m in msgs:
        author_brand = owner.get((m.platform, m.author_native_id))
        to_brand = owner.get((m.platform, m.to_native_id)) if m.to_native_id else None
        if author_brand:
            s = out[author_brand]
            s["platforms"][m.platform] += 1
            if m.kind == Kind.POST:
                s["posts"].append(m.text)
            elif m.kind == Kind.REPLY:
                s["replies"].append(m.text)
        elif to_brand and m.kind in INBOUND_KINDS:
            s = out[to_brand]
            s["platforms"][m.platform] += 1
            if m.deleted:
                s["deleted_inbound"] += 1
                continue
            s["inbound"] += 1
            delay = first_reply.get((m.platform, m.native_id))
            if delay is not None:
                s["answered"] += 1
                s["delays"].append(delay)
    for s in out.values():
        s["answer_rate"] = s["answered"] / s["inbound"]
        s["median_first_response_min"] = statistics.median(s["delays"])
        s["sale_share"] = sum(bool(SALE_RE.search(t)) for t in s["posts"]) / len(s["posts"])
    return dict(out)


def template_share(replies: list[str], top: int = 5) -> float:
    """Share of replies that are one of the `top` most common texts, names/initials removed."""
    norm = Counter(
        re.sub(r"\^[A-Z]{2}\b", "^X", re.sub(r"^Hi [A-Z][a-z]+,", "Hi X,", r)) for r in replies
    )
    return sum(n for _, n in norm.most_common(top)) / len(replies)


@pytest.fixture(scope="module")
def full():
    return list(generate())


@pytest.fixture(scope="module")
def stats(full):
    return brand_stats(full)


def test_same_seed_same_items_and_different_seed_differs():
    a = digest(generate(seed=7, scale=0.1))
    assert a == digest(generate(seed=7, scale=0.1))
    assert a != digest(generate(seed=8, scale=0.1))


def test_independent_of_hash_seed():
    code = (
        "import hashlib; from brandcouch.demo import generate; h = hashlib.sha256()\n"
        "for i in generate(seed=3, scale=0.05): h.update(repr(i).encode())\n"
        "print(h.hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True)  # fmt: skip
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert digests == {digest(generate(seed=3, scale=0.05))}


def test_scale_changes_volume():
    small = sum(isinstance(i, Message) for i in generate(scale=0.1))
    assert 1000 < small < 6000


def test_order_accounts_then_hints_then_messages(full):
    items = full
    kinds = [type(i).__name__ for i in items]
    first_hint, first_msg = kinds.index("BrandHint"), kinds.index("Message")
    assert set(kinds[:first_hint]) == {"Account"}
    assert set(kinds[first_hint:first_msg]) == {"BrandHint"}
    assert set(kinds[first_msg:]) == {"Message"}
    accounts = [(i.platform, i.native_id) for i in items if isinstance(i, Account)]
    assert len(accounts) == len(set(accounts))
    hints = [i for i in items if isinstance(i, BrandHint)]
    assert len(hints) == sum(len(accs) for _, accs in DEMO_BRANDS)


def test_volume_span_and_platforms(full, stats):
    # how fast the generator runs is measured by bench/bench_demo.py, never asserted here
    msgs = [i for i in full if isinstance(i, Message)]
    assert len(msgs) >= 20_000
    times = [m.created_at for m in msgs]
    assert all(t.tzinfo is not None and t.utcoffset() == timedelta(0) for t in times)
    assert times == sorted(times)
    assert max(times) - min(times) >= timedelta(days=91)
    assert min(times).tzinfo == UTC or min(times).utcoffset() == timedelta(0)
    for name, accounts in DEMO_BRANDS:
        assert len({p for p, _ in accounts}) >= 3
        assert len(stats[name]["platforms"]) >= 3, name


def test_ids_unique_and_references_resolve(full):
    items = full
    msgs = [i for i in items if isinstance(i, Message)]
    ids = [(m.platform, m.native_id) for m in msgs]
    assert len(ids) == len(set(ids))
    known_msgs, seen = set(ids), set()
    accounts = {(i.platform, i.native_id) for i in items if isinstance(i, Account)}
    for m in msgs:
        assert (m.platform, m.author_native_id) in accounts
        if m.parent_native_id is not None:
            assert (m.platform, m.parent_native_id) in seen  # parents come first
            assert (m.platform, m.root_native_id) in known_msgs
            assert m.to_native_id is not None
        if m.to_native_id is not None:
            assert (m.platform, m.to_native_id) in accounts
        if m.kind == Kind.MENTION:
            assert m.text.startswith("@")
        assert m.permalink == f"https://demo.brandcouch.example/{m.platform}/{m.native_id}"
        seen.add((m.platform, m.native_id))


def test_replies_address_the_parent_author(full):
    msgs = [i for i in full if isinstance(i, Message)]
    by_id = {(m.platform, m.native_id): m for m in msgs}
    self_replies = 0
    for m in msgs:
        if m.kind == Kind.REPLY and m.parent_native_id:
            parent = by_id[(m.platform, m.parent_native_id)]
            if parent.author_native_id == m.author_native_id:
                # a follow-up ("Any update?") or a brand check-in addresses the other side
                self_replies += 1
                assert m.to_native_id != m.author_native_id
            else:
                assert m.to_native_id == parent.author_native_id
    assert self_replies > 100


def test_harbor_is_attentive(stats):
    s = stats["Harbor Coffee"]
    assert s["answer_rate"] > 0.80
    assert s["median_first_response_min"] < 30
    assert s["sale_share"] <= 0.2


def test_megamart_is_a_broadcaster(stats):
    s = stats["MegaMart Deals"]
    assert s["answer_rate"] < 0.20
    assert s["sale_share"] > 0.60
    assert s["median_first_response_min"] > 6 * 60
    assert s["inbound"] > stats["Harbor Coffee"]["inbound"]


def test_megamart_has_bots_and_spam(full):
    msgs = [i for i in full if isinstance(i, Message)]
    repeated = Counter((m.author_native_id, m.text) for m in msgs if m.kind != Kind.POST)
    bots = [k for k, n in repeated.items() if n >= 100]
    assert len(bots) >= 3
    assert sum("giveaway" in m.text.lower() for m in msgs) > 20


def test_nimbus_is_a_fast_canned_deflector(stats):
    s = stats["Nimbus Telecom"]
    assert s["median_first_response_min"] < 15
    assert template_share(s["replies"]) > 0.5
    assert s["deleted_inbound"] > 0
    assert 0.5 < s["answer_rate"] < 0.9
    harbor = stats["Harbor Coffee"]["replies"]
    assert template_share(harbor) < 0.25


def test_texts_are_varied(full):
    msgs = [i for i in full if isinstance(i, Message)]
    audience = [m.text for m in msgs if m.kind in (Kind.MENTION, Kind.COMMENT)]
    assert len(set(audience)) / len(audience) > 0.5


def test_some_handles_on_two_platforms(full):
    platforms = defaultdict(set)
    for i in full:
        if isinstance(i, Account):
            platforms[i.handle].add(i.platform)
    assert sum(len(p) >= 2 for p in platforms.values()) > 20
