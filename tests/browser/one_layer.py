"""The brandcouch CLI with one of the launcher's switches removed:
``python -m tests.browser.one_layer --proxy-server report --db S --pdf out.pdf``.

The offline launcher cuts the network in two independent layers (host-resolver rules, a dead
proxy); tests/browser/test_offline.py traces ``report --pdf`` with each layer alone, so the
trace test fails as soon as either layer stops working on its own.
"""

from __future__ import annotations

import sys

from brandcouch.reports import chromium


def main() -> None:
    switch, *args = sys.argv[1:]
    kept = tuple(a for a in chromium.OFFLINE_ARGS if a.split("=", 1)[0] != switch)
    if len(kept) == len(chromium.OFFLINE_ARGS):
        raise SystemExit(f"{switch} is not one of the launcher's switches")
    chromium.OFFLINE_ARGS = kept
    from brandcouch.cli import main as cli

    sys.argv = ["brandcouch", *args]
    cli()


if __name__ == "__main__":
    main()
