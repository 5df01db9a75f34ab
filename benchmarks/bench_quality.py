"""Benchmark: classification quality on the frozen test split, three classifiers side by side.

- rules: the hand-set rules the project had before the learned weights (commit HAND_SET_RULES,
  run from a `git archive` of it, with the glossary of that commit);
- baseline: TF-IDF over character 1-3-grams and jieba words with logistic regression (the
  20-line bag-of-words model of issue 9), fitted on the same train split, its C chosen on dev;
- learned: this classifier, as shipped (weights in glossary_api/terms/_weights.tsv).
For each: macro-F1 on the text as written, with the category names masked (in-domain texts;
glossary_api.masking), the share of acronym traps read as NONE, and macro-F1 per language.

    .venv/bin/python benchmarks/bench_quality.py            # the frozen test split
    .venv/bin/python benchmarks/bench_quality.py --split dev

Needs the train extra (scikit-learn) and a git checkout (for the rules' commit). The test split is
read only to report: nothing is chosen from these figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary_api.evaluation import LabelledText, macro_f1, read_labelled
from glossary_api.masking import mask_category_names
from glossary_api.training import corpus_paths

HAND_SET_RULES = "df6136b"  # the last commit with the hand-set facet weights (glossary of that day)
LANGS = ("en", "zh-Hans", "zh-Hant", "mixed")
RULES_PROBE = """
import json, sys
from glossary_api.cli.lazy_core import LazyCore
classifier = LazyCore().classifier
print(json.dumps([classifier.classify(text).label for text in json.load(sys.stdin)]))
"""


def rules_labels(texts: list[str]) -> list[str]:
    """Return the hand-set rules' labels of texts, from a checkout of their commit in a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", HAND_SET_RULES, "glossary_api"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        env = {"PYTHONPATH": folder, "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
        done = subprocess.run(
            [sys.executable, "-c", RULES_PROBE], input=json.dumps(texts), capture_output=True, text=True, env=env, cwd=folder, check=True
        )
        return json.loads(done.stdout)


def baseline(train: list[LabelledText], dev: list[LabelledText]):  # returns a fitted predict function
    """Return the TF-IDF + logistic-regression baseline fitted on train, its C chosen on dev."""
    import jieba
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    jieba.setLogLevel(60)

    def words(text: str) -> list[str]:
        return jieba.lcut(text.lower())

    best = None
    for c in (1, 3, 10, 30, 100):
        model = make_pipeline(
            make_union(
                TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=2),
                TfidfVectorizer(tokenizer=words, token_pattern=None, lowercase=False, sublinear_tf=True, min_df=2),
            ),
            LogisticRegression(C=c, max_iter=5000),
        ).fit([i.text for i in train], [i.label for i in train])
        score = macro_f1([i.label for i in dev], list(model.predict([i.text for i in dev])))
        if best is None or score > best[0]:
            best = (score, c, model)
    print(f"baseline: C={best[1]} chosen on dev (dev macro-F1 {best[0]:.3f})")
    return lambda texts: list(best[2].predict(texts))


def figures(items: list[LabelledText], classify) -> dict[str, float]:
    """Return the figures of one classifier (a function from texts to labels) on items."""
    gold = [i.label for i in items]
    labels = classify([i.text for i in items])
    masked_texts = [mask_category_names(i.text) if i.label != "NONE" else i.text for i in items]
    masked = classify(masked_texts)
    traps = [label for item, label in zip(items, labels) if item.extra.get("trap")]
    result = {"text": macro_f1(gold, labels), "masked": macro_f1(gold, masked), "traps NONE": traps.count("NONE") / len(traps)}
    for lang in LANGS:
        chosen = [k for k, item in enumerate(items) if item.extra.get("lang") == lang]
        result[f"text, {lang}"] = macro_f1([gold[k] for k in chosen], [labels[k] for k in chosen])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    args = parser.parse_args()
    data = ROOT / "tests" / "data"
    train, dev = (read_labelled(path) for path in corpus_paths(data))
    items = dev if args.split == "dev" else read_labelled(data / "test.jsonl")
    print(f"{args.split} split: {len(items)} items, {sum(1 for i in items if i.extra.get('trap'))} acronym traps")

    from glossary_api import load_core, load_settings

    learned = load_core(load_settings()).classifier
    columns = {
        f"rules ({HAND_SET_RULES})": figures(items, rules_labels),
        "TF-IDF + LR baseline": figures(items, baseline(train, dev)),
        "learned (this)": figures(items, lambda texts: [learned.classify(t).label for t in texts]),
    }
    names = list(columns)
    print(f"\n| {args.split} split | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for row in next(iter(columns.values())):
        print(f"| {row} | " + " | ".join(f"{columns[n][row]:.3f}" for n in names) + " |")


if __name__ == "__main__":
    main()
