"""Evaluation of the classifier on a labelled set: per-label precision, recall, F1, confusion matrix, slices."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .classifier import Classifier
from .errors import LabelledSetError
from .vocabulary import ALL_LABELS, NONE_LABEL


@dataclass(frozen=True, slots=True)
class LabelledText:
    id: str
    text: str
    label: str
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    """How predictions compare with the gold labels."""

    per_label: dict[str, LabelScore]
    confusion: dict[str, Counter]  # gold label -> predicted label -> count
    misclassified: list[tuple[LabelledText, str]]
    total: int

    @property
    def macro_f1(self) -> float:
        """Return the mean F1 over the labels that occur in the gold set or among the predictions."""
        predicted = {label for row in self.confusion.values() for label, count in row.items() if count}
        scores = [s.f1 for label, s in self.per_label.items() if s.support or label in predicted]
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def accuracy(self) -> float:
        return 1 - len(self.misclassified) / self.total if self.total else 0.0


def read_labelled(path: str | Path) -> list[LabelledText]:
    """Return the items of a JSON Lines file of {"id", "text", "label", ...}; raise LabelledSetError naming the line.

    A folder is read as its .jsonl files one after the other, in the order of their names (the
    corpus keeps a file per round: tests/data/train/r01.jsonl, r02.jsonl...).
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise LabelledSetError(f"{path}: a folder with no .jsonl files.")
        return [item for file in files for item in read_labelled(file)]
    items = []
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise LabelledSetError(f"{path}: not UTF-8 text (byte {error.start}).") from None
    except OSError as error:
        raise LabelledSetError(f"{path}: {error.strerror or error}.") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            label = record["label"]
            item = LabelledText(str(record.get("id", number)), record["text"], label, record)
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise LabelledSetError(f"{path}, line {number}: not an object with 'text' and 'label' ({error}).") from None
        if label not in ALL_LABELS:
            raise LabelledSetError(f"{path}, line {number}: label {label!r} is not one of {', '.join(ALL_LABELS)}.")
        if not isinstance(item.text, str) or not item.text.strip():
            raise LabelledSetError(f"{path}, line {number}: 'text' must be a non-empty string.")
        items.append(item)
    return items


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Return the macro-F1 of predicted labels against gold ones (the labels present in either)."""
    return _report([LabelledText(str(i), "-", label) for i, label in enumerate(gold)], predicted).macro_f1


def evaluate(classifier: Classifier, items: Iterable[LabelledText]) -> Report:
    """Return the report of classifier's labels against the items' gold labels."""
    items = list(items)
    return _report(items, [classifier.classify(item.text).label for item in items])


def _report(items: list[LabelledText], predicted: list[str]) -> Report:
    confusion = {gold: Counter() for gold in ALL_LABELS}
    for item, label in zip(items, predicted):
        confusion[item.label][label] += 1
    per_label = {}
    for label in ALL_LABELS:
        true_positive = confusion[label][label]
        predicted_as = sum(confusion[gold][label] for gold in ALL_LABELS)
        support = sum(confusion[label].values())
        precision = true_positive / predicted_as if predicted_as else 0.0
        recall = true_positive / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = LabelScore(precision, recall, f1, support)
    misclassified = [(item, label) for item, label in zip(items, predicted) if label != item.label]
    return Report(per_label, confusion, misclassified, len(items))


def format_report(report: Report) -> str:
    """Return the report as the plain-text tables `cxo eval` prints."""
    lines = [f"{'label':6} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}"]
    for label, score in report.per_label.items():
        lines.append(f"{label:6} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f} {score.support:8d}")
    lines.append(f"macro-F1 {report.macro_f1:.3f}   accuracy {report.accuracy:.3f}   items {report.total}")
    lines.append("")
    lines.append("confusion (rows: gold, columns: predicted)")
    lines.append("       " + "".join(f"{label:>6}" for label in ALL_LABELS))
    for gold in ALL_LABELS:
        lines.append(f"{gold:6} " + "".join(f"{report.confusion[gold][label]:6d}" for label in ALL_LABELS))
    if report.misclassified:
        lines.append("")
        lines.append(f"misclassified ({len(report.misclassified)})")
        for item, label in report.misclassified:
            lines.append(f"  {item.id}: gold {item.label}, got {label}: {item.text}")
    return "\n".join(lines)


@dataclass(frozen=True)
class SliceScore:
    """The figures of one slice of a labelled set: how many items, macro-F1 and accuracy."""

    name: str
    items: int
    macro_f1: float
    accuracy: float


def slices(classifier: Classifier, items: list[LabelledText]) -> list[SliceScore]:
    """Return the figures per slice: all, each language, category names masked, and acronym traps.

    `masked` is every item with the category names of its in-domain texts masked
    (masking.mask_category_names); `traps` counts the acronym traps (all NONE) read as NONE, so
    its macro-F1 is not meaningful and is given as the accuracy.
    """
    from .masking import mask_category_names

    predicted = {item.id: classifier.classify(item.text).label for item in items}
    groups: dict[str, list[LabelledText]] = {"all": items}
    for item in items:
        if "lang" in item.extra:
            groups.setdefault(f"lang {item.extra['lang']}", []).append(item)
    scores = [SliceScore(name, len(group), *_figures(group, [predicted[i.id] for i in group])) for name, group in groups.items()]
    masked = [replace(item, text=mask_category_names(item.text)) if item.label != NONE_LABEL else item for item in items]
    masked_labels = [classifier.classify(item.text).label if item.label != NONE_LABEL else predicted[item.id] for item in masked]
    scores.append(SliceScore("masked", len(items), *_figures(masked, masked_labels)))
    traps = [item for item in items if item.extra.get("trap")]
    if traps:
        right = sum(predicted[item.id] == NONE_LABEL for item in traps) / len(traps)
        scores.append(SliceScore("traps", len(traps), right, right))
    return scores


def _figures(items: list[LabelledText], predicted: list[str]) -> tuple[float, float]:
    report = _report(items, predicted)
    return report.macro_f1, report.accuracy


def format_slices(scores: list[SliceScore]) -> str:
    """Return the slice figures as the table `cxo eval` prints first."""
    lines = [f"{'slice':14} {'items':>6} {'macro-F1':>9} {'accuracy':>9}"]
    lines += [f"{s.name:14} {s.items:6d} {s.macro_f1:9.3f} {s.accuracy:9.3f}" for s in scores]
    return "\n".join(lines)
