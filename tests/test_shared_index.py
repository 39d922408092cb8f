"""A shared index on a real `chroma run`, guarded as a team would run it: nginx in front checking the team's
token (deploy/chroma-token-proxy.conf, as the README says to deploy it), and the writer lease that lets one
ingest write at a time across machines and frees itself when its holder is killed."""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from assistant import IndexBusyError, Settings
from assistant.search.index import PassageIndex

from processes import free_port
from processes import PROJECT, serving
from test_chroma_server import chroma_server  # noqa: F401  (the fixture)

TOKEN = "team-token-3f9a"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LEASE_S = 4.0
HOLD = """
import sys, time
from assistant.settings import load_settings
from assistant.search.embedding import Embedder
from assistant.search.index import PassageIndex
settings = load_settings()
with PassageIndex(settings, Embedder.from_settings(settings)).write_lock():
    print("held", flush=True)
    time.sleep(600)
"""

pytestmark = pytest.mark.slow  # needs nginx: `apt install nginx-light` (.ci/run installs it)


@pytest.fixture
def proxy_port(chroma_server, tmp_path):  # noqa: F811
    """nginx from the deploy config, in front of the Chroma server; yields the port clients use."""
    chroma_port, _ = chroma_server
    port = free_port()
    work = tmp_path / "nginx"
    work.mkdir()
    config = (PROJECT / "deploy" / "chroma-token-proxy.conf").read_text()
    for placeholder, value in (("@TOKEN@", TOKEN), ("@LISTEN@", f"127.0.0.1:{port}"),
                               ("@CHROMA@", f"127.0.0.1:{chroma_port}")):
        config = config.replace(placeholder, value)
    (work / "nginx.conf").write_text(config)
    command = [NGINX, "-c", str(work / "nginx.conf"), "-p", str(work), "-e", str(work / "error.log"),
               "-g", f"daemon off; user {getpass.getuser()};"]
    with serving(command, f"http://127.0.0.1:{port}/api/v2/heartbeat", tmp_path / "nginx.log", timeout=30,
                 headers={"Authorization": f"Bearer {TOKEN}"}):
        yield port


def env_for(port: int, token: str | None = TOKEN, writer: str | None = None) -> dict:
    env = {**os.environ, "ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(port),
           "ASSISTANT_LEASE_SECONDS": str(LEASE_S)}
    env.pop("ASSISTANT_CHROMA_TOKEN", None)
    if token:
        env["ASSISTANT_CHROMA_TOKEN"] = token
    if writer:
        env["ASSISTANT_WRITER_NAME"] = writer
    return env


def cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True,
                          timeout=600, cwd=PROJECT)


def test_the_proxy_admits_only_clients_with_the_team_token(proxy_port):
    for token, says in ((None, "token is required"), ("wrong-token", "token was refused")):
        refused = cli("ask", "What did D03 say?", env=env_for(proxy_port, token))
        assert refused.returncode == 1
        assert says in refused.stderr and "ASSISTANT_CHROMA_TOKEN" in refused.stderr
        assert "Traceback" not in refused.stderr

    assert cli("ingest", env=env_for(proxy_port)).returncode == 0
    asked = cli("ask", "What did D03 say?", "--json", env=env_for(proxy_port))
    assert asked.returncode == 0, asked.stderr
    assert '"code": "D03"' in asked.stdout


def test_one_writer_at_a_time_and_a_killed_writer_frees_the_index(proxy_port, embedder):
    holder = subprocess.Popen([sys.executable, "-c", HOLD], env=env_for(proxy_port, writer="ingest on machine-b"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
    try:
        assert holder.stdout.readline().strip() == "held", holder.stderr.read()
        busy = cli("ingest", env=env_for(proxy_port, writer="machine-a"))
        assert busy.returncode == 1
        assert "busy" in busy.stderr and "ingest on machine-b" in busy.stderr
        assert "Traceback" not in busy.stderr

        time.sleep(LEASE_S * 1.5)  # longer than the lease lasts: the live holder renews it
        assert "ingest on machine-b" in cli("ingest", env=env_for(proxy_port)).stderr

        os.kill(holder.pid, signal.SIGKILL)  # no release: only expiry frees it
        holder.wait(timeout=10)
        killed_at = time.monotonic()
        settings = Settings(chroma_host="127.0.0.1", chroma_port=proxy_port, chroma_token=TOKEN, lease_seconds=LEASE_S)
        index = PassageIndex(settings, embedder)
        with pytest.raises(IndexBusyError, match="ingest on machine-b"):
            with index.write_lock():
                pass
        while time.monotonic() - killed_at < LEASE_S * 3:
            try:
                with index.write_lock():
                    freed_after = time.monotonic() - killed_at
                break
            except IndexBusyError:
                time.sleep(0.2)
        assert LEASE_S / 2 <= freed_after <= LEASE_S + 1  # at expiry: renewed every LEASE_S / 3 until killed
        assert cli("ingest", env=env_for(proxy_port, writer="machine-a")).returncode == 0
    finally:
        if holder.poll() is None:
            holder.kill()
