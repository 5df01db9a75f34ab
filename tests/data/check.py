"""Check labelled items against the corpus format (README.md, "Format") before they join: one line per problem.

Every rule the README states for an item: the keys and their order, an id of a documented form,
unique ids and texts (in the batch and in the corpus), labels, languages, kinds and genres from
their lists, `kind` agreeing with the label and with `trap`, `names_category` a boolean and false
for NONE, the script of each language (`en` without Han characters, `zh-Hans` and `zh-Hant`
without Latin letters and without characters of the other script, `mixed` with both), a source
address, a basis, and no source from a domain of the frozen test split (split.py's rule).
tests/test_corpus_check.py runs the same rules over the whole corpus, so a batch that skipped
this check fails the test suite.

Each new item is also compared with the test split's texts (`near_copies`): the split keeps each
source domain in one split, but news runs on many sites and pages are mirrored, and an item
written from such a copy puts a test text's facts and wording into train. Texts written from one
page or its mirror share 0.4 to 0.75 of the longer one's character 5-grams; so do a few short
service rows written from different pages (up to 0.55: "process & analytical development |
clinical and commercial manufacturing"). So from COPY it is a problem, and from LOOK the command
lists the pair for a person to read both pages.

    .venv/bin/python tests/data/check.py NEW.jsonl [...]   # a line per problem and exit status 1, or "N items: OK"
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from glossary_api.termbase.script import out_of_script
from glossary_api.text import has_han
from glossary_api.vocabulary import ALL_LABELS

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # split.py beside it, whether this runs as a script or is loaded by the tests
    sys.path.insert(0, str(HERE))
from split import KEYS, group_key, in_frozen_test, read

LANGS = ("en", "zh-Hans", "zh-Hant", "mixed")
KINDS = ("service", "trap", "near_miss", "other")
GENRES = (
    "profile", "annual_report", "prospectus", "filing", "press_release", "news", "job_ad", "blog",
    "database_row", "tag_list", "linkedin", "appointment_news",
)
ROUND_ID = re.compile(r"r\d+[a-z]*-\d{4}")  # r26a-0001: round 26, batch a
FIRST_ROUNDS_ID = re.compile(r"(?:cro|cmo|cdmo|cso|trap|near|rs2|mfg2|near2|trap2)-\d{4}")
FIRST_DEV_SET_ID = re.compile(r"(?:en|zhs|zht|mix)-[a-z]+-\d{3}")  # written before the corpus: a source note, genre unrecorded
LATIN = re.compile(r"[A-Za-z]")
URL = re.compile(r"https?://\S")
COPY = 0.6  # share of the longer text's character 5-grams: a copy of a test text's page
LOOK = 0.4  # ... a pair to read by hand
GRAM = 5


def problems(
    items: Iterable[object], corpus: Iterable[dict] = (), test_split: Iterable[dict] = (), places: Sequence[str] = ()
) -> list[str]:
    """Return what is wrong with items, one 'id: what' line each; ids and texts must not repeat corpus's either.

    test_split: the frozen test split's items; an item (not itself one of them) whose source's
    domain is in it, or hashes to it, is reported. places: where each item is ("new.jsonl, line
    3"), to name an item without an id; "item N" otherwise.
    """
    test_split = list(test_split)
    test_ids = {item["id"] for item in test_split}
    test_groups = {group_key(item) for item in test_split}
    seen_ids = {item["id"] for item in corpus}
    seen_texts = {item["text"]: item["id"] for item in corpus}
    found = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            name = item["id"]
        else:
            name = places[number - 1] if number <= len(places) else f"item {number}"
        own = _item_problems(item)
        found += [f"{name}: {problem}" for problem in own]
        if not _readable(item):
            continue
        if item["id"] in seen_ids:
            found.append(f"{name}: the id is taken already (in the batch or the corpus)")
        if item["text"] in seen_texts:
            found.append(f"{name}: the same text is there already as {seen_texts[item['text']]}")
        seen_ids.add(item["id"])
        seen_texts.setdefault(item["text"], item["id"])
        if test_split and item["id"] not in test_ids and in_frozen_test(item, test_groups):
            found.append(f"{name}: its source's domain {group_key(item)} belongs to the frozen test split")
    return found


def near_copies(items: Iterable[object], test_split: Iterable[dict], share: float = COPY) -> list[tuple[str, str, float]]:
    """Return (item id, test id, share) for each item (not of the test split) sharing `share` of the longer text's 5-grams with a test text."""
    tests = list(test_split)
    test_ids = {item["id"] for item in tests}
    test_grams = [_grams(item["text"]) for item in tests]
    index: dict[str, list[int]] = {}
    for number, grams in enumerate(test_grams):
        for gram in grams:
            index.setdefault(gram, []).append(number)
    found = []
    for item in items:
        if not _readable(item) or item["id"] in test_ids:
            continue
        grams = _grams(item["text"])
        shared: dict[int, int] = {}
        for gram in grams & index.keys():
            for number in index[gram]:
                shared[number] = shared.get(number, 0) + 1
        for number, count in shared.items():
            common = count / max(len(grams), len(test_grams[number]))
            if common >= share:
                found.append((item["id"], tests[number]["id"], common))
    return found


def copy_line(pair: tuple[str, str, float]) -> str:
    """Return a near copy as an 'id: what' line."""
    item_id, test_id, common = pair
    percent = math.floor(common * 100)  # never rounded up to the share that fails
    return f"{item_id}: shares {percent}% of its wording with test text {test_id}: written from a copy of its page?"


def _readable(item: object) -> bool:
    """Return whether an item has the fields the corpus-wide rules read (id, text, source as text)."""
    return isinstance(item, dict) and all(isinstance(item.get(key), str) for key in ("id", "text", "source"))


def _grams(text: str) -> set[str]:
    folded = " ".join(text.lower().split())
    return {folded[i : i + GRAM] for i in range(max(1, len(folded) - GRAM + 1))}


def _item_problems(item: object) -> list[str]:
    """Return what is wrong with one item on its own."""
    if not isinstance(item, dict):
        return ["not a JSON object"]
    wanted = [*KEYS, "trap"] if "trap" in item else list(KEYS)
    if list(item) != wanted:
        return [f"keys {', '.join(item)}; the format wants {', '.join(KEYS)} (and trap last, only when true)"]
    wrong_types = [key for key in ("id", "text", "source", "basis", "label", "lang", "kind", "genre") if not isinstance(item[key], str)]
    if wrong_types:
        return [f"{', '.join(wrong_types)} must be text"]
    found = []
    first_dev_set = bool(FIRST_DEV_SET_ID.fullmatch(item["id"]))
    if not (ROUND_ID.fullmatch(item["id"]) or FIRST_ROUNDS_ID.fullmatch(item["id"]) or first_dev_set):
        found.append("the id names no round (r26a-0001: round 26, batch a)")
    for key, allowed in (("label", ALL_LABELS), ("lang", LANGS), ("kind", KINDS)):
        if item[key] not in allowed:
            found.append(f"{key} {item[key]!r} is not one of {', '.join(allowed)}")
    if item["genre"] not in GENRES and not (first_dev_set and item["genre"] == "unrecorded"):
        found.append(f"genre {item['genre']!r} is not one of {', '.join(GENRES)}")
    if (item["kind"] == "service") != (item["label"] != "NONE"):
        found.append(f"kind {item['kind']} with label {item['label']}: service is the kind of every label but NONE, and only of those")
    if "trap" in item and item["trap"] is not True:
        found.append("trap is true or left out")
    elif (item["kind"] == "trap") != ("trap" in item):
        found.append('an acronym trap has kind trap and "trap": true, and nothing else has either')
    if not isinstance(item["names_category"], bool):
        found.append("names_category is true or false")
    elif item["names_category"] and item["label"] == "NONE":
        found.append("names_category is true for NONE: a NONE text has no category of its own to name")
    if not item["text"].strip():
        return [*found, "the text is empty"]
    found += _script_problems(item["text"], item["lang"])
    if not URL.search(item["source"]) and not first_dev_set:
        found.append("the source has no address (https://...) of the page the item was written from")
    if not item["basis"].strip():
        found.append("the basis is empty")
    return found


def _script_problems(text: str, lang: str) -> list[str]:
    """Return where text is not written as lang says."""
    han, latin = has_han(text), bool(LATIN.search(text))
    if lang == "en" and han:
        return ["lang en, but the text has Chinese characters (mixed?)"]
    if lang == "mixed" and not (han and latin):
        return ["lang mixed, but the text is not both Chinese and Latin letters"]
    if lang in ("zh-Hans", "zh-Hant"):
        if latin:
            return [f"lang {lang}, but the text has Latin letters (mixed?)"]
        if not han:
            return [f"lang {lang}, but the text has no Chinese characters"]
        if wrong := out_of_script(text, lang):
            other = "traditional" if lang == "zh-Hans" else "simplified"
            return [f"lang {lang}, but the text has {other} characters: {wrong}"]
    return []


def main(paths: list[str]) -> None:
    if not paths:
        print("usage: check.py NEW.jsonl [...]", file=sys.stderr)
        sys.exit(2)
    corpus = read(HERE / "train") + read(HERE / "dev")
    test_split = read(HERE / "test.jsonl")
    items, places, found = [], [], []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as error:
            found.append(f"{path}: not UTF-8 (byte {error.start}); save it as UTF-8")
            continue
        except OSError as error:
            found.append(f"{path}: {error.strerror or error}")
            continue
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
                places.append(f"{path}, line {number}")
            except json.JSONDecodeError as error:
                found.append(f"{path}, line {number}: not JSON: {error}")
    found += problems(items, corpus + test_split, test_split, places)
    pairs = near_copies(items, test_split, LOOK)
    found += [copy_line(pair) for pair in pairs if pair[2] >= COPY]
    print("\n".join(found) if found else f"{len(items)} items: OK")
    print("".join(f"read both pages: {copy_line(pair)}\n" for pair in pairs if pair[2] < COPY), end="")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
