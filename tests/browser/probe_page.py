"""A browser session that tries to reach out: ``python -m tests.browser.probe_page``.

Serves a page on 127.0.0.1 that asks for images (by name and by IP literal), a fetch, a
preconnect, a DNS prefetch and a WebRTC STUN exchange on outside hosts, opens it in
brandcouch's offline Chromium, then navigates to an outside name and an outside IP literal.
Prints one JSON line: whether the loopback page rendered and what each outside navigation
raised. tests/browser/test_offline.py runs it under strace to see what the browser attempted.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from brandcouch.reports.chromium import launch_chromium

PAGE = b"""<!doctype html><meta charset="utf-8"><title>probe</title>
<link rel="dns-prefetch" href="//prefetch.example.org">
<link rel="preconnect" href="https://www.google.com">
<h1 id="ok">served from the loopback</h1>
<img src="http://example.com/pixel.png" alt="">
<img src="http://198.51.100.7/pixel.png" alt="">
<script>
fetch("https://update.googleapis.com/service/update2/json", {method: "POST", mode: "no-cors"})
  .catch(() => { document.title = "fetch refused"; });
const pc = new RTCPeerConnection({iceServers: [{urls: "stun:198.51.100.7:3478"}]});
pc.createDataChannel("probe");
pc.createOffer().then((o) => pc.setLocalDescription(o)).catch(() => {});
</script>
"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


def main() -> int:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {"url": url}
    try:
        with launch_chromium() as browser:
            page = browser.new_page()
            page.goto(url)
            out["rendered"] = page.locator("#ok").inner_text()
            page.wait_for_timeout(3000)  # the fetch fails; give background work time to try
            out["title"] = page.title()
            for key, outside in (
                ("name", "https://www.example.com/"),
                ("ip", "http://198.51.100.7/"),
            ):
                try:
                    page.goto(outside, timeout=15_000)
                    out[key] = "loaded"
                except Exception as e:  # noqa: BLE001 - Playwright's Error, reported as text
                    out[key] = str(e).splitlines()[0]
            time.sleep(1)
    finally:
        server.shutdown()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
