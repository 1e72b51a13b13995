"""The city's networks on one machine: a network namespace per host, veth pairs, a bridge for the counter LAN.

    test process (tablets) ── lobby LAN ── lobby                  (kiosk role: bundle + public key)
    test process (clerks' desks) ── desk LAN ── lb ── counter LAN ── counter-1, counter-2, db

The lobby has one route: its own LAN. Names carry a per-run suffix and the LANs a per-run 10.231.N.0/24, so
runs on the same machine never meet; `City.remove` deletes every namespace (their veths go with them).
"""

from __future__ import annotations

import ctypes
import os
import random
import secrets
import subprocess
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

HOSTS = ("lobby", "counter-1", "counter-2", "db", "lb", "switch")
CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def ip(*args: str) -> str:
    """Run `ip …`; its output."""
    return subprocess.run(["ip", *args], check=True, capture_output=True, text=True, timeout=30).stdout


def free_prefixes() -> tuple[str, str, str]:
    """Three /24s under 10.231.0.0/16 that no route on this machine uses yet (lobby, desk, counter LAN)."""
    used = ip("route", "show", "table", "all")
    for _ in range(100):
        base = random.randrange(0, 255, 3)  # a subnet number, not a secret
        prefixes = tuple(f"10.231.{base + i}" for i in range(3))
        if not any(f"{prefix}." in used for prefix in prefixes):
            return prefixes
    raise RuntimeError("no free 10.231.N.0/24 left for the test networks")


@dataclass
class City:
    """The hosts (network namespaces) and their addresses for one test run."""

    suffix: str = field(default_factory=lambda: secrets.token_hex(2))

    def __post_init__(self) -> None:
        self.lobby_lan, self.desk_lan, self.counter_lan = free_prefixes()
        self.address = {"lobby": f"{self.lobby_lan}.10", "lb": f"{self.counter_lan}.2",
                        "counter-1": f"{self.counter_lan}.11", "counter-2": f"{self.counter_lan}.12",
                        "db": f"{self.counter_lan}.20"}
        self.tablets_side = f"{self.lobby_lan}.1"  # the test process, as the lobby tablets
        self.desk_side = f"{self.desk_lan}.1"  # the test process, as the clerks' desks
        self.lb_front = f"{self.desk_lan}.2"  # where the clerks' browsers reach the load balancer

    def ns(self, host: str) -> str:
        """The namespace name of a host."""
        return f"navi-{host}-{self.suffix}"

    def build(self) -> None:
        """Every namespace, link and address; loopback up everywhere."""
        for host in HOSTS:
            ip("netns", "add", self.ns(host))
            ip("-n", self.ns(host), "link", "set", "lo", "up")
        switch = self.ns("switch")
        ip("-n", switch, "link", "add", "lan", "type", "bridge")
        ip("-n", switch, "link", "set", "lan", "up")
        for host in ("lb", "counter-1", "counter-2", "db"):
            self._plug(host, f"{self.address[host]}/24", "eth1" if host == "lb" else "eth0")
        self._pair(f"nvl{self.suffix}", f"{self.tablets_side}/24", "lobby", f"{self.address['lobby']}/24")
        self._pair(f"nvd{self.suffix}", f"{self.desk_side}/24", "lb", f"{self.lb_front}/24")

    def _plug(self, host: str, address: str, name: str) -> None:
        """A veth from the host into the counter LAN's bridge."""
        port = f"p-{host}"
        ip("link", "add", name, "netns", self.ns(host), "type", "veth", "peer", "name", port,
           "netns", self.ns("switch"))
        ip("-n", self.ns("switch"), "link", "set", port, "master", "lan", "up")
        ip("-n", self.ns(host), "addr", "add", address, "dev", name)
        ip("-n", self.ns(host), "link", "set", name, "up")

    def _pair(self, outside: str, outside_address: str, host: str, inside_address: str) -> None:
        """A veth from the test process's namespace to a host: its only link there."""
        ip("link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", self.ns(host))
        ip("addr", "add", outside_address, "dev", outside)
        ip("link", "set", outside, "up")
        ip("-n", self.ns(host), "addr", "add", inside_address, "dev", "eth0")
        ip("-n", self.ns(host), "link", "set", "eth0", "up")

    def remove(self) -> None:
        """Delete every namespace of this run (and so every veth and the bridge)."""
        for host in HOSTS:
            with suppress(subprocess.CalledProcessError):
                ip("netns", "delete", self.ns(host))
        for outside in (f"nvl{self.suffix}", f"nvd{self.suffix}"):
            with suppress(subprocess.CalledProcessError):
                ip("link", "delete", outside)

    def run_in(self, host: str, command: list[str]) -> list[str]:
        """A command line that runs inside a host's namespace."""
        return ["ip", "netns", "exec", self.ns(host), *command]


@contextmanager
def inside(namespace: str):
    """Run this thread inside a network namespace (sockets made here stay there), then come back."""
    home = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    there = os.open(f"/run/netns/{namespace}", os.O_RDONLY)
    try:
        if _libc.setns(there, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns into {namespace}")
        yield
    finally:
        if _libc.setns(home, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns back home")
        os.close(there)
        os.close(home)
