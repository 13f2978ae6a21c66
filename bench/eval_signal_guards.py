"""Measure the false-positive guards of self_promotion.v2, complaint.v3 and sales_pitch.v3.

    .venv/bin/python bench/eval_signal_guards.py [--shared ../shared]

bench/eval_signals.py scores the learned models through scripts/train_signals.py, which combines
model and rules itself; this script applies the shipped v2/v3 post-processing under the same
protocols so the before/after numbers in bench/RESULTS.md can be rerun (~20 s).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from brandcouch.signals.complaint import complaint, long_text_correction  # noqa: E402
from brandcouch.signals.sales_pitch import SALES, sales_pitch  # noqa: E402
from brandcouch.signals.self_promotion import (  # noqa: E402
    length_gate,
    promotion_rules,
    promotion_rules_v2,
    service_guard,
)


def prf(y, pred) -> str:
    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    tp = int((y & pred).sum())
    p, r = tp / max(pred.sum(), 1), tp / max(y.sum(), 1)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}"


def self_promotion_cross_video(shared: Path) -> None:
    from train_signals import SPAM_C, features, fit, read_spam

    df = read_spam(shared)
    texts, y, video = df["CONTENT"].fillna("").tolist(), df["CLASS"].to_numpy(), df["video"]
    r1, r2 = promotion_rules(texts), promotion_rules_v2(texts)
    gate, guard = length_gate(texts), service_guard(texts, r2)
    X = features(texts, r1[:, None])
    v1, v2 = np.zeros(len(y)), np.zeros(len(y))
    for v in sorted(set(video)):
        te, tr = (video == v).to_numpy(), (video != v).to_numpy()
        p = fit(X[tr], y[tr], SPAM_C).predict_proba(X[te])[:, 1]
        v1[te] = np.maximum(p * gate[te], r1[te])
        v2[te] = np.maximum(p * gate[te] * guard[te], r2[te])
        print(f"  {v:10s} v1 {prf(y[te], v1[te] >= 0.5)} | v2 {prf(y[te], v2[te] >= 0.5)}")
    print(f"self_promotion cross-video pooled: v1 {prf(y, v1 >= 0.5)} | v2 {prf(y, v2 >= 0.5)}")
    print(f"  damped by the service guard: {int((guard < 1).sum())} of {len(y)} comments")


def complaint_rows(shared: Path) -> None:
    d = pd.read_csv(shared / "data/complaints/train.csv")
    texts = d["text"].fillna("").tolist()
    factor = long_text_correction(texts)
    v3 = complaint(texts)
    v2 = v3 / factor
    changed = int(((v2 >= 0.5) != (v3 >= 0.5)).sum())
    print(
        f"complaint data: {len(texts)} rows, {int((factor < 1).sum())} corrected "
        f"(min factor {factor.min():.3f}), {changed} decisions changed at 0.5"
    )


def sales_pitch_sets() -> None:
    for name in ("dev", "eval"):
        d = pd.read_csv(ROOT / f"bench/data/sales_pitch_{name}.csv")
        texts = d["text"].tolist()
        print(
            f"sales_pitch {name}: v2 {prf(d['label'], SALES.score(texts) >= 0.5)} | "
            f"v3 {prf(d['label'], sales_pitch(texts) >= 0.5)}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    self_promotion_cross_video(args.shared)
    complaint_rows(args.shared)
    sales_pitch_sets()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
