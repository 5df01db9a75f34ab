"""Tagging on a cluster: pandas in, pandas out, the classifier built lazily once per worker process.

Spark (an iterator pandas UDF) and Dask (map_partitions) ship these functions to their workers by
reference. The classifier, jieba tokenizer included, is built in each worker process the first
time it is needed, from the CXO_* settings there, and is never pickled or broadcast. Each entry
point needs pandas (the cluster extra) and says so when it is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..classifier import Classifier
from ..errors import BulkInputError
from ..extras import require
from .jobs import COLUMNS, ClassifierSpec, Tag, cell_text, classifier_for, row_text, tag_text

if TYPE_CHECKING:
    import pandas as pd


@cache
def _classifier() -> Classifier:
    return classifier_for(ClassifierSpec.from_settings())


@lru_cache(maxsize=65_536)
def _tag(text: str) -> Tag:
    """Return the tag of text; repeated texts in a worker are classified once (while they stay cached)."""
    return tag_text(_classifier(), text)


def tag(texts: Iterable[object] | pd.Series, columns: Sequence[str] = COLUMNS) -> list[Tag] | pd.DataFrame:
    """Return the tags of texts: for a pandas Series a DataFrame of the cxo_* columns on its index, else a list of Tag."""
    pd = require("pandas", "glossary_api.bulk.tag")

    if isinstance(texts, pd.Series):
        return _frame([_tag(text) for text in _texts(texts)], texts.index, columns)
    return [_tag(cell_text(text)) for text in texts]


def tag_frame(frame: pd.DataFrame, text_columns: Sequence[str], columns: Sequence[str] = COLUMNS) -> pd.DataFrame:
    """Return frame with the cxo_* columns added: for Dask's map_partitions (an empty frame gives its meta).

    A frame that already has one of them raises BulkInputError, as `cxo tag` refuses such an input:
    its own values would be replaced.
    """
    require("pandas", "glossary_api.bulk.tag_frame")
    clash = [name for name in columns if name in frame.columns]
    if clash:
        raise BulkInputError(f"the frame already has a column {clash[0]!r}; tag the untagged frame, or choose other columns.")
    texts = [row_text(values) for values in zip(*(_texts(frame[name]) for name in text_columns))]
    tags = _frame([_tag(text) for text in texts], frame.index, columns)
    return frame.assign(**{name: tags[name] for name in columns})


def tag_batches(batches: Iterable[pd.Series | tuple[pd.Series, ...]], columns: Sequence[str] = COLUMNS) -> Iterator[pd.DataFrame]:
    """Yield the cxo_* columns of each batch of texts (a Series, or a tuple of Series to join): a Spark iterator UDF's body."""
    require("pandas", "glossary_api.bulk.tag_batches")
    for batch in batches:
        if isinstance(batch, tuple):
            texts = [row_text(values) for values in zip(*(_texts(series) for series in batch))]
            index = batch[0].index
        else:
            texts, index = _texts(batch), batch.index
        yield _frame([_tag(text) for text in texts], index, columns)


def _texts(series: pd.Series) -> list[str]:
    """Return a Series' cells as texts, every kind of missing value ('', None, NaN, NA) as ''."""
    return [cell_text(value) for value in series.astype(object).where(series.notna(), None).tolist()]


def _frame(tags: list[Tag], index: pd.Index, columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    flat = [t.flat() for t in tags]
    return pd.DataFrame({name: pd.Series([row[name] for row in flat], index=index, dtype="string") for name in columns}, index=index)
