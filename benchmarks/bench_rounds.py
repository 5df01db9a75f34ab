"""Benchmark: how the classifier does on text from sources it has not seen, by holding out rounds of the corpus.

A round of the corpus (tests/data/README.md) was written in one go, mostly from pages the rounds
before had not used; but writers could take new angles from a page already used, and news of one
event runs on many sites. So for each round named this leaves out of the fitting every item of the
round AND every other item whose source's domain is one of the round's (the grouping split.py
splits by): the weights are fitted on the rest of train, calibrated on the rest of dev, and
scored on the round's items, text as written and masked, per language. The frozen test split is
not read. A round is named by its ids' prefix: r3 to r51 (r11 holds r11a-0001, r11f-0094, ...).
After the rounds, the texts read right over all of them and their macro-F1.

With --baseline, the TF-IDF + logistic-regression baseline (bench_quality.py) is fitted on the same
texts, its C chosen on the same dev, and read beside: text the corpus has not seen is where the two
differ most (docs/measurements.md, "Text from sources the corpus had not seen").

    .venv/bin/python benchmarks/bench_rounds.py r11 r12
    .venv/bin/python benchmarks/bench_rounds.py r45 r46 r47 --baseline   # a few minutes more a round: five baseline fits, one per C
    .venv/bin/python benchmarks/bench_rounds.py r12 --select-c 20    # any TrainingOptions field (training.py)
    CXO_TERMS_DIR=/tmp/terms .venv/bin/python benchmarks/bench_rounds.py r12   # other rules or cues

CXO_TERMS_DIR must hold a whole copy of glossary_api/terms/ (its _weights.tsv is not used). Needs
the train extra (scikit-learn); a round takes about as long as `cxo train` (2-3 minutes).
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
from glossary_api.evaluation import LabelledText, format_slices, macro_f1, read_labelled, slices
from glossary_api.training import TrainingOptions, corpus_paths, train
from tests.data.split import group_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rounds", nargs="+", help="id prefixes of the rounds to hold out, one at a time (r11, r12...)")
    for option in fields(TrainingOptions):
        parser.add_argument(f"--{option.name.replace('_', '-')}", type=type(option.default), default=option.default)
    parser.add_argument("--baseline", action="store_true", help="read the TF-IDF + LR baseline beside, fitted on the same texts")
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
    gold: list[str] = []
    read: dict[str, list[str]] = {"learned (this)": []} | ({"baseline": []} if args.baseline else {})
    for prefix, held in rounds.items():
        groups = {_group(item) for item in held}
        fit_train = [item for item in train_items if _group(item) not in groups]
        fit_dev = [item for item in dev_items if _group(item) not in groups]
        others = len(train_items) + len(dev_items) - len(fit_train) - len(fit_dev) - len(held)
        started = time.perf_counter()
        model = train(core.classifier, fit_train, fit_dev, options)
        classifier = Classifier(core.glossary, core.classifier.rules, core.classifier.tokenizer, model)
        print(
            f"\n{prefix}: {len(held)} items from {len(groups)} source domains, scored; left out of the fitting with them, "
            f"{others} items of other rounds from those domains; fitted on {len(fit_train)} train texts, calibrated on "
            f"{len(fit_dev)} dev texts (corpus {model.settings['corpus']}; {model.settings['features']}) in "
            f"{time.perf_counter() - started:.0f} s"
        )
        print(format_slices(slices(classifier, held)))
        held_gold = [item.label for item in held]
        gold += held_gold
        labels = {"learned (this)": [classifier.classify(item.text).label for item in held]}
        if args.baseline:
            from benchmarks.bench_quality import baseline

            labels["baseline"] = baseline(fit_train, fit_dev)([item.text for item in held])
        for name, held_labels in labels.items():
            read[name] += held_labels
            print(f"{name}: {_right(held_gold, held_labels)} of {len(held)} right, macro-F1 {macro_f1(held_gold, held_labels):.3f}")
    print(f"\nover {len(rounds)} round{'s' if len(rounds) > 1 else ''}, {len(gold)} items:")
    for name, all_labels in read.items():
        print(f"{name}: {_right(gold, all_labels)} right, macro-F1 {macro_f1(gold, all_labels):.3f}")


def _right(gold: list[str], labels: list[str]) -> int:
    return sum(map(str.__eq__, gold, labels))


def _group(item: LabelledText) -> str:
    return group_key({"source": item.extra.get("source", "")})


if __name__ == "__main__":
    main()
