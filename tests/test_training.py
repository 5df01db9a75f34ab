"""`cxo train` reproduces the shipped weights from the corpus, byte for byte (slow: it fits the model)."""

import pytest

from glossary_api.cli import cli
from glossary_api.config import DEFAULT_TERMS_DIR
from glossary_api.model import WEIGHTS_FILE


@pytest.mark.slow
def test_training_on_the_corpus_writes_the_shipped_weights_file(runner, tmp_path):
    pytest.importorskip("sklearn", reason="the train extra is not installed (pip install -e '.[train]')")
    output = tmp_path / WEIGHTS_FILE
    result = runner.invoke(cli, ["train", "--corpus", str(DATA), "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_bytes() == (DEFAULT_TERMS_DIR / WEIGHTS_FILE).read_bytes()


def test_training_without_its_extra_is_one_line_naming_it(runner, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "sklearn", None)
    result = runner.invoke(cli, ["train", "--corpus", str(DATA)])
    assert (result.exit_code, result.stderr) == (
        2, "Error: cxo train needs the train extra for fitting the weights: pip install 'cxo-glossary[train]'\n"
    )


from conftest import DATA
