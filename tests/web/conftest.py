"""The service as deployed, for the slow tests of web/: `cxo serve --workers 2` on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Yield (port, log file) of `cxo serve --workers 2` on a free loopback port."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "server.log"
    cxo = Path(sys.executable).parent / "cxo"
    with log.open("wb") as output:
        process = subprocess.Popen([str(cxo), "serve", "--port", str(port), "--workers", "2"], stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)
