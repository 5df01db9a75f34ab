"""Optional extras: one table says which extra gives what; a feature without its extra is one line, exit status 2.

A missing module is simulated with a None entry in sys.modules (Python then refuses to import it);
tests/install/test_wheel.py runs the same commands in a real venv without the extra.
"""

from __future__ import annotations

import io
import re
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

import glossary_api
from glossary_api.cli import cli
from glossary_api.cli.progress import BarProgress, LineProgress, progress_for
from glossary_api.extras import OPTIONAL_MODULES, MissingExtra, require

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
BULK = "pip install 'cxo-glossary[bulk]'"


@pytest.fixture()
def without(monkeypatch):
    """Make the named modules impossible to import for the rest of the test, as if their extra were not installed."""

    def hide(*modules: str) -> None:
        for module in modules:
            monkeypatch.setitem(sys.modules, module, None)

    return hide


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_table_of_optional_modules_agrees_with_pyproject():
    extras = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    declared = {
        (extra, _requirement_name(requirement))
        for extra in ("bulk", "cluster", "translators", "train")
        for requirement in extras[extra]
        if _requirement_name(requirement) != "cxo-glossary"
    }
    tabled = {(m.extra, m.distribution.lower()) for m in OPTIONAL_MODULES.values()}
    assert tabled == declared


CLI_CASES = [
    # (module hidden, arguments after `cxo tag`, what the message says it is for)
    ("pyarrow", ["{folder}/vendors.parquet", "-t", "description", "-o", "{folder}/out.parquet"], "Parquet files"),
    ("sqlalchemy", ["--db", "sqlite:///{folder}/vendors.db", "--table", "vendors", "-t", "description", "--id-column", "id"], "SQL tables"),
    ("psycopg", ["--db", "postgresql://me@127.0.0.1:9/crm", "--table", "vendors", "-t", "description", "--id-column", "id"], "PostgreSQL tables"),
]


@pytest.mark.parametrize(("module", "arguments", "feature"), CLI_CASES, ids=[case[0] for case in CLI_CASES])
def test_cxo_tag_without_its_extra_is_one_line_and_exit_status_2(runner, without, tmp_path, module, arguments, feature):
    (tmp_path / "vendors.parquet").write_bytes(b"PAR1")  # never opened: the missing module stops the run first
    (tmp_path / "vendors.db").write_bytes(b"")
    without(module)
    result = runner.invoke(cli, ["tag", *(a.format(folder=tmp_path) for a in arguments), "-j", "1"])
    assert (result.exit_code, result.output) == (2, f"Error: cxo tag needs the bulk extra for {feature}: {BULK}\n")
    assert not (tmp_path / "out.parquet.cxo-work").exists()


def test_cxo_tag_of_a_csv_needs_no_extra(runner, without, tmp_path):
    without("pyarrow", "sqlalchemy", "psycopg", "tqdm", "pandas")
    (tmp_path / "vendors.csv").write_text("id,description\n1,GMP manufacturing of APIs for clients\n2,\n", encoding="utf-8")
    result = runner.invoke(cli, ["tag", str(tmp_path / "vendors.csv"), "-t", "description", "-o", str(tmp_path / "out.csv"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0] == "id,description,cxo_label,cxo_labels,cxo_confidence,cxo_evidence"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "quiet", "hidden", "expected"),
    [
        (Terminal(), False, (), BarProgress),
        (Terminal(), False, ("tqdm",), LineProgress),  # no tqdm: a terminal gets the log lines
        (io.StringIO(), False, (), LineProgress),
        (Terminal(), True, (), type(None)),
    ],
    ids=["terminal", "terminal-without-tqdm", "log", "quiet"],
)
def test_progress_is_a_bar_only_on_a_terminal_with_tqdm(without, stream, quiet, hidden, expected):
    without(*hidden)
    assert type(progress_for(stream, quiet)) is expected


@pytest.mark.parametrize(
    ("entry_point", "call"),
    [
        ("tag", lambda bulk: bulk.tag(["GMP manufacturing"])),
        ("tag_frame", lambda bulk: bulk.tag_frame(None, ["description"])),
        ("tag_batches", lambda bulk: list(bulk.tag_batches([]))),
    ],
)
def test_cluster_entry_points_without_pandas_name_the_cluster_extra(without, entry_point, call):
    import glossary_api.bulk

    without("pandas")
    with pytest.raises(MissingExtra) as raised:
        call(glossary_api.bulk)
    assert str(raised.value) == f"glossary_api.bulk.{entry_point} needs the cluster extra for pandas data frames: pip install 'cxo-glossary[cluster]'"


def test_a_module_missing_inside_an_installed_package_is_not_called_a_missing_extra(without):
    without("json.nonexistent")  # json is there; a part of it is not: a broken install, not a missing extra
    with pytest.raises(ModuleNotFoundError) as raised:
        require("json.nonexistent")
    assert not isinstance(raised.value, MissingExtra)


def test_version_agrees_with_the_package_metadata(runner):
    installed = version("cxo-glossary")
    assert glossary_api.__version__ == installed
    result = runner.invoke(cli, ["--version"], prog_name="cxo")
    assert (result.exit_code, result.output) == (0, f"cxo, version {installed}\n")
