"""Evaluate every text signal on real labelled data from ../shared and print one table each.

    .venv/bin/python bench/eval_signals.py [--shared ../shared] [--quick]

--quick skips the complaint re-training protocol (nested LODO + 10-fold, ~10 min on 2 cores)
and the nested self_promotion protocol, and prints the numbers stored in the shipped artefact. Data sets, protocols and published numbers
are described in docs/signals.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, precision_score, recall_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from brandcouch.signals import score_texts  # noqa: E402
from brandcouch.signals.deflection import (  # noqa: E402
    CHANNEL_PUSH_RE,
    PRIVATE_PUSH_RE,
    private_push,
)
from brandcouch.signals.learned import MODELS_DIR  # noqa: E402
from brandcouch.signals.sentiment import vader_compound  # noqa: E402

PUSH_LABELS = [
    "Request DM",
    "Request email address via DM",
    "Request username via DM",
    "Request to call by phone",
    "Request to reach out by chat",
]


def prf(y, pred) -> dict:
    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    return {
        "P": precision_score(y, pred, zero_division=0),
        "R": recall_score(y, pred, zero_division=0),
        "F1": f1_score(y, pred, zero_division=0),
        "n": len(y),
        "pos": int(y.sum()),
    }


def table(title: str, rows: list[tuple[str, dict, str]]) -> None:
    print(f"\n## {title}\n")
    print("| protocol | P | R | F1 / r | n (pos) | published |")
    print("|---|---|---|---|---|---|")
    for protocol, m, published in rows:
        if "r" in m:
            print(f"| {protocol} | | | r = {m['r']:.3f} | {m['n']} | {published} |")
        else:
            print(
                f"| {protocol} | {m['P']:.3f} | {m['R']:.3f} | {m['F1']:.3f} | "
                f"{m['n']} ({m['pos']}) | {published} |"
            )


def as_prf(m: dict) -> dict:
    return {
        "P": m["precision"],
        "R": m["recall"],
        "F1": m["f1"],
        "n": m["n"],
        "pos": m["positives"],
    }


def eval_complaint(shared: Path, quick: bool) -> None:
    if quick:
        metrics = json.loads((MODELS_DIR / "complaint.json").read_text())["metrics"]
    else:
        from train_signals import train_complaint

        metrics = train_complaint(shared, save=False)
    lodo, cv, base = metrics["lodo"], metrics["cv10"], metrics["baselines"]
    pub = "79 F1 (paper, best); 87 macro-F1 (Jin & Aletras 2020, transformers)"
    table(
        "complaint (shared/data/complaints/train.csv)",
        [
            (
                "nested leave-one-domain-out, 7 annotated domains, complaint-class F1",
                as_prf(lodo),
                pub,
            ),
            (f"  same, macro-F1 = {lodo['macro_f1']:.3f}", as_prf(lodo), ""),
            ("10-fold CV, annotated-domain rows", as_prf(cv["annotated_domains"]), ""),
            ("10-fold CV, all rows (incl. random pools)", as_prf(cv["all_rows"]), ""),
            (
                "baseline: VADER compound < -0.05 (LODO rows)",
                as_prf(base["vader_negative_rule_lodo_rows"]),
                "",
            ),
            (
                "baseline: always 'complaint' (LODO rows)",
                as_prf(base["always_complaint_lodo_rows"]),
                "",
            ),
        ],
    )
    print("\nper held-out domain (config chosen by the inner leave-one-domain-out):")
    for d, m in metrics["lodo_per_domain"].items():
        print(f"  {d:12s} F1 {m['f1']:.3f}  {m.get('config', '')}")
    sel = metrics.get("selection_on_all_domains")
    if sel:
        print(f"shipped config (inner LODO over all 7 domains): {sel['config']}")


def eval_self_promotion(shared: Path, quick: bool) -> None:
    from train_signals import self_promotion_nested, train_self_promotion

    m = train_self_promotion(shared, save=False)
    rows = [
        (f"cross-video: test {v}, train the other two", as_prf(r), "")
        for v, r in sorted(m["cross_video"].items())
    ]
    rows.append(
        (
            f"cross-video pooled (mean F1 {m['cross_video_mean_f1']:.3f})",
            as_prf(m["cross_video_pooled"]),
            "none cross-video; 95.3 F1 pooled 10-fold (Airlangga 2024)",
        )
    )
    if not quick:
        nested = self_promotion_nested(shared)
        chosen = ", ".join(f"{v} {r['chosen']}" for v, r in sorted(nested["per_video"].items()))
        rows.append(
            (
                f"cross-video, model/C/threshold chosen inside the 2 training videos ({chosen})",
                as_prf(nested["pooled"]),
                "",
            )
        )
    rows.append(("rules only, all 1,138 comments", as_prf(m["rules_only_all_rows"]), ""))
    table("self_promotion (shared/data/youtube-spam, 3 videos)", rows)
    seed = shared / "seed/seed-thread.wxr"
    if seed.exists():
        import defusedxml.ElementTree as ET

        ns = {"wp": "http://wordpress.org/export/1.2/"}
        comments = [
            (c.find("wp:comment_author", ns).text, c.find("wp:comment_content", ns).text or "")
            for c in ET.parse(seed).getroot().iter("{http://wordpress.org/export/1.2/}comment")
        ]
        scores = score_texts([t for _, t in comments], signals=["self_promotion"])["self_promotion"]
        flagged = [a for (a, _), s in zip(comments, scores, strict=True) if s >= 0.5]
        print(f"\nseed thread: flagged {flagged} of {len(comments)} comments (expected ['Elias'])")


def eval_sales_pitch() -> None:
    rows, worst = [], []
    for name, note in (("dev", "rules tuned on it"), ("eval", "untouched by tuning")):
        d = pd.read_csv(ROOT / f"bench/data/sales_pitch_{name}.csv")
        s = score_texts(d["text"], signals=["sales_pitch"])["sales_pitch"].to_numpy()
        rows.append(
            (
                f"bench/data/sales_pitch_{name}.csv ({note}), threshold 0.5",
                prf(d["label"], s >= 0.5),
                "none (own set)",
            )
        )
        if name == "eval":
            per = d.assign(pred=s >= 0.5).groupby("industry")
            worst = sorted(((prf(g["label"], g["pred"])["F1"], k) for k, g in per))[:3]
    table("sales_pitch (own sets: dev 199 posts / 21 industries, eval 339 / 15)", rows)
    print("\nlowest-F1 industries (eval): " + ", ".join(f"{k} {f:.2f}" for f, k in worst))


def eval_care(shared: Path) -> None:
    base = shared / "data/twcs-ericsson-labeled"
    frames = []
    for company in ("AmazonHelp", "AppleSupport", "SpotifyCares"):
        df = pd.read_csv(base / f"twcs-{company}-100-outbound.csv")
        df["push_gold"] = df[[c for c in PUSH_LABELS if c in df.columns]].max(axis=1) > 0
        frames.append(df)
    allrows = pd.concat(frames, ignore_index=True)
    scores = score_texts(allrows["text"], signals=["apology", "deflection"])
    push = private_push(allrows["text"].fillna("").tolist()) > 0
    amazon = (allrows["company"] == "AmazonHelp").to_numpy()
    apol_gold = allrows["Apologize"].fillna(0).to_numpy()[amazon] > 0
    defl_gold = allrows["push_gold"].to_numpy()[amazon] & ~apol_gold
    table(
        "apology and deflection (twcs-ericsson-labeled, brand replies)",
        [
            (
                "apology >= 0.5 vs 'Apologize' (AmazonHelp, 100)",
                prf(apol_gold, scores["apology"].to_numpy()[amazon] >= 0.5),
                "none in text form",
            ),
            (
                "private-channel push vs Request DM/email/username via DM/call/chat (all 300)",
                prf(allrows["push_gold"], push),
                "",
            ),
            (
                "deflection >= 0.5 vs push label and not 'Apologize' (AmazonHelp, 100)",
                prf(defl_gold, scores["deflection"].to_numpy()[amazon] >= 0.5),
                "",
            ),
            (
                "deflection >= 0.5 vs push label (Apple+Spotify, no apology label, 200)",
                prf(
                    allrows["push_gold"].to_numpy()[~amazon],
                    scores["deflection"].to_numpy()[~amazon] >= 0.5,
                ),
                "",
            ),
        ],
    )

    only_v2 = [
        (g, t)
        for t, g in zip(allrows["text"].fillna(""), allrows["push_gold"], strict=True)
        if CHANNEL_PUSH_RE.search(t) and not PRIVATE_PUSH_RE.search(t)
    ]
    print(f"\nhits of the v2 e-mail/phone/form/chat patterns only ({len(only_v2)}; label set has")
    print("no 'form' or 'write to us' category, so these count as false positives above):")
    for gold, text in only_v2:
        print(f"  gold={int(gold)}  {text[:110]}")


def eval_sentiment(shared: Path) -> None:
    rows = []
    for name in ("amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets"):
        path = shared / f"data/vader-groundtruth/{name}_GroundTruth.txt"
        df = pd.read_csv(
            path,
            sep="\t",
            header=None,
            names=["id", "mean", "text"],
            quoting=3,
            encoding="utf-8-sig",
            dtype={"id": str},
        )
        texts = df["text"].fillna("").astype(str).tolist()
        plain = vader_compound(texts)
        ours = score_texts(texts, signals=["sentiment"])["sentiment"].to_numpy()
        rows.append(
            (
                f"{name}: plain VADER",
                {"r": np.corrcoef(plain, df["mean"])[0, 1], "n": len(df)},
                "paper Table 4 (image, not transcribed)",
            )
        )
        rows.append(
            (
                f"{name}: brandcouch sentiment",
                {"r": np.corrcoef(ours, df["mean"])[0, 1], "n": len(df)},
                "",
            )
        )
    table(
        "sentiment (shared/data/vader-groundtruth; tweets set held out: r = 0.881 published)", rows
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    print("# brandcouch text-signal evaluation")
    eval_sales_pitch()  # our own set lives in the repo
    if not (args.shared / "data").is_dir():
        print(f"\n{args.shared}/data is absent: the evaluations on shared data were skipped.")
        return 0
    eval_complaint(args.shared, args.quick)
    eval_self_promotion(args.shared, args.quick)
    eval_care(args.shared)
    eval_sentiment(args.shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
