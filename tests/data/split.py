"""Split labelled items into train, dev and test by source; the test split, once written, is frozen.

Items are grouped by the web domain of the page they were paraphrased from (or by their source
note when it has no address), and each group goes wholly to one split, chosen by a hash of the
group key: about 60% of groups to train, 20% to dev, 20% to test. A source is therefore never in
two splits, and the choice does not depend on the order or number of items.

    python tests/data/split.py NEW.jsonl [...]   # add a round's items: to train or dev; never to a frozen test

Train and dev are folders with a file per round of the corpus (train/r01.jsonl, r02.jsonl...),
read in the order of their names; an item goes to the file of the round its id names (r26a-0001:
round 26), so adding a round adds files and changes none. The first run wrote all three splits;
later runs refuse to touch test.jsonl: an item whose group falls in test (or already has items
there) is reported and left out, so the test split keeps measuring text that nothing was tuned on.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
SPLITS = {"train": 60, "dev": 80, "test": 100}  # cumulative shares of the hash space
KEYS = ("id", "text", "label", "lang", "names_category", "source", "basis", "kind", "genre")


def group_key(item: dict) -> str:
    """Return the source group of an item: the domain of its first URL, else its source note."""
    match = re.search(r"https?://[^\s;)]+", item["source"])
    if match:
        return urlparse(match.group(0)).netloc.lower().removeprefix("www.")
    return "note:" + item["source"].strip().lower()


def split_of(item: dict) -> str:
    """Return the split an item's group belongs to."""
    bucket = int(hashlib.sha256(group_key(item).encode("utf-8")).hexdigest()[:8], 16) % 100
    return next(name for name, limit in SPLITS.items() if bucket < limit)


def in_frozen_test(item: dict, test_groups: set[str]) -> bool:
    """Return whether an item's source belongs to the frozen test split: its group is there, or hashes there."""
    return split_of(item) == "test" or group_key(item) in test_groups


def ordered(item: dict) -> dict:
    """Return the item with the keys in the documented order (`trap` last, only when true)."""
    record = {key: item[key] for key in KEYS}
    if item.get("trap"):
        record["trap"] = True
    return record


def round_file(item: dict) -> str:
    """Return the name of the file of an item's round, from its id (r26a-0001 -> r26.jsonl); raise ValueError when it names none."""
    match = re.fullmatch(r"r(\d+)[a-z]*-\d+", item["id"])
    if not match:
        raise ValueError(f"id {item['id']!r} does not name its round (r26a-0001, r26-0001...)")
    return f"r{int(match.group(1)):02d}.jsonl"


def read(path: Path) -> list[dict]:
    """Return the items of a .jsonl file, or of every .jsonl file of a folder in the order of their names."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path] if path.exists() else []
    return [json.loads(line) for file in files for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(paths: list[str]) -> None:
    existing = {name: read(HERE / name) for name in ("train", "dev")} | {"test": read(HERE / "test.jsonl")}
    frozen = bool(existing["test"])
    test_groups = {group_key(item) for item in existing["test"]}
    seen_ids = {item["id"] for items in existing.values() for item in items}
    seen_texts = {item["text"] for items in existing.values() for item in items}
    added: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for path in paths:
        for item in read(Path(path)):
            if item["id"] in seen_ids or item["text"] in seen_texts:
                print(f"{path}: {item['id']}: already in the corpus (same id or text); left out", file=sys.stderr)
                continue
            target = split_of(item)
            if frozen and in_frozen_test(item, test_groups):
                print(f"{path}: {item['id']}: its source {group_key(item)} belongs to the frozen test split; left out", file=sys.stderr)
                continue
            try:
                round_file(item)
            except ValueError as error:
                sys.exit(f"{path}: {error}; nothing was written")
            added[target].append(ordered(item))
            seen_ids.add(item["id"])
            seen_texts.add(item["text"])
    for name, items in added.items():
        for item in items:
            file = HERE / f"{name}.jsonl" if name == "test" else HERE / name / round_file(item)
            file.parent.mkdir(exist_ok=True)
            with file.open("a", encoding="utf-8") as out:
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(", ".join(f"{name} +{len(items)} = {len(existing[name]) + len(items)}" for name, items in added.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
