"""Real servers for tests (Streamlit, `chroma run`, a model server): started on a loopback port, waited for, and
always stopped by their PID, pass or fail."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def refusing_port() -> Iterator[int]:
    """A loopback port that refuses connections for as long as the block runs: it is bound but never listened on,
    so no other process (a server another test or run starts) can take it between choosing and connecting."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def streamlit_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.address", "127.0.0.1",
            "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]


def wait_until_answering(url: str, process: subprocess.Popen, log: Path, timeout: float,
                         headers: dict | None = None) -> None:
    """Return once ``url`` answers 200 (asked with ``headers``); fail with the end of the server's log if it exits
    or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with code {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s:\n{_tail(log)}")


def stop(process: subprocess.Popen, grace: float = 20) -> None:
    """Stop a server by its PID: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=grace)


@contextlib.contextmanager
def serving(command: list[str], ready_url: str, log: Path, env: dict | None = None, cwd: Path = PROJECT,
            timeout: float = 120, headers: dict | None = None) -> Iterator[subprocess.Popen]:
    """Run ``command`` until the block ends, once ``ready_url`` answers; its output goes to ``log``."""
    with open(log, "w") as output:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=output,
                                   stderr=subprocess.STDOUT)
        try:
            wait_until_answering(ready_url, process, log, timeout, headers)
            yield process
        finally:
            stop(process)


def _tail(log: Path, chars: int = 2000) -> str:
    try:
        return log.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"
