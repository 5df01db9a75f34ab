"""The labelled corpus's layout (tests/data/: train/ and dev/ hold a file per round, test.jsonl is frozen) and split.py, which adds a round."""

import importlib.util
import json

import pytest
from conftest import DATA

spec = importlib.util.spec_from_file_location("corpus_split", DATA / "split.py")
split = importlib.util.module_from_spec(spec)
spec.loader.exec_module(split)


def item(number: int, source: str, text: str | None = None) -> dict:
    return {
        "id": f"r26a-{number:04d}", "text": text or f"Contract manufacturing of tablets for clients, site {number}.", "label": "CMO",
        "lang": "en", "names_category": False, "source": f"written for this test (https://{source}/about)", "basis": "test",
        "kind": "service", "genre": "profile",
    }


def domain_in(wanted: str) -> str:
    """Return a web domain whose items split.py sends to the wanted split."""
    return next(d for n in range(1000) if split.split_of(item(0, d := f"vendor{n}.example")) == wanted)


@pytest.mark.parametrize("name", ["train", "dev"])
def test_each_round_file_holds_the_items_of_its_round(name):
    files = sorted((DATA / name).glob("*.jsonl"))
    assert [f.name for f in files] == [f"r{n:02d}.jsonl" for n in range(1, len(files) + 1)]
    for file in files:
        items = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
        if file.name in ("r01.jsonl", "r02.jsonl"):  # the first two rounds (and the first development set) wrote ids without it
            for record in items:
                with pytest.raises(ValueError):
                    split.round_file(record)
        else:
            assert {split.round_file(record) for record in items} == {file.name}


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    """A small corpus in a folder of its own: one item in each split, the test split frozen."""
    folder = tmp_path / "data"
    for number, name in enumerate(("train", "dev"), start=90):
        (folder / name).mkdir(parents=True)
        (folder / name / "r01.jsonl").write_text(json.dumps({**item(number, domain_in(name)), "id": f"{name}-1"}) + "\n", encoding="utf-8")
    (folder / "test.jsonl").write_text(json.dumps({**item(92, domain_in("test")), "id": "test-1"}) + "\n", encoding="utf-8")
    monkeypatch.setattr(split, "HERE", folder)
    return folder


def test_a_new_round_goes_to_files_of_its_own_and_changes_no_other(corpus, tmp_path, capsys):
    before = {path: path.read_bytes() for path in corpus.rglob("*.jsonl")}
    new = [item(1, domain_in("train")), item(2, domain_in("dev")), item(3, domain_in("test")), item(4, "elsewhere.example", text=item(90, "x")["text"])]
    (tmp_path / "r26a.jsonl").write_text("".join(json.dumps(i) + "\n" for i in new), encoding="utf-8")
    split.main([str(tmp_path / "r26a.jsonl")])
    assert {path: path.read_bytes() for path in before} == before
    assert [json.loads(line)["id"] for line in (corpus / "train" / "r26.jsonl").read_text(encoding="utf-8").splitlines()] == ["r26a-0001"]
    assert [json.loads(line)["id"] for line in (corpus / "dev" / "r26.jsonl").read_text(encoding="utf-8").splitlines()] == ["r26a-0002"]
    out, err = capsys.readouterr()
    assert out == "train +1 = 2, dev +1 = 2, test +0 = 1\n"
    assert f"r26a-0003: its source {domain_in('test')} belongs to the frozen test split; left out" in err
    assert "r26a-0004: already in the corpus (same id or text); left out" in err


def test_an_id_that_names_no_round_stops_the_run_before_anything_is_written(corpus, tmp_path):
    before = {path: path.read_bytes() for path in corpus.rglob("*.jsonl")}
    (tmp_path / "new.jsonl").write_text(json.dumps({**item(5, domain_in("train")), "id": "vendor-5"}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="id 'vendor-5' does not name its round"):
        split.main([str(tmp_path / "new.jsonl")])
    assert {path: path.read_bytes() for path in corpus.rglob("*.jsonl")} == before
