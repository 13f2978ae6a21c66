"""Self-promotion in care context and pitch-without-listening, on the hand labels (issue 13).

    .venv/bin/python bench/eval_promotion.py [--shared ../shared] [--split train|test|both]

Prints, per split of labels/self_promotion.csv and labels/pitch.csv:

* care-context self-promotion: the false-positive rate (share of ``not`` with
  self_promotion >= 0.5) and the recall on ``promo``;
* pitch-without-listening: precision and recall of the flag computed the way
  diagnosis/flags.py computes it (:func:`brandcouch.diagnosis.flags.is_pitch`), with each
  candidate's parent text, role (brand or audience) and care context taken from its source:
  TWCS (the tweet it answers; brand = ``inbound`` False; care context = its parent is a brand
  reply, or the thread was started by a customer and a brand answered in it), the seed thread
  (the essay post, or the comment it answers; brand = the post's author, Social Steve) and
  TubeSpam (the video, whose title stands for its text; audience, no care context);

and, once, the share of ALL twcs_head5000.csv customer tweets with self_promotion >= 0.5.
Text is read from ../shared; the label files hold ids only.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brandcouch.diagnosis.flags import PROMOTION_ON, is_pitch  # noqa: E402
from brandcouch.signals import score_texts  # noqa: E402

#: the TubeSpam videos (Alberto et al. 2015): the comment's parent is the video's title
VIDEO_TITLES = {
    "Youtube01-Psy": "PSY - GANGNAM STYLE (강남스타일) M/V",
    "Youtube02-KatyPerry": "Katy Perry - Roar (Official)",
    "Youtube03-LMFAO": "LMFAO - Party Rock Anthem ft. Lauren Bennett, GoonRock",
}
SEED_BRAND = "Social Steve"
WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def read_twcs(shared: Path) -> pd.DataFrame:
    """Both TWCS files, one row per tweet id (text, author, inbound, parent id)."""
    base = shared / "data/twcs"
    frames = [
        pd.read_csv(base / name, dtype={"tweet_id": str}, keep_default_na=False)
        for name in ("twcs_head5000.csv", "spotifycares_support_requests.csv")
    ]
    df = pd.concat(frames, ignore_index=True).drop_duplicates("tweet_id")
    df["parent"] = df["in_response_to_tweet_id"].map(
        lambda v: str(int(float(v))) if v not in ("", None) else None
    )
    df["brand"] = df["inbound"].astype(str) == "False"
    return df.set_index("tweet_id", drop=False)


def twcs_context(df: pd.DataFrame) -> pd.DataFrame:
    """Per tweet: the parent's text, whether the parent is a brand reply, and whether the thread
    (root by climbing parents inside the files) started with a customer and a brand answered."""
    parent = df["parent"].where(df["parent"].isin(df.index))
    root = df.index.to_series()
    cur = parent.copy()
    for _ in range(50):  # climb one level per pass, all tweets at once
        has = cur.notna()
        if not has.any():
            break
        root[has] = cur[has]
        cur = parent.reindex(cur.where(has).fillna("")).set_axis(cur.index).where(has)
    brand = df["brand"]
    brand_reply = brand & parent.notna()
    answered = set(root[brand_reply])
    p_brand_reply = parent.map(brand_reply).fillna(False).astype(bool)
    care = p_brand_reply | (~root.map(brand).astype(bool) & root.isin(answered))
    return pd.DataFrame(
        {"parent_text": parent.map(df["text"]), "care": care, "brand": brand, "text": df["text"]}
    )


def read_seed(shared: Path) -> dict[str, dict]:
    import defusedxml.ElementTree as ET

    item = next(ET.parse(shared / "seed/seed-thread.wxr").getroot().iter("item"))
    post = item.find(CONTENT).text or ""
    comments = {}
    for c in item.iter(f"{WP}comment"):
        comments[c.find(f"{WP}comment_id").text] = {
            "text": c.find(f"{WP}comment_content").text or "",
            "author": c.find(f"{WP}comment_author").text or "",
            "parent": c.find(f"{WP}comment_parent").text or "0",
        }
    out = {}
    for cid, c in comments.items():
        parent = comments.get(c["parent"])
        out[cid] = {
            "text": c["text"],
            "parent_text": parent["text"] if parent else post,
            "brand": c["author"] == SEED_BRAND,
            # care: it answers the author's own reply
            "care": bool(parent) and parent["author"] == SEED_BRAND,
        }
    return out


def read_youtube(shared: Path, stem: str) -> dict[str, str]:
    path = shared / f"data/youtube-spam/{stem}.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        return {r["COMMENT_ID"]: r["CONTENT"] for r in csv.DictReader(fh)}


def pitch_candidates(shared: Path, labels: pd.DataFrame) -> pd.DataFrame:
    """labels/pitch.csv rows with text, parent_text, role and care context from the source."""
    twcs = twcs_context(read_twcs(shared))
    seed = read_seed(shared)
    videos: dict[str, dict[str, str]] = {}
    rows = []
    for r in labels.itertuples(index=False):
        tid = str(r.tweet_id)
        if r.source == "twcs":
            t = twcs.loc[tid]
            ctx = (t["text"], t["parent_text"], bool(t["brand"]), bool(t["care"]))
        elif r.source == "seed":
            s = seed[tid]
            ctx = (s["text"], s["parent_text"], s["brand"], s["care"])
        else:
            stem = r.source.split(":", 1)[1]
            if stem not in videos:
                videos[stem] = read_youtube(shared, stem)
            ctx = (videos[stem][tid], VIDEO_TITLES[stem], False, False)
        text, parent_text, brand, care = ctx
        parent_text = parent_text if isinstance(parent_text, str) else None
        rows.append((tid, r.source, r.label, r.split, text, parent_text, brand, care))
    return pd.DataFrame(
        rows, columns=["id", "source", "label", "split", "text", "parent_text", "brand", "care"]
    )


def pitch_flags(c: pd.DataFrame) -> np.ndarray:
    """The flag of each candidate, as diagnosis/flags.py computes it."""
    s = score_texts(c["text"], signals=["self_promotion", "sales_pitch"])
    rel = score_texts(c["text"], parents=c["parent_text"].fillna(""), signals=["relevance"])[
        "relevance"
    ].to_numpy()
    out = np.zeros(len(c), dtype=bool)
    for i, r in enumerate(c.itertuples(index=False)):
        kind = "brand_reply" if r.brand else "audience_comment"
        promo = s["sales_pitch"].iat[i] if r.brand else s["self_promotion"].iat[i]
        out[i] = is_pitch(kind, float(promo), float(rel[i]), r.text, r.parent_text, bool(r.care))
    return out


def pr(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, int, int]:
    tp = int((y & pred).sum())
    return (
        tp / max(int(pred.sum()), 1),
        tp / max(int(y.sum()), 1),
        int(pred.sum()),
        int(y.sum()),
    )


def self_promotion_rates(shared: Path, splits: list[str]) -> dict[str, dict]:
    labels = pd.read_csv(ROOT / "labels/self_promotion.csv", dtype={"tweet_id": str})
    twcs = read_twcs(shared)
    out = {}
    for split in splits:
        d = labels[labels["split"] == split]
        s = score_texts(twcs.loc[d["tweet_id"], "text"], signals=["self_promotion"])
        on = s["self_promotion"].to_numpy() >= PROMOTION_ON
        promo = d["label"].to_numpy() == "promo"
        out[split] = {
            "fpr": float(on[~promo].mean()),
            "fp": int(on[~promo].sum()),
            "not": int((~promo).sum()),
            "recall": float(on[promo].mean()),
            "tp": int(on[promo].sum()),
            "promo": int(promo.sum()),
        }
    return out


def pitch_rates(shared: Path, splits: list[str]) -> dict[str, dict]:
    labels = pd.read_csv(ROOT / "labels/pitch.csv", dtype={"tweet_id": str})
    out = {}
    for split in splits:
        c = pitch_candidates(shared, labels[labels["split"] == split])
        flag = pitch_flags(c)
        y = c["label"].to_numpy() == "pitch"
        p, r, n_flag, n_pos = pr(y, flag)
        out[split] = {"precision": p, "recall": r, "flagged": n_flag, "pitch": n_pos, "n": len(c)}
        out[split]["by_source"] = {
            src: pr(y[m], flag[m]) for src in sorted(set(c["source"]))
            for m in [c["source"].to_numpy() == src]
        }  # fmt: skip
    return out


def head_share(shared: Path) -> dict:
    d = pd.read_csv(shared / "data/twcs/twcs_head5000.csv", keep_default_na=False)
    c = d[d["inbound"].astype(str) == "True"]
    on = score_texts(c["text"], signals=["self_promotion"])["self_promotion"].to_numpy() >= 0.5
    return {"on": int(on.sum()), "n": len(c), "share": float(on.mean())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", choices=["train", "test", "both"], default="both")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"{args.shared}/data is absent: nothing to evaluate.")
        return 0
    splits = ["train", "test"] if args.split == "both" else [args.split]
    print("# self-promotion in care context and pitch-without-listening\n")
    print("| split | care-context self-promotion FPR | recall on promo |")
    print("|---|---|---|")
    for split, m in self_promotion_rates(args.shared, splits).items():
        print(
            f"| {split} | {m['fpr']:.1%} ({m['fp']}/{m['not']}) | "
            f"{m['recall']:.1%} ({m['tp']}/{m['promo']}) |"
        )
    print("\n| split | pitch precision | pitch recall | flagged / pitch / n | by source (P, R) |")
    print("|---|---|---|---|---|")
    for split, m in pitch_rates(args.shared, splits).items():
        by = "; ".join(
            f"{k} {p:.2f}/{r:.2f} ({nf} flagged, {npos} pitch)"
            for k, (p, r, nf, npos) in m["by_source"].items()
        )
        print(
            f"| {split} | {m['precision']:.3f} | {m['recall']:.3f} | "
            f"{m['flagged']} / {m['pitch']} / {m['n']} | {by} |"
        )
    h = head_share(args.shared)
    print(
        f"\ntwcs_head5000.csv customer tweets with self_promotion >= 0.5: "
        f"{h['on']} of {h['n']} ({h['share']:.2%}; target <= 2%)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
