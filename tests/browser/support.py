"""Shared by the browser tests: find the Chromium (or skip, or fail when it is required), run a
command in a network namespace, and read an ``strace -ff -yy`` trace for non-loopback traffic.

``BRANDCOUCH_REQUIRE_BROWSER=1`` turns "no Chromium" and "no strace" into failures, so a run
cannot pass by skipping the browser tests. .ci/run sets it as root when /usr/bin/chromium
exists; unset, it is on by default for root with /usr/bin/chromium (``make test`` installs
both there); ``BRANDCOUCH_REQUIRE_BROWSER=0`` turns it off.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from brandcouch.reports.chromium import find_chromium

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = os.environ.get("BRANDCOUCH_REQUIRE_BROWSER", "") == "1" or (
    os.environ.get("BRANDCOUCH_REQUIRE_BROWSER") is None
    and os.geteuid() == 0
    and Path("/usr/bin/chromium").exists()
)

#: UDP connect()s that send nothing, only ask the kernel for a route (allowed by name):
#: Chromium's IPv6 reachability probe (net/dns HostResolverManager, to Google's public DNS on
#: port 443), which Chromium 156 makes even with every flag of brandcouch.reports.chromium;
#: and WebRTC's default-local-address lookup (rtc::BasicNetworkManager, port 53) when a page
#: creates an RTCPeerConnection. A datagram sent on any of them is still a violation.
REACHABILITY_PROBES = {
    ("2001:4860:4860::8888", 443),
    ("2001:4860:4860::8888", 53),
    ("8.8.8.8", 53),
}


def unavailable(reason: str, *, required: bool = REQUIRED) -> None:
    """Skip with ``reason``; fail instead when the browser tests are required."""
    if required:
        pytest.fail(f"BRANDCOUCH_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def chromium_or_skip() -> str:
    exe = find_chromium()
    if exe is None:
        unavailable("no Chromium (apt-get install chromium, or set BRANDCOUCH_CHROMIUM)")
    return exe


def root_or_skip() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root (network namespaces, bind mounts)")


def strace_or_skip() -> str:
    exe = shutil.which("strace")
    if exe is None:
        unavailable("strace absent (apt-get install strace; .ci/run and make browser do)")
    return exe


_NETNS_OK: dict[str, bool] = {}


def netns_or_skip() -> None:
    """Skip unless ``unshare -n -m`` works here (root, and a kernel/container that allows it)."""
    root_or_skip()
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("unshare or ip (util-linux, iproute2) absent")
    if "ok" not in _NETNS_OK:
        proc = subprocess.run(
            ["unshare", "-n", "-m", "sh", "-c", "ip link set lo up"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        _NETNS_OK["ok"] = proc.returncode == 0
        _NETNS_OK["err"] = proc.stderr.strip()  # type: ignore[assignment]
    if not _NETNS_OK["ok"]:
        pytest.skip(f"network namespaces not permitted here: {_NETNS_OK['err']}")


#: A network namespace with the loopback and a "decoy" network: a veth pair (both ends inside
#: the namespace, so nothing can leave the machine) with default routes, so Chromium believes
#: it is online, and /etc/resolv.conf naming Google's DNS, so Chromium would upgrade to
#: DNS-over-HTTPS. Every attempt to reach out shows in a trace and goes nowhere. Without veth
#: support the namespace has the loopback only (attempts then fail at connect(), still traced).
DECOY_SETUP = r"""
set -e
resolv=$1
shift
ip link set lo up
if ip link add bcdecoy0 type veth peer name bcdecoy1 2>/dev/null; then
  ip addr add 192.0.2.5/24 dev bcdecoy0
  ip -6 addr add 2001:db8::5/64 dev bcdecoy0 nodad
  ip link set bcdecoy1 up
  ip link set bcdecoy0 up
  ip route add default via 192.0.2.1 dev bcdecoy0
  ip -6 route add default via 2001:db8::1 dev bcdecoy0
  echo "network: decoy" >&2
else
  echo "network: loopback only" >&2
fi
printf 'nameserver 8.8.8.8\nnameserver 2001:4860:4860::8888\n' > "$resolv"
mount --bind "$resolv" /etc/resolv.conf
exec "$@"
"""


def in_netns(cmd: list[str], *, decoy: bool, tmp: Path) -> list[str]:
    """``cmd`` wrapped to run in a fresh network (and mount) namespace."""
    if not decoy:
        return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *cmd]
    resolv = tmp / "resolv.conf"
    return ["unshare", "-n", "-m", "sh", "-c", DECOY_SETUP, "sh", str(resolv), *cmd]


# ---- reading a trace ---------------------------------------------------------------------

TRACE = "connect,sendto,sendmsg,sendmmsg,execve"

_CALL = re.compile(r"^(?P<call>connect|sendto|sendmsg|sendmmsg)\((?P<fd>\d+)(?:<(?P<desc>.*?)>)?, ")
_V4 = re.compile(r'sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)')
_V6 = re.compile(r'sa_family=AF_INET6, sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6, "([^"]+)"')
_PEER = re.compile(r"->\[?([0-9a-fA-F:.]+?)\]?:(\d+)\]?$")


@dataclass(frozen=True)
class Event:
    file: str
    line: str

    def __str__(self) -> str:
        return f"{self.file}: {self.line[:300]}"


def _loopback(addr: str) -> bool:
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def _addresses(line: str) -> list[tuple[str, int]]:
    return [(a, int(p)) for p, a in _V4.findall(line)] + [(a, int(p)) for p, a in _V6.findall(line)]


@dataclass
class TraceReport:
    files: int
    execs: list[str]
    loopback_tcp: list[Event]
    probes: list[Event]
    violations: list[Event]
    #: sends on a descriptor strace could not name (no ``<TCP:…>`` decoration, no address):
    #: strace loses the decoration when the descriptor goes away as it prints (seen once in a
    #: CI run of a one-layer variant); counted apart so the strict test can still fail on them
    undecorated: list[Event] = field(default_factory=list)


def read_trace(directory: Path) -> TraceReport:
    """Every non-loopback connect/send in an ``strace -f -ff -yy -e trace=TRACE`` directory.

    A violation is: a ``connect()`` of any non-UDP socket (TCP, or a type strace cannot name) to
    an address outside 127.0.0.0/8 and ::1; a UDP ``connect()`` there other than Chromium's
    documented reachability probe; and any ``sendto``/``sendmsg``/``sendmmsg`` on an internet
    socket unless its destination (given, or the connected peer strace shows) is loopback.
    Unix and netlink sockets, and descriptors that are no socket at all (an eventfd or other
    ``anon_inode``, a pipe, a file path), are local by nature and ignored.
    """
    files = sorted(directory.iterdir())
    execs: list[str] = []
    loopback_tcp: list[Event] = []
    probes: list[Event] = []
    violations: list[Event] = []
    undecorated: list[Event] = []
    for f in files:
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("execve(") and "= 0" in line.rsplit(")", 1)[-1]:
                execs.append(line.split(",", 1)[0][len("execve(") :].strip('"'))
                continue
            m = _CALL.match(line)
            if not m:
                continue
            desc = m["desc"] or ""
            if desc.startswith(("UNIX", "NETLINK", "anon_inode:", "pipe:", "/")):
                continue  # local by nature: sendmsg on an eventfd is a wake-up, not a packet
            event = Event(f.name, line)
            addrs = _addresses(line)
            if m["call"] == "connect":
                outside = [(a, p) for a, p in addrs if not _loopback(a)]
                if not addrs:
                    continue  # AF_UNSPEC (a disconnect) or AF_UNIX without a decoration
                if not outside:
                    if not desc.startswith("UDP"):
                        loopback_tcp.append(event)
                    continue
                if desc.startswith("UDP") and set(outside) <= REACHABILITY_PROBES:
                    probes.append(event)
                    continue
                violations.append(event)
            else:
                if addrs:
                    if any(not _loopback(a) for a, _ in addrs):
                        violations.append(event)
                    continue
                peer = _PEER.search(desc)
                if peer and _loopback(peer[1]):
                    continue
                if not desc:
                    undecorated.append(event)
                    continue
                violations.append(event)  # an internet socket sending to no visible loopback
    return TraceReport(len(files), execs, loopback_tcp, probes, violations, undecorated)


def traced(cmd: list[str], out: Path) -> list[str]:
    """``cmd`` under strace, one trace file per thread in ``out``, sockets decorated."""
    out.mkdir(parents=True, exist_ok=True)
    return [
        strace_or_skip(),
        "-f",
        "-ff",
        "-yy",
        "-e",
        f"trace={TRACE}",
        "-o",
        str(out / "t"),
        *cmd,
    ]
