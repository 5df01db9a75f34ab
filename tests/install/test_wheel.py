"""The wheel as users install it: built from the sdist, installed non-editable, run from a folder outside the repository.

The venv has the base install only, no extra, so it also shows what an optional feature says
without its extra, in a real interpreter rather than a simulated missing module.
"""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from dataclasses import dataclass
from email import message_from_string
from importlib.metadata import version
from pathlib import Path

import pytest

from glossary_api.cli import cli

from .venvs import ROOT, clean_environment, free_port, make_venv, run, serving

pytestmark = pytest.mark.slow

VERSION = version("cxo-glossary")
TERMS = sorted(p.name for pattern in ("*.yaml", "*.tsv") for p in (ROOT / "glossary_api" / "terms").glob(pattern))
TEXT = "提供从临床前到商业化阶段的原料药工艺开发与GMP生产"
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache")


@dataclass(frozen=True)
class Installed:
    bin: Path
    elsewhere: Path  # a folder outside the repository, where the commands run
    env: dict[str, str]

    def cxo(self, *arguments: str, check: bool = True, **options: object) -> subprocess.CompletedProcess[str]:
        return run([self.bin / "cxo", *arguments], check=check, cwd=self.elsewhere, env=self.env, **options)

    def python(self, code: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run([self.bin / "python", "-c", code], check=check, cwd=self.elsewhere, env=self.env)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """Return a folder with the sdist and the wheel built from it, as `python -m build` makes a release."""
    work = tmp_path_factory.mktemp("dist")
    shutil.copytree(ROOT, work / "source", ignore=NOT_SOURCE)  # the build leaves nothing in the repository
    run([sys.executable, "-m", "build", "--outdir", work / "out", work / "source"], env=clean_environment())
    return work / "out"


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Installed:
    work = tmp_path_factory.mktemp("installed")
    bin_folder = make_venv(work / "venv")
    run([bin_folder / "pip", "install", *dist.glob("*.whl")], env=clean_environment())
    (work / "elsewhere").mkdir()
    return Installed(bin_folder, work / "elsewhere", clean_environment(HOME=str(work / "elsewhere")))


def test_the_wheel_holds_the_glossary_license_and_readme(dist):
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = message_from_string(archive.read(f"cxo_glossary-{VERSION}.dist-info/METADATA").decode())
    assert sorted(n.removeprefix("glossary_api/terms/") for n in names if n.startswith("glossary_api/terms/")) == TERMS
    assert f"cxo_glossary-{VERSION}.dist-info/licenses/LICENSE" in names
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_payload().strip() == (ROOT / "README.md").read_text(encoding="utf-8").strip()


def test_the_sdist_holds_the_glossary_license_and_readme(dist):
    (sdist,) = dist.glob("*.tar.gz")
    top = f"cxo_glossary-{VERSION}/"
    with tarfile.open(sdist) as archive:
        names = [n.removeprefix(top) for n in archive.getnames()]
    assert sorted(n.removeprefix("glossary_api/terms/") for n in names if n.startswith("glossary_api/terms/") and n.endswith((".yaml", ".tsv"))) == TERMS
    assert {"LICENSE", "README.md", "pyproject.toml"} <= set(names)


def test_the_installed_package_runs_from_site_packages(installed):
    done = installed.python("import glossary_api, glossary_api.config as c; print(glossary_api.__version__, glossary_api.__file__, c.DEFAULT_TERMS_DIR)")
    installed_version, module, terms = done.stdout.split()
    site_packages = installed.bin.parent / "lib"
    assert installed_version == VERSION
    assert Path(module).is_relative_to(site_packages) and Path(terms).is_relative_to(site_packages)
    assert installed.cxo("--version").stdout == f"cxo, version {VERSION}\n"


@pytest.mark.parametrize("arguments", [["lookup", "CRO", "--json"], ["classify", TEXT, "--json"], ["lookup", "CRO"]], ids=["lookup-json", "classify", "lookup"])
def test_installed_cxo_answers_as_the_repository_does(installed, runner, arguments):
    assert installed.cxo(*arguments).stdout == runner.invoke(cli, arguments).output


def test_installed_cxo_check_checks_the_same_glossary(installed, runner):
    done = installed.cxo("check")  # findings on stdout, the count on stderr; CliRunner mixes the two
    assert sorted((done.stdout + done.stderr).splitlines()) == sorted(runner.invoke(cli, ["check"]).output.splitlines())


def test_installed_cxo_serve_answers_healthz(installed, client):
    port = free_port()
    command = [installed.bin / "cxo", "serve", "--port", str(port), "--workers", "2"]
    with serving(command, port, env=installed.env, cwd=installed.elsewhere) as health:
        assert health == client.get("/healthz").get_json() == {"status": "ok", "concepts": health["concepts"], "version": VERSION}


def test_cxo_eval_outside_a_clone_says_where_the_labelled_sets_are(installed):
    done = installed.cxo("eval", "tests/data/dev", check=False)
    assert (done.returncode, done.stderr) == (
        2,
        ("Error: cxo eval: tests/data/dev: no such file or folder. The labelled sets are in the repository's tests/data/, not in the "
        "installed package: run cxo eval from the root of a clone, or give the file's full path. (cxo eval --help)\n"),
    )


BULK = "pip install 'cxo-glossary[bulk]'"
WITHOUT_BULK = [
    (["vendors.parquet", "-t", "description", "-o", "out.parquet"], f"Error: cxo tag needs the bulk extra for Parquet files: {BULK}\n"),
    (["--db", "sqlite:///vendors.db", "--table", "vendors", "-t", "description", "--id-column", "id"], f"Error: cxo tag needs the bulk extra for SQL tables: {BULK}\n"),
]


@pytest.mark.parametrize(("arguments", "message"), WITHOUT_BULK, ids=["parquet", "sql"])
def test_cxo_tag_without_the_bulk_extra_is_one_line_and_exit_status_2(installed, arguments, message):
    for name in ("vendors.parquet", "vendors.db"):
        (installed.elsewhere / name).write_bytes(b"")
    done = installed.cxo("tag", *arguments, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message)


def test_cxo_tag_in_a_terminal_without_tqdm_shows_lines_not_a_traceback(installed):
    (installed.elsewhere / "vendors.csv").write_text("id,description\n1,Phase I-III trial management\n2,\n", encoding="utf-8")
    controller, terminal = pty.openpty()  # stderr is a terminal, where the bar would be
    try:
        done = installed.cxo("tag", "vendors.csv", "-t", "description", "-o", "tagged.csv", "-j", "1", "--force", stderr=terminal)
    finally:
        os.close(terminal)
    shown = _read_all(controller)
    assert done.returncode == 0, shown
    assert shown.startswith("Tagged 2 rows in ") and "Traceback" not in shown
    assert (installed.elsewhere / "tagged.csv").read_text(encoding="utf-8").splitlines()[0] == "id,description,cxo_label,cxo_labels,cxo_confidence,cxo_evidence"


def test_the_cluster_entry_points_without_pandas_name_the_cluster_extra(installed):
    done = installed.python("from glossary_api.bulk import tag; tag(['GMP manufacturing'])", check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "glossary_api.extras.MissingExtra: glossary_api.bulk.tag needs the cluster extra for pandas data frames: pip install 'cxo-glossary[cluster]'"
    )


def _read_all(descriptor: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 4096)
        except OSError:  # the terminal's other end is closed: all is read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(descriptor)
    return b"".join(chunks).decode().replace("\r\n", "\n")


PAGES_FILES = ["templates/base.html", "static/style.css", "static/pages.js", "static/docs.js", "static/swagger-ui/swagger-ui-bundle.js", "static/swagger-ui/LICENSE"]


def test_the_installed_server_serves_the_pages_and_the_api_reference_from_the_package(dist, installed):
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {f"glossary_api/web/pages/{name}" for name in PAGES_FILES} <= names
    port = free_port()
    command = [installed.bin / "cxo", "serve", "--port", str(port), "--workers", "1"]
    with serving(command, port, env=installed.env, cwd=installed.elsewhere):
        base = f"http://127.0.0.1:{port}"
        for path in ["/", "/terms/cmo", "/docs", "/assets/style.css", "/assets/swagger-ui/swagger-ui-bundle.js"]:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
