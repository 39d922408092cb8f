"""Asking and ingesting make no network connection, checked in the Python process (audit hook), at the OS level
(strace: Chroma's Rust core and onnxruntime are native code) and by running them with no network at all
(`unshare -rn`: a network namespace whose only interface, the loopback, is down)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import NetworkDisabled, is_loopback_host

TESTS = Path(__file__).resolve().parent
# Ingest the bundled corpus and ask a question in one process, recording every outbound socket event.
PROBE = f"""
import json, sys
sys.path.insert(0, {str(TESTS)!r})
from conftest import outbound_destination

attempts = []
def record(event, args):
    if event.startswith("socket.") and (host := outbound_destination(event, args)) is not None:
        attempts.append([event, str(host)])
sys.addaudithook(record)

from assistant.cli import main
codes = [main(["ingest"]), main(["ask", "What did D03 say?", "--json"])]
print(json.dumps({{"codes": codes, "attempts": attempts}}), file=open(sys.argv[1], "w"))
"""
NAME_SERVICES = re.compile(r'sun_path="[^"]*(?:nscd|resolve)[^"]*"')  # a lookup through a local resolver
ADDRESSES = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')


def run_probe(tmp_path: Path, prefix: list[str] = ()) -> dict:
    """Run the probe (under ``prefix``, e.g. strace) with a fresh index; returns its record and the answer."""
    record = tmp_path / "probe.json"
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    result = subprocess.run([*prefix, sys.executable, "-c", PROBE, str(record)], capture_output=True, text=True,
                            timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    probe = json.loads(record.read_text())
    answer = json.loads(result.stdout[result.stdout.index("{"):])
    assert probe["codes"] == [0, 0] and {c["code"] for c in answer["citations"]} == {"D03"}  # it really worked
    return probe


def works(command: list[str]) -> bool:
    if not shutil.which(command[0]):
        return False
    return subprocess.run(command, capture_output=True, timeout=60).returncode == 0


def test_the_suite_cannot_reach_beyond_the_loopback():
    with pytest.raises(NetworkDisabled):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: never routed
    with pytest.raises(NetworkDisabled):
        socket.getaddrinfo("example.com", 443)
    with pytest.raises(urllib.error.URLError) as error:
        urllib.request.urlopen("http://example.com/", timeout=1)
    assert isinstance(error.value.reason, NetworkDisabled)


def test_the_loopback_stays_open():
    with socket.create_server(("127.0.0.1", 0)) as server:
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    assert socket.getaddrinfo("localhost", 80)


@pytest.mark.slow
def test_asking_and_ingesting_attempt_no_connection(tmp_path):
    probe = run_probe(tmp_path)
    assert probe["attempts"] == []


@pytest.mark.slow
@pytest.mark.skipif(not works(["strace", "-f", "-e", "trace=connect", "true"]), reason="strace is not usable here")
def test_asking_and_ingesting_make_no_connection_at_the_os_level(tmp_path):
    trace = tmp_path / "strace.txt"
    probe = run_probe(tmp_path, ["strace", "-f", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace)])
    calls = [line for line in trace.read_text().splitlines() if re.search(r"\b(?:connect|sendto|sendmsg)\(", line)]
    remote = [line for line in calls
              if any(not is_loopback_host(v4 or v6) for v4, v6 in ADDRESSES.findall(line))]
    lookups = [line for line in calls if NAME_SERVICES.search(line)]
    assert probe["attempts"] == [] and remote == [] and lookups == []


@pytest.mark.slow
@pytest.mark.skipif(not works(["unshare", "-rn", "true"]), reason="unshare -rn (a user network namespace) is not allowed here")
def test_asking_and_ingesting_work_with_no_network_at_all(tmp_path):
    run_probe(tmp_path, ["unshare", "-rn"])
