"""Self-promotion and pitch-without-listening on the labelled data (issue 13), train and test.

    PYTHONPATH=src .venv/bin/python bench/eval_promotion.py [--shared ../shared]

What is measured, and how each labelled item is scored:

1. ``labels/self_promotion.csv`` (customer tweets of the two TWCS files; text from ../shared):
   the ``self_promotion`` signal on the tweet text alone, flagged at >= 0.5. Reported per split:
   false-positive rate on label ``not`` (the target: <= 2% on test), recall and precision on
   ``promo``.
2. ``twcs_head5000.csv``: the share of customer tweets (``inbound == True``) scoring >= 0.5.
3. YouTube cross-video (TubeSpam Psy, KatyPerry, LMFAO): the model is trained on two videos
   (scripts/train_signals.py's features/fit/C, unchanged) and applied to the third, then
   combined as v2 (:func:`service_guard` version) and as v3 (:func:`combine_v3`, the shipped
   combination); pooled F1 over the three held-out videos.
4. ``labels/pitch.csv``: flagged = pitch-without-listening.
   * ``seed``: the seed thread is imported into an in-memory store and analysed; an item is
     flagged when :func:`brandcouch.diagnosis.flags.pitch_flags` returns its comment.
   * ``twcs``: the same with ``twcs_head5000.csv`` imported (customer replies go through the
     audience rule with their care context, brand replies through the brand-reply rule with
     their parent): flagged when ``pitch_flags`` returns the tweet.
   * ``youtube:<video>``: a comment under a music video, not a care conversation. Its
     ``self_promotion`` is the cross-video v3 score of part 3 (the shipped model was trained on
     every TubeSpam comment, so its own scores would be in-sample); flagged when that is
     >= ``PROMOTION_ON`` and its ``relevance`` to the video's title is < ``LOW_RELEVANCE``
     (:func:`brandcouch.diagnosis.flags.audience_pitch`, the rule pitch_flags applies outside
     care context).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from brandcouch import api  # noqa: E402
from brandcouch.diagnosis.flags import audience_pitch, pitch_flags  # noqa: E402
from brandcouch.signals import score_texts  # noqa: E402
from brandcouch.signals.self_promotion import (  # noqa: E402
    both_rules,
    combine_v3,
    length_gate,
    promotion_rules,
    service_guard,
)

VIDEO_TITLES = {
    "Psy": "PSY - GANGNAM STYLE (강남스타일) M/V",
    "KatyPerry": "Katy Perry - Roar (Official)",
    "LMFAO": "LMFAO - Party Rock Anthem ft. Lauren Bennett, GoonRock",
}


def prf(y, pred) -> dict:
    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    tp, fp, fn = int((y & pred).sum()), int((~y & pred).sum()), int((y & ~pred).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"n": int(len(y)), "pos": int(y.sum()), "tp": tp, "fp": fp, "fn": fn,
            "P": p, "R": r, "F1": f}  # fmt: skip


def fmt(m: dict) -> str:
    return (
        f"n={m['n']:4d} pos={m['pos']:3d} tp={m['tp']:3d} fp={m['fp']:3d} fn={m['fn']:3d} "
        f"P={m['P']:.3f} R={m['R']:.3f} F1={m['F1']:.3f}"
    )


# -- 1, 2: self_promotion on customer tweets ---------------------------------------------------


def twcs_texts(shared: Path) -> dict[str, str]:
    head = pd.read_csv(shared / "data/twcs/twcs_head5000.csv", dtype={"tweet_id": str})
    spot = pd.read_csv(
        shared / "data/twcs/spotifycares_support_requests.csv", dtype={"tweet_id": str}
    )
    texts = dict(zip(spot["tweet_id"], spot["text"], strict=True))
    texts.update(dict(zip(head["tweet_id"], head["text"], strict=True)))
    return texts


def eval_self_promotion_labels(shared: Path) -> dict:
    lab = pd.read_csv(ROOT / "labels/self_promotion.csv", dtype=str)
    texts = twcs_texts(shared)
    lab["text"] = lab["tweet_id"].map(texts).fillna("")
    lab["score"] = score_texts(lab["text"].tolist(), signals=["self_promotion"])[
        "self_promotion"
    ].to_numpy()
    out = {}
    print("\n## self_promotion on labels/self_promotion.csv (customer tweets, care context)")
    for split in ("train", "test"):
        d = lab[lab["split"] == split]
        m = prf(d["label"] == "promo", d["score"] >= 0.5)
        neg = d[d["label"] == "not"]
        fpr = float((neg["score"] >= 0.5).mean())
        out[split] = {**m, "fpr": fpr, "neg": len(neg)}
        print(f"{split:5s} false-positive rate on `not` {fpr:.4f} ({m['fp']}/{len(neg)}); "
              f"promo: {fmt(m)}")  # fmt: skip
    return out


def eval_head5000_rate(shared: Path) -> float:
    d = pd.read_csv(shared / "data/twcs/twcs_head5000.csv")
    c = d[d["inbound"].astype(str) == "True"]
    s = score_texts(c["text"].fillna("").tolist(), signals=["self_promotion"])["self_promotion"]
    n = int((s >= 0.5).sum())
    rate = n / len(c)
    print(f"\n## twcs_head5000.csv customer tweets with self_promotion >= 0.5: "
          f"{n} of {len(c)} ({rate:.2%})")  # fmt: skip
    return rate


# -- 3: YouTube cross-video -----------------------------------------------------------------


def youtube_cross_video(shared: Path) -> pd.DataFrame:
    """Every TubeSpam comment of the three shared videos with its cross-video v2 and v3 score."""
    from train_signals import SPAM_C, features, fit, read_spam

    frames = []
    for path in sorted((shared / "data/youtube-spam").glob("Youtube0*.csv")):
        df = pd.read_csv(path, usecols=["COMMENT_ID", "CONTENT", "CLASS"])
        df["video"] = path.stem.split("-", 1)[1]
        df["source"] = f"youtube:{path.stem}"
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    assert df["CONTENT"].tolist() == read_spam(shared)["CONTENT"].tolist()
    texts = df["CONTENT"].fillna("").tolist()
    rules_v1, rules_v2 = both_rules(texts)
    X = features(texts, promotion_rules(texts)[:, None])
    y, video = df["CLASS"].to_numpy(), df["video"].to_numpy()
    v2 = np.zeros(len(df))
    v3 = np.zeros(len(df))
    gate, guard = length_gate(texts), service_guard(texts, rules_v2)
    for v in sorted(set(video)):
        te, tr = video == v, video != v
        p = fit(X[tr], y[tr], SPAM_C).predict_proba(X[te])[:, 1]
        idx = np.flatnonzero(te)
        v2[te] = np.maximum(p * gate[te] * guard[te], rules_v2[te])
        v3[te] = combine_v3([texts[i] for i in idx], p)
    df["v2"], df["v3"] = v2, v3
    print("\n## YouTube cross-video (train on two videos, test on the third), threshold 0.5")
    for name in ("v2", "v3"):
        for v in sorted(set(video)):
            d = df[df["video"] == v]
            print(f"{name} {v:10s} {fmt(prf(d['CLASS'] == 1, d[name] >= 0.5))}")
        print(f"{name} pooled     {fmt(prf(df['CLASS'] == 1, df[name] >= 0.5))}")
    return df


# -- 4: pitch-without-listening -------------------------------------------------------------


def store_flags(paths: list[Path]) -> set[str]:
    """Message ids flagged by pitch_flags after importing and analysing ``paths``."""
    store = api.open_store(":memory:", create=True)
    try:
        api.import_paths(store, paths)
        api.analyse(store)
        return {f["message_id"] for fl in pitch_flags(store).values() for f in fl}
    finally:
        store.close()


def eval_pitch(shared: Path, yt: pd.DataFrame) -> dict:
    lab = pd.read_csv(ROOT / "labels/pitch.csv", dtype=str)
    t = time.perf_counter()
    seed = store_flags([shared / "seed/seed-thread.wxr"])
    twcs = store_flags([shared / "data/twcs/twcs_head5000.csv"])
    print(f"\n## pitch-without-listening on labels/pitch.csv (stores analysed in "
          f"{time.perf_counter() - t:.0f} s)")  # fmt: skip
    yt = yt.assign(key=yt["source"] + "|" + yt["COMMENT_ID"]).set_index("key")
    keys = lab["source"] + "|" + lab["tweet_id"]
    in_yt = lab["source"].str.startswith("youtube:")
    sel = yt.loc[keys[in_yt]]
    rel = score_texts(
        sel["CONTENT"].fillna("").tolist(),
        parents=[VIDEO_TITLES[v] for v in sel["video"]],
        signals=["relevance"],
    )["relevance"].to_numpy()
    yt_flag = dict(zip(keys[in_yt], audience_pitch(sel["v3"].to_numpy(), rel), strict=True))
    flagged = []
    for k, (source, tid) in zip(keys, zip(lab["source"], lab["tweet_id"], strict=True),
                                strict=True):  # fmt: skip
        if source == "seed":
            flagged.append(f"blog:socialsteve.example/comment/{tid}" in seed)
        elif source == "twcs":
            flagged.append(f"twitter:twcs:{tid}" in twcs)
        else:
            flagged.append(bool(yt_flag[k]))
    lab["flagged"] = flagged
    out = {}
    for split in ("train", "test"):
        d = lab[lab["split"] == split]
        out[split] = prf(d["label"] == "pitch", d["flagged"])
        print(f"{split:5s} all     {fmt(out[split])}")
        for src in ("seed", "twcs", "youtube"):
            s = d[d["source"].str.startswith(src)]
            print(f"{split:5s} {src:7s} {fmt(prf(s['label'] == 'pitch', s['flagged']))}")
    wrong = lab[(lab["label"] == "pitch") != lab["flagged"]]
    train_wrong = wrong[wrong["split"] == "train"]
    print(
        "train errors: "
        + ", ".join(
            f"{s}:{i}({lb})"
            for s, i, lb in zip(
                train_wrong["source"], train_wrong["tweet_id"], train_wrong["label"], strict=True
            )
        )
    )
    print(f"seed flags: {sorted(seed)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"{args.shared}/data is absent: nothing to evaluate.")
        return 0
    print("# self-promotion and pitch-without-listening (issue 13)")
    eval_self_promotion_labels(args.shared)
    eval_head5000_rate(args.shared)
    yt = youtube_cross_video(args.shared)
    eval_pitch(args.shared, yt)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
