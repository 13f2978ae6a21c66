"""The ``turns`` step against an independent recount on real data.

The recount below reads ``twcs_head5000.csv`` with pandas only (no brandcouch code) and applies
the rule of docs/metrics.md (issue 12) from scratch:

- ids are the store's: ``twitter:twcs:<tweet_id>``; a tweet's parent is its
  ``in_response_to_tweet_id``; its conversation (``thread_id``) is the root of its parent chain
  within the file, or the id of the first ancestor the file lacks;
- brands are the authors of tweets with ``inbound == False``; everyone else is audience;
- an audience tweet addresses a brand when it replies to that brand's tweet, names it as an
  @mention anywhere in the text (case-insensitively), starts a conversation the brand owns, or
  the brand replied to it directly, or the brand replied to a later tweet of the same customer
  further down its reply chain (the answered chain);
- per (conversation, brand): that brand's tweets and the audience tweets addressing it, ordered
  by (created_at, depth, id); a customer turn is a maximal run of consecutive tweets by one
  audience member with no tweet of that brand between them (another brand's tweets are not in
  the sequence, so they never split a turn);
- a turn is answered when a tweet of that brand comes after its last tweet and either descends
  from one of its tweets (a reply to it, or to a reply below it) or does not reply to another
  audience member (one brand reply under a post with many commenters answers the one it replies
  to, not every earlier commenter: docs/metrics.md); its first response
  runs from its first tweet to that brand tweet, in minutes; a turn not answered one of whose
  tweets lists (``response_tweet_id``) a response the file does not hold is answered outside
  the data.

Compared per brand: customer turns, answered turns and the median first response over the
answered turns (none of which depends on the text signals), and the turns answered outside
the data. Each comparison lists every brand
that differs, with the conversations behind the difference.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd
import pytest

from tests.conftest import shared_path

PREFIX = "twitter:twcs:"
MENTION = re.compile(r"@(\w{1,30})")


# -- the independent recount -----------------------------------------------------------------


def _tweet_id(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    return PREFIX + str(int(float(value)))


def reference_turns(
    csv_path, mentions: str = "every", pairs: set[tuple[str, str]] | None = None
) -> pd.DataFrame:
    """One row per (brand, customer turn): brand, thread_id, turn_id, message_ids, answered,
    first_response_minutes, answered_outside_data (not answered, and one of its tweets lists in
    ``response_tweet_id`` a response the file does not hold)."""
    df = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    df["id"] = df["tweet_id"].map(_tweet_id)
    df["at"] = pd.to_datetime(df["created_at"], format="%a %b %d %H:%M:%S %z %Y", utc=True)
    brands = set(df.loc[df["inbound"] == "False", "author_id"])
    by_lower = {b.lower(): b for b in brands}
    parent = {i: _tweet_id(v) for i, v in zip(df["id"], df["in_response_to_tweet_id"], strict=True)}
    author = dict(zip(df["id"], df["author_id"], strict=True))
    # the tweet lists a response the file does not hold (the source says it was answered)
    df["listed_reply"] = [
        any(_tweet_id(r) not in author for r in v.split(",") if r.strip())
        for v in df["response_tweet_id"]
    ]

    root: dict[str, str] = {}
    depth: dict[str, int] = {}
    for mid in df["id"]:
        path, cur = [], mid
        while True:  # climb to a tweet without a parent, a known root, or a tweet not in the file
            if cur in root:
                top, top_depth = root[cur], depth[cur]
                break
            if cur not in parent:  # the first ancestor the file lacks names the conversation
                top, top_depth = cur, 0
                break
            path.append(cur)
            if parent[cur] is None:
                top, top_depth = cur, -1
                break
            cur = parent[cur]
        for i, node in enumerate(reversed(path)):
            root[node] = top
            depth[node] = top_depth + i + 1
    df["thread"] = df["id"].map(root)
    df["depth"] = df["id"].map(depth)

    children = defaultdict(list)
    for mid, p in parent.items():
        if p is not None:
            children[p].append(mid)

    # a customer's earlier tweets above a tweet of theirs that a brand replies to, anywhere up
    # the same reply chain, address that brand too (the answered chain)
    chain: dict[str, set[str]] = defaultdict(set)
    for mid, p in parent.items():
        if author[mid] not in brands or p is None or p not in author or author[p] in brands:
            continue
        cur = parent[p]
        while cur is not None and cur in author:
            if author[cur] == author[p]:
                chain[cur].add(author[mid])
            cur = parent[cur]

    def addressed(r) -> set[str]:
        up = parent[r.id]
        by_parent = {author[up]} if up is not None and author.get(up) in brands else set()
        by_root = (
            {author[r.thread]} if r.thread != r.id and author.get(r.thread) in brands else set()
        )
        handles = MENTION.findall(r.text)
        if mentions == "every":
            named = {by_lower[h.lower()] for h in handles if h.lower() in by_lower}
            out = by_parent | named | by_root
        else:  # the first @mention only, its exact spelling; the first of parent, it, root
            named = {handles[0]} & brands if handles else set()
            out = next((x for x in (by_parent, named, by_root) if x), set())
        out = out | chain.get(r.id, set()) if mentions == "every" else out
        return out | {author[c] for c in children.get(r.id, ()) if author[c] in brands}

    audience = df[~df["author_id"].isin(brands)]
    if pairs is None:
        pairs = {(r.id, b) for r in audience.itertuples() for b in addressed(r)}
    to_brand = pd.DataFrame(sorted(pairs), columns=["id", "brand"])
    seq = pd.concat(
        [
            to_brand.merge(df, on="id"),
            df[df["author_id"].isin(brands)].assign(brand=lambda d: d["author_id"]),
        ],
        ignore_index=True,
    )
    seq["is_brand"] = seq["author_id"] == seq["brand"]
    seq = seq.sort_values(["brand", "thread", "at", "depth", "id"], kind="stable")

    def answers_customer(brand_tweet: str, customer: str) -> bool:
        """A brand tweet answers this customer unless it replies to another audience member
        (a reply to the customer, to a brand, to nobody or to a tweet outside the file does)."""
        up = parent.get(brand_tweet)
        if up is None or up not in author:
            return True
        return author[up] in brands or author[up] == customer

    def descends(brand_tweet: str, tweets: set[str]) -> bool:
        """The brand tweet replies to one of ``tweets`` or to a reply below one of them."""
        cur = parent.get(brand_tweet)
        while cur is not None and cur in parent:
            if cur in tweets:
                return True
            cur = parent[cur]
        return cur in tweets

    out = []
    for (brand, thread), g in seq.groupby(["brand", "thread"], sort=False):
        msgs = list(g.itertuples())
        turns: list[list] = []
        last_author = None
        for m in msgs:
            if m.is_brand:
                last_author = None
                continue
            if m.author_id == last_author:
                turns[-1][1].append(m)
            else:
                turns.append([len(msgs), [m]])
                last_author = m.author_id
        if not turns:
            continue
        pos = {m.id: i for i, m in enumerate(msgs)}
        for _, members in turns:
            end = pos[members[-1].id]
            who, own = members[0].author_id, {m.id for m in members}
            reply = next(
                (
                    m
                    for m in msgs[end + 1 :]
                    if m.is_brand and (descends(m.id, own) or answers_customer(m.id, who))
                ),
                None,
            )
            answered = reply is not None
            outside = not answered and any(m.listed_reply for m in members)
            minutes = (reply.at - members[0].at).total_seconds() / 60.0 if answered else None
            out.append(
                {
                    "brand": brand,
                    "thread_id": thread,
                    "turn_id": members[0].id,
                    "message_ids": [m.id for m in members],
                    "answered": answered,
                    "answered_outside_data": outside,
                    "first_response_minutes": minutes,
                }
            )
    return pd.DataFrame(out)


def per_brand(turns: pd.DataFrame) -> pd.DataFrame:
    answered = turns[turns["answered"]]
    return pd.DataFrame(
        {
            "customer_turns": turns.groupby("brand").size(),
            "answered_turns": answered.groupby("brand").size(),
            "median_first_response": answered.groupby("brand")["first_response_minutes"].median(),
        }
    ).fillna({"answered_turns": 0})


# -- the step --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def twcs_csv():
    return shared_path("data", "twcs", "twcs_head5000.csv")


@pytest.fixture(scope="module")
def step_turns(twcs_csv, tmp_path_factory):
    from brandcouch import api

    store = api.open_store(tmp_path_factory.mktemp("turns") / "twcs.duckdb", create=True)
    api.import_paths(store, [twcs_csv])
    api.run_signals(store)
    from brandcouch.analysis.steps import Runner

    Runner(store).ensure("turns")
    df = store.con.execute("SELECT * FROM turns").df()
    store.close()
    df["message_ids"] = df["message_ids"].map(list)
    return df


@pytest.fixture(scope="module")
def ref_turns(twcs_csv):
    """The recount with the issue's attribution (every @mention, any case)."""
    return reference_turns(twcs_csv)


@pytest.fixture(scope="module")
def ref_on_step_attribution(twcs_csv, step_turns):
    """The recount of turns from the (message, brand) pairs the step's attribution chose: the
    turn rule alone, whatever the attribution decides."""
    pairs = {
        (m, b) for b, ids in zip(step_turns.brand, step_turns.message_ids, strict=True) for m in ids
    }
    return reference_turns(twcs_csv, pairs=pairs)


def _differences(mine: pd.DataFrame, theirs: pd.DataFrame, column: str) -> list[str]:
    both = mine[[column]].join(theirs[[column]], how="outer", suffixes=("_ref", "_step"))
    a, b = both[f"{column}_ref"], both[f"{column}_step"]
    differ = ~((a == b) | (a.isna() & b.isna()) | ((a - b).abs() < 0.05))
    return [
        f"{brand}: reference {r.iloc[0]}, step {r.iloc[1]}" for brand, r in both[differ].iterrows()
    ]


def _thread_diff(ref: pd.DataFrame, step: pd.DataFrame, brand: str, limit: int = 5) -> str:
    def key(df):
        d = df[df["brand"] == brand]
        return {
            (t, " ".join(m)): a
            for t, m, a in zip(d.thread_id, d.message_ids, d.answered, strict=True)
        }

    r, s = key(ref), key(step)
    only_ref = sorted(set(r) - set(s))[:limit]
    only_step = sorted(set(s) - set(r))[:limit]
    verdict = sorted(k for k in set(r) & set(s) if r[k] != s[k])[:limit]
    return (
        f"  {brand}: turns only in the reference {only_ref}; only in the step {only_step}; "
        f"answered differently {[(k, r[k], s[k]) for k in verdict]}"
    )


def _report(ref, step, column) -> None:
    diffs = _differences(per_brand(ref), per_brand(step), column)
    if diffs:
        brands = [d.split(":")[0] for d in diffs]
        detail = "\n".join(_thread_diff(ref, step, b) for b in brands[:8])
        pytest.fail(
            f"{column} differs for {len(diffs)} brand(s):\n" + "\n".join(diffs) + "\n" + detail
        )


def test_the_reference_sees_every_brand_and_a_plausible_count(ref_turns):
    counts = per_brand(ref_turns)
    assert len(counts) >= 50  # the excerpt has 76 brand accounts; most get turns
    n_messages = ref_turns["message_ids"].map(len)
    assert (n_messages > 1).sum() > 100  # bursts fold: many turns hold several tweets
    assert (counts["answered_turns"] <= counts["customer_turns"]).all()


def test_the_step_attributes_every_mention(ref_turns, step_turns):
    """Which audience tweets reach which brand (issue 12, "every @mention counts")."""
    ref = {
        (b, m) for b, ids in zip(ref_turns.brand, ref_turns.message_ids, strict=True) for m in ids
    }
    got = {
        (b, m) for b, ids in zip(step_turns.brand, step_turns.message_ids, strict=True) for m in ids
    }
    missing, extra = sorted(ref - got), sorted(got - ref)
    assert not missing and not extra, (
        f"{len(missing)} (brand, tweet) pairs only in the reference, e.g. {missing[:8]}; "
        f"{len(extra)} only in the step, e.g. {extra[:8]}"
    )


def test_customer_turns_per_brand_match(ref_turns, step_turns):
    _report(ref_turns, step_turns, "customer_turns")


def test_turn_partition_matches_on_the_steps_attribution(ref_on_step_attribution, step_turns):
    def turns(df):
        return set(zip(df.brand, df.thread_id, df.message_ids.map(" ".join), strict=True))

    ref, got = turns(ref_on_step_attribution), turns(step_turns)
    assert ref == got, (
        f"only in the reference {sorted(ref - got)[:8]}; only in the step {sorted(got - ref)[:8]}"
    )


@pytest.mark.parametrize("column", ["customer_turns", "answered_turns", "median_first_response"])
def test_turn_rule_per_brand_on_the_steps_attribution(ref_on_step_attribution, step_turns, column):
    _report(ref_on_step_attribution, step_turns, column)


def test_answered_turns_per_brand_match(ref_turns, step_turns):
    _report(ref_turns, step_turns, "answered_turns")


def test_median_first_response_per_brand_matches(ref_turns, step_turns):
    _report(ref_turns, step_turns, "median_first_response")


def test_answered_and_outside_data_are_never_both_true(step_turns):
    assert not (step_turns["answered"] & step_turns["answered_outside_data"]).any()


def test_outside_data_turns_per_brand_match(ref_on_step_attribution, step_turns):
    ref = ref_on_step_attribution.groupby("brand")["answered_outside_data"].sum()
    got = step_turns.groupby("brand")["answered_outside_data"].sum()
    both = pd.concat([ref.rename("ref"), got.rename("step")], axis=1).fillna(0)
    differ = both[both["ref"] != both["step"]]
    assert differ.empty, f"outside-data turns differ:\n{differ.to_string()}"
