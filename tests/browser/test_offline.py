"""Every Chromium brandcouch starts can reach nothing but the loopback.

The launcher's flags (brandcouch.reports.chromium) are checked three ways: on the command line
Chromium actually got; by tracing ``report --pdf`` and a browser session that asks for outside
hosts (``strace -f``: no TCP connect and no datagram to anything but 127.0.0.0/8 and ::1); and
by running the browser tests and ``report --pdf`` in a network namespace that has only the
loopback, where they must still pass (not skip).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from brandcouch import api
from brandcouch.reports import chromium
from tests.browser import support

pytestmark = pytest.mark.browser

#: set in the namespaced child run, so that run never starts another one
CHILD_GUARD = "BRANDCOUCH_OFFLINE_CHILD"

REQUIRED_FLAGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
    "--disable-component-update",
    "--no-pings",
    "--disable-domain-reliability",
    "--dns-prefetch-disable",
    "--disable-background-networking",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--proxy-server=http://127.0.0.1:9",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
)


def _brandcouch() -> list[str]:
    exe = Path(sys.executable).parent / "brandcouch"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from brandcouch.cli import main; main()"]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("offline") / "store.duckdb"
    with api.open_store(path, create=True) as store:
        api.generate_demo(store, scale=0.05)
    return path


# ---- the launcher --------------------------------------------------------------------------


def test_one_launcher_carries_every_offline_flag():
    args = chromium.launch_args()
    for flag in REQUIRED_FLAGS:
        assert flag in args, flag
    features = [a for a in args if a.startswith("--disable-features=")]
    assert len(features) == 1, "Chromium keeps only the last --disable-features"
    names = set(features[0].split("=", 1)[1].split(","))
    assert set(chromium.PLAYWRIGHT_DISABLED_FEATURES) <= names
    assert {"DnsOverHttps", "AsyncDns", "Translate"} <= names
    assert not any(a.startswith("--user-data-dir") for a in args)  # Playwright makes a fresh one


@pytest.mark.parametrize(
    "loosen", ["--host-resolver-rules=MAP * 10.0.0.1", "--proxy-server=http://10.0.0.1:3128"]
)
def test_launch_args_refuse_to_loosen(loosen):
    with pytest.raises(ValueError, match="offline launcher"):
        chromium.launch_args([loosen])


def test_nothing_else_launches_chromium():
    """pdf.py and the tests go through the launcher: no other ``.launch(`` in src or tests."""
    here = Path(__file__).resolve()
    hits = []
    for base in (support.ROOT / "src", support.ROOT / "tests"):
        for f in base.rglob("*.py"):
            if f.resolve() in {here, Path(chromium.__file__).resolve()}:
                continue
            text = f.read_text(encoding="utf-8")
            if re.search(r"chromium\.launch(_persistent_context)?\(|sync_playwright\(", text):
                hits.append(str(f.relative_to(support.ROOT)))
    assert hits == []


def test_chromium_got_every_flag_and_a_fresh_profile():
    """Read the command line back from chrome://version: every offline flag is there, the last
    --disable-features (the one Chromium applies) still holds every name an earlier one (from
    Playwright or the Debian wrapper) gave, and the profile is a fresh temporary directory."""
    exe = support.chromium_or_skip()
    with chromium.launch_chromium(exe) as browser:
        page = browser.new_page()
        page.goto("chrome://version")
        line = page.locator("#command_line").inner_text()
        profile = page.locator("#profile_path").inner_text()
    for flag in REQUIRED_FLAGS:
        assert flag in line, flag
    lists = [v.split(",") for v in re.findall(r"--disable-features=(\S+)", line)]
    assert lists, line
    earlier = {name for names in lists[:-1] for name in names}
    assert earlier <= set(lists[-1]), (
        f"names only an earlier switch has: {earlier - set(lists[-1])}"
    )
    assert profile.startswith(tempfile.gettempdir()) and "playwright" in profile, profile


#: how an outside navigation fails: the dead proxy refuses it (never a DNS lookup, never a
#: connection outside the loopback)
REFUSED = "ERR_PROXY_CONNECTION_FAILED"


def test_outside_hosts_are_unreachable_but_the_loopback_serves():
    exe = support.chromium_or_skip()
    proc = subprocess.run(
        [sys.executable, "-m", "tests.browser.probe_page"],
        cwd=support.ROOT,
        env={**os.environ, "BRANDCOUCH_CHROMIUM": exe},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["rendered"] == "served from the loopback"
    assert out["title"] == "fetch refused"
    assert REFUSED in out["name"] and REFUSED in out["ip"], out


# ---- traces ----------------------------------------------------------------------------------


def _trace(cmd: list[str], tmp: Path, env: dict | None = None):
    """Run ``cmd`` under strace, inside the decoy network namespace when this machine allows
    one (nothing can leave it; Chromium believes it is online and that its DNS is Google's),
    else in this one. Returns (process, trace report, where it ran)."""
    support.root_or_skip()
    out = tmp / "trace"
    full = support.traced(cmd, out)
    where = "this network namespace"
    try:
        support.netns_or_skip()
    except pytest.skip.Exception as e:
        where = f"this network namespace ({e})"
    else:
        full = support.in_netns(full, decoy=True, tmp=tmp)
        where = "a decoy network namespace"
    proc = subprocess.run(
        full,
        cwd=support.ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )
    return proc, support.read_trace(out), f"{where}; {proc.stderr.strip()[:200]}"


def _trace_named(cmd: list[str], tmp: Path, env: dict | None = None, *, strict: bool = True):
    """:func:`_trace`, run a second time when the only findings are sends strace could not
    name. strace loses a descriptor's name when the descriptor closes while the call is being
    printed (``sendto(32, … <unfinished ...>``), a race that comes and goes with machine load.
    A send to the outside is named (a violation) and fails on the first run; an unnamed one
    must not come back on the second."""
    proc, report, where = _trace(cmd, tmp / "run1", env)
    if strict and not report.violations and report.undecorated:
        proc, report, where = _trace(cmd, tmp / "run2", env)
        where += " (second run: the first saw only unnamed sends)"
    return proc, report, where


def _assert_only_loopback(report, where, *, strict: bool = True):
    """No violation; with ``strict`` (every flag on) not even a send strace could not name."""
    assert any(e.endswith("/chromium") or "chrom" in Path(e).name for e in report.execs), (
        f"the trace never saw Chromium start ({report.files} files, execs {report.execs})"
    )
    assert report.violations == [], (
        f"Chromium reached outside the loopback ({where}):\n"
        + "\n".join(str(v) for v in report.violations[:20])
    )
    if strict:
        assert report.undecorated == [], (
            f"Chromium sent on a socket strace could not name ({where}):\n"
            + "\n".join(str(v) for v in report.undecorated[:20])
        )


@pytest.mark.parametrize(
    "without",
    [None, "--proxy-server", "--host-resolver-rules"],
    ids=["both-layers", "resolver-rules-alone", "dead-proxy-alone"],
)
def test_report_pdf_reaches_nothing_but_the_loopback(small_store, tmp_path, without):
    """``brandcouch report --pdf`` under strace, with every flag and then with each of the two
    layers alone (the other removed): each layer on its own must keep the PDF offline."""
    exe = support.chromium_or_skip()
    pdf = tmp_path / "report.pdf"
    cli = (
        _brandcouch()
        if without is None
        else [sys.executable, "-m", "tests.browser.one_layer", without]
    )
    proc, report, where = _trace_named(
        [*cli, "report", "--db", str(small_store), "--pdf", str(pdf)],
        tmp_path,
        env={"BRANDCOUCH_CHROMIUM": exe},
        strict=without is None,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert pdf.read_bytes().startswith(b"%PDF-")
    # a one-layer variant tolerates an undecorated send; the real launch (both layers) does not
    _assert_only_loopback(report, where, strict=without is None)


def test_a_browser_session_asking_for_outside_hosts_reaches_nothing_but_the_loopback(tmp_path):
    exe = support.chromium_or_skip()
    proc, report, where = _trace_named(
        [sys.executable, "-m", "tests.browser.probe_page"],
        tmp_path,
        env={"BRANDCOUCH_CHROMIUM": exe},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["rendered"] == "served from the loopback", out
    assert REFUSED in out["name"] and REFUSED in out["ip"], out
    assert report.loopback_tcp, "the trace saw no TCP connect to the loopback page"
    _assert_only_loopback(report, where)


# ---- no network at all ------------------------------------------------------------------------


@pytest.mark.skipif(os.environ.get(CHILD_GUARD) == "1", reason="already the namespaced run")
def test_browser_tests_and_report_pdf_pass_with_only_the_loopback(small_store, tmp_path):
    exe = support.chromium_or_skip()
    support.netns_or_skip()
    junit = tmp_path / "browser.xml"
    pdf = tmp_path / "offline.pdf"
    env = {
        **os.environ,
        CHILD_GUARD: "1",
        "BRANDCOUCH_REQUIRE_BROWSER": "1",
        "BRANDCOUCH_CHROMIUM": exe,
        "BRANDCOUCH_SCREENSHOTS": str(tmp_path / "screenshots"),
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    pytest_cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        f"--junitxml={junit}",
        "tests/browser/test_browser.py",
    ]
    report_cmd = [*_brandcouch(), "report", "--db", str(small_store), "--pdf", str(pdf)]
    for cmd in (pytest_cmd, report_cmd):
        proc = subprocess.run(
            support.in_netns(cmd, decoy=False, tmp=tmp_path),
            cwd=support.ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    counts = {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}
    assert counts["tests"] >= 4 and counts["failures"] == counts["errors"] == 0, counts
    assert counts["skipped"] == 0, f"browser tests skipped with no network: {counts}"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert len(list((tmp_path / "screenshots").glob("*.png"))) >= 10
