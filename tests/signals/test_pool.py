"""The process pool: same values as one process, and no ``__main__`` guard needed.

A user script calling ``api.run_signals`` at top level (no ``if __name__ == "__main__":``)
used to crash: the forkserver pool re-ran the script in each worker, which tried to open the
locked store again. The loky pool does not re-run ``__main__``.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import textwrap

import pandas as pd

from brandcouch.signals import pipeline, score_texts

TWCS_HEADER = [
    "tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id",
    "in_response_to_tweet_id",
]  # fmt: skip


def _write_twcs(path, n_threads: int) -> None:
    """``n_threads`` customer tweets, each answered once by the brand: 2n texts, n pairs."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(TWCS_HEADER)
        for i in range(n_threads):
            ask, reply = 2 * i + 1, 2 * i + 2
            w.writerow(
                [ask, f"{1000 + i}", "True", "Tue Oct 31 22:10:47 +0000 2017",
                 f"@AcmeCare my order {i} never arrived, why?", reply, ""]
            )  # fmt: skip
            w.writerow(
                [reply, "AcmeCare", "False", "Tue Oct 31 22:12:47 +0000 2017",
                 f"@{1000 + i} So sorry about order {i}! Please DM us your address.", "", ask]
            )  # fmt: skip


UNGUARDED_SCRIPT = """
from brandcouch import api
from brandcouch.signals import pipeline

store = api.open_store({db!r}, create=True)
api.import_paths(store, [{csv!r}])
counts = api.run_signals(store)
print("RESULT", counts["texts"], counts["pairs"], pipeline._POOL is not None, flush=True)
store.close()
"""


def test_unguarded_top_level_script_uses_the_pool(tmp_path):
    data = tmp_path / "twcs.csv"
    _write_twcs(data, n_threads=40)
    script = tmp_path / "analyse_me.py"
    script.write_text(
        textwrap.dedent(UNGUARDED_SCRIPT).format(db=str(tmp_path / "s.duckdb"), csv=str(data)),
        encoding="utf-8",
    )
    env = {**os.environ, "BRANDCOUCH_PARALLEL_THRESHOLD": "10"}
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # printed once: the workers did not run the script again
    assert done.stdout.splitlines().count("RESULT 80 40 True") == 1, done.stdout


def test_parallel_threshold_reads_the_environment(monkeypatch):
    monkeypatch.delenv("BRANDCOUCH_PARALLEL_THRESHOLD", raising=False)
    assert pipeline.parallel_threshold() == pipeline.PARALLEL_THRESHOLD
    monkeypatch.setenv("BRANDCOUCH_PARALLEL_THRESHOLD", "25")
    assert pipeline.parallel_threshold() == 25
    assert pipeline._use_pool(25, None) == ((os.cpu_count() or 1) > 1)
    assert not pipeline._use_pool(24, None)


def test_pair_signal_in_the_pool_matches_one_process():
    texts = [f"So sorry about order {i}, DM us" if i % 2 else f"thanks {i}!" for i in range(40)]
    parents = [f"my order {i} is late, why?" if i % 3 else "" for i in range(40)]
    single = score_texts(texts, parents=parents, signals=["relevance"], parallel=False)
    try:
        multi = score_texts(texts, parents=parents, signals=["relevance"], parallel=True)
    finally:
        pipeline.shutdown_pool()
    pd.testing.assert_frame_equal(single, multi)
    assert single["relevance"].gt(0).any()


def test_score_stream_keeps_batch_order():
    # batch i holds texts of i + 1 words, so the order of results is visible
    batches = [([" ".join(["word"] * (i + 1)) + f" {j}" for j in range(3)], None, ["length"])
               for i in range(5)]  # fmt: skip
    try:
        pooled = list(pipeline.score_stream(iter(batches), parallel=True, ahead=2))
    finally:
        pipeline.shutdown_pool()
    inline = list(pipeline.score_stream(iter(batches), parallel=False))
    assert [list(r["length"]) for r in pooled] == [list(r["length"]) for r in inline]
    firsts = [r["length"][0] for r in inline]
    assert firsts == sorted(firsts) and len(set(firsts)) == 5
