"""The one way brandcouch starts a Chromium: headless, through Playwright, and offline.

``report --pdf`` and every browser test launch the system's Chromium through
:func:`launch_chromium` (never a browser download). Chromium phones home on its own (component
updater, DNS-over-HTTPS probes, DNS prefetch, metrics and "domain reliability" beacons, sync,
field trials, sign-in checks); the flags below cut all of it, in two independent layers: the
host-resolver rules make every name except ``localhost`` unresolvable, and every request that
is not to the loopback (an IP literal too) is sent to a proxy on a dead loopback port, so it
fails without a DNS lookup (which also keeps Chromium's DNS-error probe, a resolver of its own
that ignores the rules, from ever starting). WebRTC may not send UDP around the proxy. A page
can reach nothing but ``file:`` URLs and the loopback: tests/browser/test_offline.py traces the
browser's ``connect``/``sendto``/``sendmsg`` calls and runs it in a loopback-only namespace.

Chromium keeps only the *last* ``--disable-features`` switch of a command line, and Playwright
passes its own list before the caller's arguments: :data:`DISABLED_FEATURES` therefore repeats
Playwright's list and adds brandcouch's, so one switch carries both (a browser test checks that
the effective switch still contains every feature any earlier one names).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from playwright.sync_api import Browser

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: Every hostname fails to resolve except the loopback.
HOST_RESOLVER_RULES = "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"

#: Where every non-loopback request goes: the discard port of the loopback, where nothing
#: answers (Chromium never sends loopback requests to a proxy, and never falls back to direct
#: from a fixed one), so IP literals are cut too.
DEAD_PROXY = "http://127.0.0.1:9"

#: Playwright's own --disable-features list (playwright-core chromiumSwitches.ts), repeated
#: because ours replaces it; then brandcouch's: no DNS-over-HTTPS (nor the built-in DNS client
#: it runs on), no network time, translate, optimisation-guide, autofill-server, media-router,
#: certificate-transparency, interest-group or privacy-sandbox fetches.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
OFFLINE_FEATURES = (
    "DnsOverHttps",
    "DnsOverHttpsUpgrade",
    "AsyncDns",
    "DnsHttpssvc",
    "UseDnsHttpsSvcb",
    "NetworkTimeServiceQuerying",
    "Translate",
    "OptimizationGuideModelDownloading",
    "OptimizationHintsFetching",
    "AutofillServerCommunication",
    "CertificateTransparencyComponentUpdater",
    "DialMediaRouteProvider",
    "InterestFeedContentSuggestions",
    "PrivacySandboxSettings4",
    "SafeBrowsingEnhancedProtection",
    "AcceptCHFrame",
)
DISABLED_FEATURES = tuple(dict.fromkeys(PLAYWRIGHT_DISABLED_FEATURES + OFFLINE_FEATURES))

#: The flags every Chromium brandcouch starts gets (after Playwright's defaults, so they win).
OFFLINE_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    f"--host-resolver-rules={HOST_RESOLVER_RULES}",
    f"--proxy-server={DEAD_PROXY}",  # and so no system proxy, no WPAD lookup
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--dns-prefetch-disable",
    "--no-pings",
    "--disable-quic",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-breakpad",
    "--disable-client-side-phishing-detection",
    "--safebrowsing-disable-auto-update",
    "--metrics-recording-only",
    "--disable-field-trial-config",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
)


#: switches :func:`launch_args` refuses from callers: they would loosen or drop the above
LOCKED = {
    "--host-resolver-rules",
    "--proxy-server",
    "--no-proxy-server",
    "--proxy-pac-url",
    "--proxy-auto-detect",
    "--proxy-bypass-list",
    "--webrtc-ip-handling-policy",
    "--disable-features",
    "--enable-features",
}


def find_chromium() -> str | None:
    """``$BRANDCOUCH_CHROMIUM``, else the first Chromium/Chrome on ``PATH``."""
    env = os.environ.get("BRANDCOUCH_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_args(extra: tuple[str, ...] | list[str] = ()) -> list[str]:
    """:data:`OFFLINE_ARGS` then ``extra`` (which must not loosen them: no proxy, no rules)."""
    for arg in extra:
        name = arg.split("=", 1)[0]
        if name in LOCKED:
            raise ValueError(f"{name} is set by the offline launcher; do not override it")
    return [*OFFLINE_ARGS, *extra]


@contextmanager
def launch_chromium(
    executable: str | Path | None = None, *, extra_args: tuple[str, ...] | list[str] = ()
) -> Iterator[Browser]:
    """A headless Playwright ``Browser`` on the system Chromium, launched offline.

    Playwright gives every non-persistent launch a fresh temporary ``--user-data-dir`` and
    removes it on close. Raises ``FileNotFoundError`` when no Chromium is found (callers turn
    that into their own message) and Playwright's ``Error`` when the browser will not start.
    """
    from playwright.sync_api import sync_playwright

    exe = str(executable) if executable else find_chromium()
    if exe is None or not Path(exe).exists():
        raise FileNotFoundError(exe or "chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=exe,
            args=launch_args(extra_args),
            headless=True,
            chromium_sandbox=False,
            proxy=None,
        )
        try:
            yield browser
        finally:
            browser.close()
