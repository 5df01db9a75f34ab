"""Benchmark: how the classifier does on text from sources it has not seen, by holding out whole rounds of the corpus.

Each round of the corpus (tests/data/README.md) was written from pages the rounds before had not
used, so a round held out whole is the nearest thing here to a vendor database the weights never
saw. For each round named: fit the weights without any of its items (train and dev), calibrate on
the rest of dev, and score all of its items, text as written and masked, per language. The rounds
are told by their ids' prefix (r11 for round 11). The frozen test split is not read.

    .venv/bin/python benchmarks/bench_rounds.py r11 r12
    .venv/bin/python benchmarks/bench_rounds.py r12 --select-c 20    # another training option
    CXO_TERMS_DIR=/tmp/terms .venv/bin/python benchmarks/bench_rounds.py r12   # other rules or cues

Needs the train extra (scikit-learn); a round takes about as long as `cxo train` (2-3 minutes).
This is how the selection's C and the cues of kinds of text were chosen (README, "Quality").
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary_api.classifier import Classifier, load_core
from glossary_api.config import load_settings
from glossary_api.evaluation import format_slices, read_labelled, slices
from glossary_api.training import TrainingOptions, corpus_paths, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rounds", nargs="+", help="id prefixes of the rounds to hold out, one at a time (r11, r12...)")
    for option in fields(TrainingOptions):
        parser.add_argument(f"--{option.name.replace('_', '-')}", type=type(option.default), default=option.default)
    args = parser.parse_args()
    options = TrainingOptions(**{option.name: getattr(args, option.name) for option in fields(TrainingOptions)})
    core = load_core(load_settings(), weights=False)
    train_path, dev_path = corpus_paths(ROOT / "tests" / "data")
    train_items, dev_items = read_labelled(train_path), read_labelled(dev_path)
    rounds = {}
    for prefix in args.rounds:
        in_round = re.compile(rf"{re.escape(prefix)}[a-z]*-\d+")  # r11 holds r11a-0001, r11f-0094..., not r110-...
        rounds[prefix] = [item for item in train_items + dev_items if in_round.fullmatch(item.id)]
        if not rounds[prefix]:
            parser.error(f"no item of train or dev has an id of round {prefix!r} ({prefix}a-0001, {prefix}-0001, ...)")
    print(f"training options: {options}")
    for prefix, held in rounds.items():
        held_ids = {item.id for item in held}
        started = time.perf_counter()
        model = train(
            core.classifier,
            [item for item in train_items if item.id not in held_ids],
            [item for item in dev_items if item.id not in held_ids],
            options,
        )
        classifier = Classifier(core.glossary, core.classifier.rules, core.classifier.tokenizer, model)
        print(f"\n{prefix} held out: {len(held)} items; weights fitted without them ({model.settings['features']}) in {time.perf_counter() - started:.0f} s")
        print(format_slices(slices(classifier, held)))


if __name__ == "__main__":
    main()
