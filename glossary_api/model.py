"""The learned weights: a table a person can read, applied in plain Python (no numpy, no scikit-learn).

terms/_weights.tsv holds one line per feature: its inverse document frequency and its weight for
each label. `cxo train` writes it from the labelled corpus (training.py); the header says how.
A text's feature counts become TF-IDF values, (1 + ln count) x idf, scaled to unit length; each
label's score is its bias plus the sum of weight x value; the scores divided by the temperature
(chosen on the dev split) go through a softmax to give a confidence per label.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, reduce
from itertools import compress, repeat
from operator import add, mul, ne
from pathlib import Path
from sys import intern

from .errors import GlossaryFileError
from .vocabulary import ALL_LABELS

WEIGHTS_FILE = "_weights.tsv"
BIAS = "=bias"  # the row of the labels' intercepts


@dataclass(frozen=True, slots=True)
class Weighing:
    """A text weighed: each label's score, and, for each weighted feature in text order, its value and what it added."""

    scores: tuple[float, ...]
    features: list[str]
    values: list[float]  # TF-IDF, scaled to unit length
    columns: list[list[float]]  # per label, aligned with features: weight x value

    def added(self, index: int) -> list[float]:
        """Return what features[index] added to each label's score."""
        return [column[index] for column in self.columns]


@dataclass(frozen=True)
class Model:
    """Per-feature idf and weights, per-label bias, and the calibration chosen on dev."""

    labels: tuple[str, ...]
    idf: dict[str, float]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per label, in `labels` order
    bias: tuple[float, ...]
    temperature: float = 1.0
    threshold: float = 0.5  # a text gets a label when its confidence of not being NONE is at least this
    settings: dict[str, str] = field(default_factory=dict)  # how it was trained (the file's header)

    def values(self, counts: dict[str, float]) -> dict[str, float]:
        """Return the TF-IDF value of each known feature of a text, scaled to unit length."""
        idf = self.idf
        raw = {f: (1.0 + math.log(c) if c != 1 else 1.0) * idf[f] for f, c in counts.items() if f in idf and c > 0}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {f: v / norm for f, v in raw.items()}

    @cached_property
    def every_feature_weighted(self) -> bool:
        """Return whether every feature with an idf has a weight (as training writes them: then none needs leaving out)."""
        return self.idf.keys() == self.weights.keys()

    @cached_property
    def peaks(self) -> dict[str, float]:
        """Return each weighted feature's largest weight in size (what the strength of its evidence is scaled from)."""
        return {f: max(max(row), -min(row)) for f, row in self.weights.items()}

    def weigh(self, counts: dict[str, float]) -> Weighing:
        """Return each label's score for a text's feature counts, and what each weighted feature added to them."""
        idf = self.idf
        if counts.keys() <= idf.keys():  # the classifier counts only known keywords: then every feature is known (a C check)
            features, tallies = list(counts), list(counts.values())
        else:
            features = [f for f in counts if f in idf]
            tallies = list(map(counts.__getitem__, features))
        raw = list(map(idf.__getitem__, features))  # (1 + ln 1) x idf = idf: most features occur once
        for i in compress(range(len(tallies)), map(ne, tallies, repeat(1))):
            raw[i] = (1.0 + math.log(tallies[i])) * raw[i]
        scale = 1.0 / (math.sqrt(sum(map(mul, raw, raw))) or 1.0)
        if not self.every_feature_weighted:  # a feature with an idf but no weight counts in the length only
            weighted = [i for i, f in enumerate(features) if f in self.weights]
            features, raw = [features[i] for i in weighted], [raw[i] for i in weighted]
        values = list(map(mul, raw, repeat(scale)))
        # the weight rows turned into one column per label, so that each label's weight x value products and their
        # sum (in text order, from the bias: the same sums as a row at a time) are C loops
        rows = map(self.weights.__getitem__, features)
        columns = [list(map(mul, weights, values)) for weights in zip(*rows)] or [[] for _ in self.labels]
        scores = tuple(reduce(add, column, bias) for column, bias in zip(columns, self.bias))
        return Weighing(scores, features, values, columns)

    def contributions(self, values: dict[str, float]) -> dict[str, tuple[float, ...]]:
        """Return what each feature adds to each label's score (features without weight left out)."""
        weights = self.weights
        return {f: tuple(w * v for w in weights[f]) for f, v in values.items() if f in weights}

    def scores(self, contributions: Iterable[tuple[float, ...]]) -> tuple[float, ...]:
        """Return each label's score: bias plus the contributions."""
        totals = list(self.bias)
        for added in contributions:
            for i, value in enumerate(added):
                totals[i] += value
        return tuple(totals)

    def confidence(self, scores: tuple[float, ...]) -> tuple[float, ...]:
        """Return the calibrated probability of each label (a softmax of the scores over the temperature)."""
        scaled = [s / self.temperature for s in scores]
        top = max(scaled)
        exps = [math.exp(s - top) for s in scaled]
        total = sum(exps)
        return tuple(e / total for e in exps)


def load_model(folder: Path) -> Model:
    """Return the model of folder's weights file; raise GlossaryFileError naming the line that is wrong."""
    path = folder / WEIGHTS_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise GlossaryFileError(f"{path}: no weights file; run `cxo train` to write it.") from None
    settings: dict[str, str] = {}
    rows = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep:
                settings[key.strip()] = value.strip()
        elif line.strip():
            rows.append((number, line.split("\t")))
    if not rows or rows[0][1][:2] != ["feature", "idf"]:
        raise GlossaryFileError(f"{path}: the first row must be the header 'feature, idf, <labels>'.")
    labels = tuple(rows[0][1][2:])
    if set(labels) != set(ALL_LABELS):
        raise GlossaryFileError(f"{path}: header labels {', '.join(labels)}; expected {', '.join(ALL_LABELS)}.")
    idf: dict[str, float] = {}
    weights: dict[str, tuple[float, ...]] = {}
    bias: tuple[float, ...] | None = None
    for number, cells in rows[1:]:
        try:
            if len(cells) != 2 + len(labels):
                raise ValueError(f"{len(cells)} cells where the header has {2 + len(labels)}")
            row = tuple(float(c) for c in cells[2:])
            if cells[0] == BIAS:
                bias = row
                continue
            feature = intern(cells[0])  # the keyword features worked out for the words of texts are these objects (features.py)
            idf[feature] = float(cells[1])
        except ValueError as error:
            raise GlossaryFileError(f"{path}, line {number}: {error}.") from None
        if any(row):
            weights[feature] = row
    if bias is None:
        raise GlossaryFileError(f"{path}: no {BIAS} row.")
    try:
        temperature = float(settings.pop("temperature", 1.0))
        threshold = float(settings.pop("threshold", 0.5))
    except ValueError as error:
        raise GlossaryFileError(f"{path}: header: {error}.") from None
    return Model(labels, idf, weights, bias, temperature, threshold, settings)


def write_model(model: Model, path: Path, header: Iterable[str] = ()) -> None:
    """Write model as a weights file: comment lines, the settings, the header row, then one row per feature."""
    lines = [f"# {line}" for line in header]
    lines += [f"# {key}: {value}" for key, value in model.settings.items() if key not in ("temperature", "threshold")]
    lines += [f"# temperature: {model.temperature:.4f}", f"# threshold: {model.threshold:.3f}"]
    lines.append("\t".join(("feature", "idf", *model.labels)))
    lines.append("\t".join((BIAS, "0", *(f"{b:.4f}" for b in model.bias))))
    for feature in sorted(model.idf):
        row = model.weights.get(feature, (0.0,) * len(model.labels))
        lines.append("\t".join((feature, f"{model.idf[feature]:.4f}", *(f"{w:.4f}" for w in row))))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
