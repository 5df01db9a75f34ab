"""Helpers of the install tests: fresh venvs, commands run in them, a server waited for until healthy."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(**extra: str) -> dict[str, str]:
    """Return this process's environment without CXO_* settings or venv variables, plus extra.

    pip's own settings (PIP_*, e.g. the machine's local wheel cache) and proxies stay, so installs
    work as they do for a user of this machine.
    """
    dropped = ("CXO_", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
    environment = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    environment["PATH"] = os.pathsep.join(p for p in environment.get("PATH", "").split(os.pathsep) if Path(sys.executable).parent != Path(p))
    return {**environment, **extra}


def run(command: list[str | Path], *, check: bool = True, **options: object) -> subprocess.CompletedProcess[str]:
    """Run command, capturing text output; with check, fail showing the end of its output."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}  # a caller may give a terminal instead
    done = subprocess.run([str(part) for part in command], text=True, **streams)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, command))} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done


def make_venv(folder: Path, python: str | Path = sys.executable) -> Path:
    """Create a fresh venv (no system site-packages) of python at folder; return its bin folder."""
    run([python, "-m", "venv", folder])
    return folder / "bin"


def wait_until_healthy(url: str, server: subprocess.Popen, log: IO[str], timeout: float = 60) -> dict:
    """Return the JSON of url once it answers; fail, showing the server's log, if it exits first or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.load(response)
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                why = f"the server exited {server.returncode}" if server.returncode is not None else f"{url} did not answer within {timeout:.0f} s"
                raise AssertionError(f"{why}:\n{log.read()[-4000:]}") from None
            time.sleep(0.3)


@contextmanager
def serving(command: list[str | Path], port: int, *, env: Mapping[str, str], cwd: Path, **options: object) -> Iterator[dict]:
    """Start command, yield /healthz's JSON on port once it answers, and stop the server afterwards."""
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen([str(part) for part in command], env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True, **options)
        try:
            yield wait_until_healthy(f"http://127.0.0.1:{port}/healthz", server, log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
