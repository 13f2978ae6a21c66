"""The labelled samples in labels/ (issue 13, "Labelled data you build"): ids and labels only, a
split anyone can recompute from them (labels/split.py), every id present in the source it names
in ../shared, and the class counts the docs quote (docs/signals.md, "Labelled data")."""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import shared_path

LABELS = Path(__file__).resolve().parents[1] / "labels"
ACTS = (
    "acknowledge", "apologise", "diagnose", "inform", "commit", "private", "link", "close",
    "banter", "promote", "boilerplate",
)  # fmt: skip
#: task -> (allowed labels, the class the split is stratified on)
TASKS = {
    "acts": (None, lambda lab: "private" if "private" in lab.split(";") else "not_private"),
    "ownership": (
        {"owned", "deflected_only", "neither", "unanswered"},
        lambda lab: "owned" if lab == "owned" else "not_owned",
    ),
    "outcome": ({"better", "same", "worse", "unknown"}, lambda lab: lab),
    "templates": (None, lambda lab: "unique" if lab == "unique" else "canned"),
    "self_promotion": ({"promo", "not"}, lambda lab: lab),
    "pitch": ({"pitch", "not"}, lambda lab: lab),
}
#: (task, split, class) -> count, as docs/signals.md states them
COUNTS = {
    ("acts", "test", "private"): 78, ("acts", "test", "not_private"): 133,
    ("ownership", "test", "owned"): 43, ("ownership", "test", "not_owned"): 51,
    ("templates", "test", "canned"): 46, ("templates", "test", "unique"): 225,
    ("self_promotion", "test", "promo"): 27, ("self_promotion", "test", "not"): 486,
    ("pitch", "test", "pitch"): 46, ("pitch", "test", "not"): 78,
}  # fmt: skip


def _rows(task: str) -> list[dict]:
    with open(LABELS / f"{task}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _label_script(name: str):
    """A script of labels/ loaded as a module."""
    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), LABELS / name)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _sampler(name: str):
    """A labels/ sampler reading twcs_head5000 from ../shared (skips when it is absent)."""
    mod = _label_script(name)
    mod.SRC = shared_path("data", "twcs", "twcs_head5000.csv")
    return mod


def _assign_split():
    mod = _label_script("split.py")
    return mod.assign_split


@pytest.mark.parametrize("task", sorted(TASKS))
def test_label_file_shape_and_split(task):
    rows = _rows(task)
    extra = ["source"] if task == "pitch" else []
    assert list(rows[0]) == ["tweet_id", "label", "split", "labeller", *extra]
    allowed, klass = TASKS[task]
    keys = [(r.get("source", ""), r["tweet_id"]) for r in rows]
    assert len(keys) == len(set(keys)), "an item is labelled twice"
    for r in rows:
        if allowed is not None:
            assert r["label"] in allowed, r
        elif task == "acts":
            acts = r["label"].split(";")
            assert acts and all(a in ACTS for a in acts), r
            assert acts == sorted(acts, key=ACTS.index), r  # the fixed order
            if "boilerplate" in acts:
                assert not {"acknowledge", "diagnose", "inform", "commit"} & set(acts), r
        else:  # templates: <brand>:<name> or unique
            assert r["label"] == "unique" or ":" in r["label"], r
        assert r["split"] in {"train", "test"}
        assert r["labeller"].startswith("agent-")
        # ids only: no text crept in
        assert len(r["tweet_id"]) <= 64 and " " not in r["tweet_id"]
    # the split is the documented rule, recomputed from ids and labels alone
    by_source: dict[str, dict[str, list[str]]] = {}
    for r in rows:
        by_source.setdefault(r.get("source", ""), {}).setdefault(klass(r["label"]), []).append(
            r["tweet_id"]
        )
    if task != "pitch":  # pitch splits over every source at once (its ids do not collide)
        expected = _assign_split()(task, by_source[""])
        assert {r["tweet_id"]: r["split"] for r in rows} == expected
    counts = Counter((r["split"], klass(r["label"])) for r in rows)
    for (t, split, cls), n in COUNTS.items():
        if t == task:
            assert counts[(split, cls)] == n, (split, cls)


def test_pitch_split_is_the_rule():
    rows = _rows("pitch")
    by_class: dict[str, list[str]] = {}
    for r in rows:
        by_class.setdefault(r["label"], []).append(r["tweet_id"])
    expected = _assign_split()("pitch", by_class)
    assert {r["tweet_id"]: r["split"] for r in rows} == expected


def _twcs_ids() -> set[str]:
    ids: set[str] = set()
    for name in ("twcs_head5000.csv", "spotifycares_support_requests.csv"):
        with open(shared_path("data", "twcs", name), newline="", encoding="utf-8") as f:
            ids.update(r["tweet_id"] for r in csv.DictReader(f))
    return ids


def test_every_labelled_id_is_in_shared():
    twcs = _twcs_ids()
    for task in ("acts", "ownership", "outcome", "templates", "self_promotion"):
        missing = [r["tweet_id"] for r in _rows(task) if r["tweet_id"] not in twcs]
        assert not missing, (task, missing[:5])
    youtube: dict[str, set[str]] = {}
    for r in _rows("pitch"):
        src = r["source"]
        if src == "twcs":
            assert r["tweet_id"] in twcs
        elif src == "seed":
            assert r["tweet_id"] in {str(i) for i in range(1, 10)}
        else:
            stem = src.removeprefix("youtube:")
            if stem not in youtube:
                path = shared_path("data", "youtube-spam", f"{stem}.csv")
                with open(path, newline="", encoding="utf-8") as f:
                    youtube[stem] = {x["COMMENT_ID"] for x in csv.DictReader(f)}
            assert r["tweet_id"] in youtube[stem], r


def _assert_brand_replies_outside_ownership_test_threads(rows: list[dict]) -> None:
    """Every row is a brand reply of twcs_head5000 whose thread (the connected component of
    its ``in_response_to_tweet_id`` links inside the file) holds no labels/ownership.csv test
    conversation."""
    with open(shared_path("data", "twcs", "twcs_head5000.csv"), newline="", encoding="utf-8") as f:
        tw = {r["tweet_id"]: r for r in csv.DictReader(f)}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for t, r in tw.items():
        p = r["in_response_to_tweet_id"].strip()
        if p and str(int(float(p))) in tw:
            parent[find(t)] = find(str(int(float(p))))
    test_threads = {find(r["tweet_id"]) for r in _rows("ownership") if r["split"] == "test"}
    for r in rows:
        assert tw[r["tweet_id"]]["inbound"] == "False", r
        assert find(r["tweet_id"]) not in test_threads, r


def test_conversation_labels_agree():
    """ownership.csv and outcome.csv label the same conversations; a conversation with no
    brand reply cannot have a visible outcome."""
    own = {r["tweet_id"]: r["label"] for r in _rows("ownership")}
    out = {r["tweet_id"]: r["label"] for r in _rows("outcome")}
    assert own.keys() == out.keys()
    assert all(out[k] == "unknown" for k, v in own.items() if v == "unanswered")


@pytest.mark.parametrize(
    "task, n, labeller, earlier",
    [
        ("acts_more", 320, "agent-own", ("acts",)),
        ("acts_more2", 300, "agent-acts3", ("acts", "acts_more")),
        ("acts_more4", 250, "agent-acts5", ("acts", "acts_more", "acts_more2", "acts_more3")),
        (
            "acts_more5",
            169,
            "agent-acts5",
            ("acts", "acts_more", "acts_more2", "acts_more3", "acts_more4"),
        ),
    ],
)
def test_acts_more_is_training_data_only_and_disjoint_from_the_test_threads(
    task, n, labeller, earlier
):
    """labels/acts_more.csv (labels/acts_more.md, 320 rows), labels/acts_more2.csv
    (labels/acts_more2.md, 300 rows), labels/acts_more4.csv (labels/acts_more4.md, 250 rows,
    the seventh pass) and labels/acts_more5.csv (labels/acts_more5.md, 169 rows, the tenth
    pass): more brand replies in the acts format, every row
    split=train, none in an earlier acts file, none in a thread that holds a
    labels/ownership.csv test conversation, every id a brand reply in twcs_head5000."""
    rows = _rows(task)
    assert list(rows[0]) == ["tweet_id", "label", "split", "labeller"]
    assert len(rows) == n and len({r["tweet_id"] for r in rows}) == n
    for r in rows:
        acts = r["label"].split(";")
        assert acts and all(a in ACTS for a in acts), r
        assert acts == sorted(acts, key=ACTS.index), r
        if "boilerplate" in acts:
            assert not {"acknowledge", "diagnose", "inform", "commit"} & set(acts), r
        assert r["split"] == "train" and r["labeller"] == labeller, r
    for other in earlier:
        assert not {r["tweet_id"] for r in rows} & {r["tweet_id"] for r in _rows(other)}, other
    _assert_brand_replies_outside_ownership_test_threads(rows)


def test_acts_more3_is_a_fresh_split_set_disjoint_from_the_earlier_ones():
    """labels/acts_more3.csv (labels/acts_more3.md): 240 fresh brand replies of twcs_head5000
    for the sixth pass, labeller agent-acts4, split by labels/split.assign_split("acts_more3")
    stratified on deflection (private and none of acknowledge/diagnose/inform/commit): 121
    test (47 deflections, 74 others) and 119 train (46, 73); none in an earlier acts file, none
    in a thread holding a labels/ownership.csv test conversation, every id a brand reply."""
    mod = _label_script("split.py")

    rows = _rows("acts_more3")
    assert list(rows[0]) == ["tweet_id", "label", "split", "labeller"]
    assert len(rows) == 240 and len({r["tweet_id"] for r in rows}) == 240
    engage = {"acknowledge", "diagnose", "inform", "commit"}
    by_cls: dict[str, list[str]] = {"deflection": [], "other": []}
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        acts = r["label"].split(";")
        assert acts and all(a in ACTS for a in acts), r
        assert acts == sorted(acts, key=ACTS.index), r
        if "boilerplate" in acts:
            assert not engage & set(acts), r
        assert r["labeller"] == "agent-acts4", r
        cls = "deflection" if "private" in acts and not engage & set(acts) else "other"
        by_cls[cls].append(r["tweet_id"])
        counts[(r["split"], cls)] = counts.get((r["split"], cls), 0) + 1
    assert counts == {
        ("test", "deflection"): 47,
        ("test", "other"): 74,
        ("train", "deflection"): 46,
        ("train", "other"): 73,
    }
    split = mod.assign_split("acts_more3", by_cls)
    assert all(split[r["tweet_id"]] == r["split"] for r in rows)
    ids = {r["tweet_id"] for r in rows}
    for other in ("acts", "acts_more", "acts_more2"):
        assert not ids & {r["tweet_id"] for r in _rows(other)}, other
    _assert_brand_replies_outside_ownership_test_threads(rows)


def test_acts_more4_counts_and_sample():
    """labels/acts_more4.csv is exactly the sample of labels/sample_acts_more4.py (seed 141414,
    188 replies with a channel cue + 62 without, at most 15 per brand) and holds 108
    deflections (private and none of acknowledge/diagnose/inform/commit), 129 private, 62
    inform (counted by hand in labels/acts_more4.md)."""
    mod = _sampler("sample_acts_more4.py")
    kept, n_cand, n_cue = mod.sample(mod.load())
    assert (n_cand, n_cue, len(kept)) == (809, 267, 250)
    assert sum(bool(mod.CUE_RE.search(r["text"])) for r in kept) == 188
    rows = _rows("acts_more4")
    assert {r["tweet_id"] for r in kept} == {r["tweet_id"] for r in rows}
    engage = {"acknowledge", "diagnose", "inform", "commit"}
    acts = [set(r["label"].split(";")) for r in rows]
    assert sum("private" in a and not engage & a for a in acts) == 108
    assert sum("private" in a for a in acts) == 129
    assert sum("inform" in a for a in acts) == 62


def test_acts_more5_counts_and_sample():
    """labels/acts_more5.csv is exactly the sample of labels/sample_acts_more5.py (seed 151515:
    all 79 candidates with a channel cue + 90 without, at most 6 per brand among those) and
    holds 51 deflections (private and none of acknowledge/diagnose/inform/commit), 57 private
    (54 of the cue replies), 49 inform (counted in labels/acts_more5.md)."""
    mod = _sampler("sample_acts_more5.py")
    kept, n_cand, n_cue = mod.sample(mod.load())
    assert (n_cand, n_cue, len(kept)) == (559, 79, 169)
    cue = {r["tweet_id"] for r in kept if mod.CUE_RE.search(r["text"])}
    assert len(cue) == 79
    rows = _rows("acts_more5")
    assert {r["tweet_id"] for r in kept} == {r["tweet_id"] for r in rows}
    engage = {"acknowledge", "diagnose", "inform", "commit"}
    acts = {r["tweet_id"]: set(r["label"].split(";")) for r in rows}
    assert sum("private" in a and not engage & a for a in acts.values()) == 51
    assert sum("private" in a for a in acts.values()) == 57
    assert sum("private" in acts[t] for t in cue) == 54
    assert sum("inform" in a for a in acts.values()) == 49


def test_acts_test4_is_the_held_out_set_of_the_ownership_test_threads():
    """labels/acts_test4.csv (labels/acts_test4.md, the eleventh pass) is exactly the sample of
    labels/sample_acts_test4.py: every brand reply of twcs_head5000 in no earlier acts file and
    inside a thread that holds a labels/ownership.csv test conversation (133, 73 with a
    channel cue), split=test4, labeller agent-acts6; 48 deflections (private and none of
    acknowledge/diagnose/inform/commit) and 85 others, 59 private, 33 inform."""
    mod = _sampler("sample_acts_test4.py")
    kept, n_cand, n_cue = mod.sample(mod.load())
    assert (n_cand, n_cue, len(kept)) == (133, 73, 133)
    rows = _rows("acts_test4")
    assert list(rows[0]) == ["tweet_id", "label", "split", "labeller"]
    assert [r["tweet_id"] for r in rows] == sorted((r["tweet_id"] for r in kept), key=int)
    engage = {"acknowledge", "diagnose", "inform", "commit"}
    for r in rows:
        acts = r["label"].split(";")
        assert acts and all(a in ACTS for a in acts), r
        assert acts == sorted(acts, key=ACTS.index), r
        if "boilerplate" in acts:
            assert not engage & set(acts), r
        assert r["split"] == "test4" and r["labeller"] == "agent-acts6", r
    ids = {r["tweet_id"] for r in rows}
    for other in ("acts", "acts_more", "acts_more2", "acts_more3", "acts_more4", "acts_more5"):
        assert not ids & {r["tweet_id"] for r in _rows(other)}, other
    acts = [set(r["label"].split(";")) for r in rows]
    assert sum("private" in a and not engage & a for a in acts) == 48
    assert sum(not ("private" in a and not engage & a) for a in acts) == 85
    assert sum("private" in a for a in acts) == 59
    assert sum("inform" in a for a in acts) == 33
