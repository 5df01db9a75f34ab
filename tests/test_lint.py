"""ruff keeps the code free of the mistakes it can see (unused names, blind excepts, late-bound loop variables...).

Its settings are in pyproject.toml; the version is pinned in the test extra, since every release adds rules.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_the_code_passes_ruff():
    # pip installs ruff beside the interpreter; look there too when the venv is not activated.
    ruff = shutil.which("ruff") or shutil.which("ruff", path=str(Path(sys.executable).parent))
    if ruff is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]' installs it")
    done = subprocess.run([ruff, "check", "--no-cache", "glossary_api", "tests", "benchmarks", "scripts"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
