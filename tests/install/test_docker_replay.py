"""The Dockerfile's steps replayed in a folder, a venv standing in for the base image, then its CMD served.

What this verifies and what it cannot: see the README's Docker section. The base image itself,
Docker's layer caching and the network inside a container are not exercised here.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest

from .dockerfile import Image, parse, replay
from .venvs import ROOT, free_port, serving

pytestmark = pytest.mark.slow

DOCKERFILE = ROOT / "Dockerfile"


@pytest.fixture(scope="module")
def image() -> Image:
    # Not pytest's tmp_path: that folder is private to root, and the image's user must read the venv.
    root = Path(tempfile.mkdtemp(prefix="cxo-image-"))
    root.chmod(0o755)
    try:
        yield replay(DOCKERFILE, ROOT, root)
    finally:
        shutil.rmtree(root)


def test_the_dependencies_layer_comes_before_the_source():
    copies = [step.arguments for step in parse(DOCKERFILE.read_text(encoding="utf-8")) if step.keyword == "COPY"]
    assert copies[0].split()[0] == "requirements/lock.txt"
    assert any("glossary_api" in copy for copy in copies[1:])


def test_the_image_runs_as_a_user_that_is_not_root(image):
    assert image.uid != 0 and image.gid != 0
    if not image.user_options():
        pytest.skip("running as the image's user needs root (CI runs as root)")
    assert image.run(["python", "-c", "import os; print(os.getuid(), os.getgid())"]).stdout.split() == [str(image.uid), str(image.gid)]


def test_the_image_runs_the_installed_package_with_its_glossary(image):
    code = "import glossary_api, glossary_api.config as c; print(glossary_api.__file__); print(len(list(c.DEFAULT_TERMS_DIR.glob('*.yaml'))))"
    module, terms = image.run(["python", "-c", code]).stdout.split()
    assert Path(module).is_relative_to(image.path("/usr/local/lib"))  # site-packages, not the source copied to WORKDIR
    assert int(terms) == len(list((ROOT / "glossary_api" / "terms").glob("*.yaml")))


def test_the_healthcheck_needs_only_the_image_python():
    step = next(step for step in parse(DOCKERFILE.read_text(encoding="utf-8")) if step.keyword == "HEALTHCHECK")
    assert step.arguments.partition("CMD ")[2].startswith('["python", "-c"')


def test_the_cmd_serves_healthz_and_the_healthcheck_says_so(image, client):
    port = free_port()
    exposed = f":{image.exposed[0]}"
    healthcheck = [part.replace(f"127.0.0.1{exposed}", f"127.0.0.1:{port}") for part in image.healthcheck]
    command = [part.replace(f"0.0.0.0{exposed}", f"127.0.0.1:{port}") for part in image.cmd]
    if command == image.cmd:  # the address comes from a config module: gunicorn's command line overrides it
        assert command[0] == "gunicorn", command
        command += ["--bind", f"127.0.0.1:{port}"]
    assert image.run(healthcheck, check=False).returncode != 0  # nothing serves yet: the check must fail
    with serving([image.bin / command[0], *command[1:]], port, env=image.environment(build=False), cwd=image.path(image.workdir), **image.user_options()) as health:
        assert health == client.get("/healthz").get_json()
        assert image.run(healthcheck).returncode == 0
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/classify",
            data=json.dumps({"text": "Our CMO leads brand marketing"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response) == client.post("/v1/classify", json={"text": "Our CMO leads brand marketing"}).get_json()
    cache = image.path(image.env["CXO_CACHE_DIR"])  # jieba's dictionary cache: in the user's home, written as the user
    assert any(cache.iterdir()) and cache.stat().st_uid == image.uid
