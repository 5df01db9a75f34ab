"""`cxo serve` really serves: gunicorn with the app preloaded, answering on the given port."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# gunicorn stops in about a second, but a worker still starting when SIGTERM comes has not yet set its
# handler and misses it: the master then kills it after graceful_timeout (20 s, web/gunicorn_conf.py)
STOPS_WITHIN = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_cxo_serve_answers_health_and_lookup():
    port = free_port()
    cxo = Path(sys.executable).parent / "cxo"
    server = subprocess.Popen([str(cxo), "serve", "--port", str(port), "--workers", "2"], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    health = json.load(response)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "cxo serve did not answer within 30 s"
                time.sleep(0.2)
        assert health["status"] == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/lookup?q=CDMO", timeout=5) as response:
            assert json.load(response)["matches"][0]["id"] == "cdmo"
    finally:
        server.terminate()
        server.communicate(timeout=STOPS_WITHIN)  # waits, and closes the stderr pipe


@pytest.mark.slow
def test_the_image_command_serves_with_the_same_config():
    """The Docker image runs gunicorn on glossary_api/web/gunicorn_conf.py, which names the app itself."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--config", "python:glossary_api.web.gunicorn_conf", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as response:
                    assert json.load(response)["status"] == "ready"
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.communicate(timeout=STOPS_WITHIN)


def test_cxo_serve_on_a_port_in_use_is_one_line_and_starts_no_gunicorn(runner, monkeypatch):
    from gunicorn.app.base import Application

    from glossary_api.cli import cli

    monkeypatch.setattr(Application, "run", lambda self: pytest.fail("gunicorn started on a port in use"))
    with socket.socket() as taken:  # held open, listening, as another server's would be
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--port", str(port)])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: cannot listen on 127.0.0.1:{port}: the address is in use (another server is running there?); give another --port.\n",
    )


def test_no_workers_stops_gunicorn_at_once_with_one_line():
    command = [sys.executable, "-m", "gunicorn", "--config", "python:glossary_api.web.gunicorn_conf", "--bind", f"127.0.0.1:{free_port()}"]
    result = subprocess.run(command, env={**os.environ, "WEB_CONCURRENCY": "0"}, capture_output=True, text=True, timeout=30)
    assert (result.returncode, result.stderr) == (1, "Error: WEB_CONCURRENCY must be a whole number of worker processes, at least 1, not '0'.\n")


@pytest.mark.parametrize("value", ["0", "-1", "abc", ""])
def test_cxo_serve_with_a_bad_web_concurrency_is_one_line_and_starts_no_gunicorn(runner, monkeypatch, value):
    from gunicorn.app.base import Application

    from glossary_api.cli import cli

    monkeypatch.setattr(Application, "run", lambda self: pytest.fail("gunicorn started"))
    result = runner.invoke(cli, ["serve", "--port", str(free_port())], env={"WEB_CONCURRENCY": value})
    assert (result.exit_code, result.output) == (1, f"Error: WEB_CONCURRENCY must be a whole number of worker processes, at least 1, not {value!r}.\n")


def test_web_concurrency_names_the_workers_and_defaults_to_two():
    from glossary_api.config import web_concurrency

    assert (web_concurrency({"WEB_CONCURRENCY": " 4"}), web_concurrency({})) == (4, 2)


def start_gunicorn(env: dict, port: int = 0) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "--config", "python:glossary_api.web.gunicorn_conf", "--bind", f"127.0.0.1:{port or free_port()}"]
    environ = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    return subprocess.Popen(command, env={**environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_a_start_that_fails_leaves_no_metrics_folder(tmp_path):
    server = start_gunicorn({"TMPDIR": str(tmp_path), "CXO_NO_SUCH_SETTING": "1"})
    _, errors = server.communicate(timeout=60)
    assert server.returncode != 0 and "CXO_NO_SUCH_SETTING" in errors
    assert list(tmp_path.glob("cxo-metrics-*")) == []


@pytest.mark.slow
def test_a_server_removes_the_metrics_folder_it_made_and_keeps_the_operators(tmp_path):
    operators = tmp_path / "metrics"
    operators.mkdir()
    for env in ({"TMPDIR": str(tmp_path)}, {"TMPDIR": str(tmp_path), "PROMETHEUS_MULTIPROC_DIR": str(operators)}):
        port = free_port()
        server = start_gunicorn({**env, "WEB_CONCURRENCY": "1"}, port)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1).close()  # writes the counts' files
                    break
                except OSError:
                    assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                    time.sleep(0.2)
        finally:
            server.terminate()
            server.communicate(timeout=STOPS_WITHIN)
    assert list(tmp_path.glob("cxo-metrics-*")) == [] and operators.is_dir()
