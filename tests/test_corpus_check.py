"""The corpus keeps its format (tests/data/README.md, "Format"), and check.py, which checks a new batch, reports each rule broken."""

import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import DATA

spec = importlib.util.spec_from_file_location("corpus_check", DATA / "check.py")
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

GOOD = {
    "id": "r99a-0001", "text": "We run Phase I-III trials and biostatistics for sponsors.", "label": "CRO", "lang": "en",
    "names_category": False, "source": "https://vendor.example/about", "basis": "runs trials for sponsors", "kind": "service",
    "genre": "profile",
}
NONE_ITEM = {**GOOD, "label": "NONE", "kind": "other"}


@pytest.fixture(scope="module")
def splits() -> dict[str, list[dict]]:
    return {name: check.read(DATA / name) for name in ("train", "dev")} | {"test": check.read(DATA / "test.jsonl")}


def test_every_item_of_the_corpus_keeps_the_format(splits):
    everything = [item for items in splits.values() for item in items]
    assert len(everything) > 12_000
    assert check.problems(everything, test_split=splits["test"]) == []


@pytest.mark.slow  # about 4 s: every train and dev text against every test text
def test_no_train_or_dev_text_is_a_copy_of_a_test_text(splits):
    assert check.near_copies(splits["train"] + splits["dev"], splits["test"]) == []


def test_no_source_domain_is_in_two_splits(splits):
    groups = {name: {check.group_key(item) for item in items} for name, items in splits.items()}
    assert not groups["train"] & groups["dev"]
    assert not (groups["train"] | groups["dev"]) & groups["test"]


def test_a_good_item_has_no_problem():
    assert check.problems([GOOD, {**NONE_ITEM, "id": "r99a-0002", "text": "Our CMO leads brand marketing.", "kind": "trap", "trap": True}]) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"label": "NONE"}, "kind service with label NONE: service is the kind of every label but NONE"),
        ({**NONE_ITEM, "kind": "service"}, "kind service with label NONE"),
        ({"label": "cro"}, "label 'cro' is not one of CRO, CMO, CDMO, CSO, NONE"),
        ({"lang": "zh"}, "lang 'zh' is not one of en, zh-Hans, zh-Hant, mixed"),
        ({"genre": "website"}, "genre 'website' is not one of"),
        ({"genre": "unrecorded"}, "genre 'unrecorded' is not one of"),  # only the first development set's, written before the corpus
        ({**NONE_ITEM, "kind": "trap"}, 'an acronym trap has kind trap and "trap": true'),
        ({**NONE_ITEM, "trap": True}, 'an acronym trap has kind trap and "trap": true'),
        ({**NONE_ITEM, "kind": "trap", "trap": "yes"}, "trap is true or left out"),
        ({"basis": 3}, "basis must be text"),
        ({"names_category": "yes"}, "names_category is true or false"),
        ({**NONE_ITEM, "names_category": True}, "names_category is true for NONE"),
        ({"id": "vendor-0001"}, "the id names no round"),
        ({"text": "我们为申办方开展一至三期临床试验。"}, "lang en, but the text has Chinese characters"),
        ({"lang": "zh-Hans"}, "lang zh-Hans, but the text has Latin letters (mixed?)"),
        ({"text": "為申辦方執行臨床試驗。", "lang": "zh-Hans"}, "lang zh-Hans, but the text has traditional characters: 為辦執臨試驗"),
        ({"text": "为申办方开展临床试验。", "lang": "zh-Hant"}, "lang zh-Hant, but the text has simplified characters: 为办开临试验"),
        ({"text": "臨床試驗服務。", "lang": "mixed"}, "lang mixed, but the text is not both"),
        ({"text": "123 456", "lang": "zh-Hant"}, "lang zh-Hant, but the text has no Chinese characters"),
        ({"text": " "}, "the text is empty"),
        ({"source": "a vendor's brochure"}, "the source has no address"),
        ({"basis": " "}, "the basis is empty"),
    ],
)
def test_each_rule_broken_is_one_problem_naming_the_item(change, problem):
    found = check.problems([{**GOOD, **change}])
    assert len(found) == 1
    assert found[0].startswith(f"{change.get('id', GOOD['id'])}: {problem}")


def test_keys_out_of_order_or_missing_are_one_problem():
    swapped = dict(reversed(list(GOOD.items())))
    wanted = "the format wants id, text, label, lang, names_category, source, basis, kind, genre (and trap last, only when true)"
    assert check.problems([swapped]) == [f"r99a-0001: keys genre, kind, basis, source, names_category, lang, label, text, id; {wanted}"]
    assert check.problems([{"text": "no id"}, "not an object"]) == [f"item 1: keys text; {wanted}", "item 2: not a JSON object"]
    assert check.near_copies([{"text": "no id"}, "not an object"], [GOOD]) == []


def test_a_repeated_id_or_text_is_reported_in_the_batch_and_against_the_corpus(splits):
    again = {**GOOD, "text": "Another text."}
    copied = {**GOOD, "id": "r99a-0002"}
    assert check.problems([GOOD, again, copied]) == [
        "r99a-0001: the id is taken already (in the batch or the corpus)",
        "r99a-0002: the same text is there already as r99a-0001",
    ]
    known = splits["dev"][0]
    assert check.problems([{**GOOD, "text": known["text"]}], corpus=splits["dev"]) == [f"r99a-0001: the same text is there already as {known['id']}"]


def test_a_source_of_the_frozen_test_split_is_reported_but_the_test_split_itself_is_not(splits):
    test_item = splits["test"][0]
    taken = {**GOOD, "source": test_item["source"]}
    assert check.problems([taken], test_split=splits["test"]) == [
        f"r99a-0001: its source's domain {check.group_key(test_item)} belongs to the frozen test split"
    ]
    assert check.problems(splits["test"][:5], test_split=splits["test"]) == []


def test_the_command_prints_a_line_per_problem_and_fails_or_says_ok(tmp_path):
    def run(*lines: str) -> subprocess.CompletedProcess:
        batch = tmp_path / "batch.jsonl"
        batch.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return subprocess.run([sys.executable, str(DATA / "check.py"), str(batch)], capture_output=True, text=True, check=False)

    source = next(f"https://vendor{n}.example/about" for n in range(1000) if not check.in_frozen_test({"source": f"https://vendor{n}.example/"}, set()))
    good = run(json.dumps({**GOOD, "source": source}, ensure_ascii=False))
    assert (good.returncode, good.stdout) == (0, "1 items: OK\n")
    bad = run(json.dumps({**GOOD, "source": source, "label": "NONE"}), "{not json")
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        f"{tmp_path / 'batch.jsonl'}, line 2: not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        "r99a-0001: kind service with label NONE: service is the kind of every label but NONE, and only of those",
    ]
    # a near copy of a test text fails; one that shares less is listed for a person to read both pages
    test_text = next(item["text"] for item in check.read(DATA / "test.jsonl") if len(item["text"]) > 300 and item["lang"] == "en")
    copied = run(json.dumps({**GOOD, "source": source, "text": test_text + " Updated."}))
    assert copied.returncode == 1 and copied.stdout.startswith("r99a-0001: shares 9")
    half = run(json.dumps({**GOOD, "source": source, "text": test_text[: len(test_text) // 2]}))
    assert half.returncode == 0
    assert half.stdout.startswith("1 items: OK\nread both pages: r99a-0001: shares ") and half.stdout.count("\n") == 2


def test_an_item_written_from_a_copy_of_a_test_page_is_reported():
    test_text = {
        **GOOD, "id": "cro-9001", "source": "https://news.example/a",
        "text": "The research-models group opened a 60,000 sq ft testing building in Wilmington, adding clinical chemistry and immunoassays.",
    }
    mirrored = {**GOOD, "text": "The research-models group has opened a 60,000 sq ft testing building in Wilmington, adding clinical chemistry and immunoassays."}
    written_afresh = {**GOOD, "id": "r99a-0002", "text": "Preclinical safety studies, clinical chemistry and immunoassays for drug developers."}
    (pair,) = check.near_copies([mirrored, written_afresh, test_text], [test_text])
    assert check.copy_line(pair) == "r99a-0001: shares 94% of its wording with test text cro-9001: written from a copy of its page?"
    assert [(a, b, round(share, 2)) for a, b, share in check.near_copies([written_afresh], [test_text], share=0.2)] == [("r99a-0002", "cro-9001", 0.27)]


def test_a_source_whose_domain_has_test_items_is_reported_even_where_its_hash_points_elsewhere():
    domain = next(f"vendor{n}.example" for n in range(1000) if not check.in_frozen_test({"source": f"https://vendor{n}.example/"}, set()))
    test_item = {**GOOD, "id": "cro-9002", "text": "A test text.", "source": f"https://{domain}/news"}
    assert check.problems([{**GOOD, "source": f"https://{domain}/about"}], test_split=[test_item]) == [
        f"r99a-0001: its source's domain {domain} belongs to the frozen test split"
    ]


def test_the_command_names_the_line_of_an_item_without_an_id_and_reads_no_file_it_cannot(tmp_path):
    def run(*paths) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(DATA / "check.py"), *map(str, paths)], capture_output=True, text=True, check=False)

    batch = tmp_path / "batch.jsonl"
    batch.write_text('\n"a string"\n{"text": "no id"}\n', encoding="utf-8")
    gbk = tmp_path / "gbk.jsonl"
    gbk.write_bytes('{"text": "临床试验"}\n'.encode("gbk"))
    result = run(batch, gbk, tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{gbk}: not UTF-8 (byte 10); save it as UTF-8",
        f"{tmp_path}: Is a directory",
        f"{batch}, line 2: not a JSON object",
        f"{batch}, line 3: keys text; the format wants id, text, label, lang, names_category, source, basis, kind, genre (and trap last, only when true)",
    ]
    assert (run().returncode, run().stderr) == (2, "usage: check.py NEW.jsonl [...]\n")


def test_a_share_is_never_printed_rounded_up_to_the_one_that_fails():
    assert check.copy_line(("r99a-0001", "cro-9001", 0.5996)) == "r99a-0001: shares 59% of its wording with test text cro-9001: written from a copy of its page?"
