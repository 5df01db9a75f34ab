"""glossary_api.bulk on a cluster: pandas in and out here; PySpark and Dask jobs on local clusters (slow).

They need the cluster extra (`pip install -e '.[test-cluster]'`); without it they are skipped,
saying so, except under CI=true, where they fail, so CI cannot pass without them.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossary_api.extras import OPTIONAL_MODULES


def needs(module: str) -> None:
    """Skip the test (or this module) when module, or Java for PySpark, is missing; fail instead under CI=true."""
    reason = None
    if importlib.util.find_spec(module) is None:
        reason = f"{module} is not installed (the {OPTIONAL_MODULES[module].extra} extra): pip install -e '.[test-cluster]'"
    elif module == "pyspark" and not _java():
        reason = "PySpark needs Java 17: install it (Debian: openjdk-17-jre-headless) or set JAVA_HOME"
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def _java() -> str | None:
    """Return the java PySpark would start: JAVA_HOME's, else the one on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    return shutil.which("java", path=os.pathsep.join(filter(None, [java_home and os.path.join(java_home, "bin"), os.environ.get("PATH")])))


needs("pandas")

import pandas as pd  # imported after the check that says why it is missing

from glossary_api.bulk import Tag, row_text, tag, tag_batches, tag_frame
from glossary_api.errors import BulkInputError

from .tables import ADDED, JOBS, expected_label, write_rows


def test_a_series_gets_a_frame_of_tag_columns_on_its_index(vendors, classifier):
    texts = pd.Series([row["description"] or None for row in vendors], index=[f"v{n}" for n in range(len(vendors))])
    tagged = tag(texts)
    assert list(tagged.columns) == ADDED
    assert list(tagged.index) == list(texts.index)
    assert list(tagged["cxo_label"]) == [expected_label(classifier, row["description"]) for row in vendors]


def test_an_iterable_of_texts_gets_tags(classifier):
    tags = tag(["合同生产 API manufacturing", None, float("nan")])
    assert all(isinstance(t, Tag) for t in tags)
    assert [t.label for t in tags] == [classifier.classify("合同生产 API manufacturing").label, "NONE", "NONE"]


def test_tag_frame_adds_the_columns_and_an_empty_frame_is_its_meta(vendors, classifier):
    frame = pd.DataFrame(vendors[:5])
    tagged = tag_frame(frame, ["name", "description"])
    assert list(tagged.columns) == [*frame.columns, *ADDED]
    pd.testing.assert_frame_equal(tagged[frame.columns], frame)
    joined = [row_text([row["name"], row["description"]]) for row in vendors[:5]]
    assert list(tagged["cxo_label"]) == [classifier.classify(text).label for text in joined]
    meta = tag_frame(frame.iloc[:0], ["description"])
    assert list(meta.columns) == list(tagged.columns) and len(meta) == 0
    assert list(meta.dtypes[ADDED]) == list(tagged.dtypes[ADDED])


def test_tag_frame_refuses_a_frame_that_has_a_column_it_adds():
    frame = pd.DataFrame({"description": ["CRO services"], "cxo_label": ["mine"]})
    with pytest.raises(BulkInputError, match=r"^the frame already has a column 'cxo_label'; tag the untagged frame, or choose other columns\.$"):
        tag_frame(frame, ["description"])
    assert list(frame["cxo_label"]) == ["mine"]
    assert list(tag_frame(frame, ["description"], columns=["cxo_evidence"])["cxo_label"]) == ["mine"]


def test_tag_batches_is_the_body_of_an_iterator_udf(vendors, classifier):
    names = pd.Series([row["name"] for row in vendors[:4]])
    texts = pd.Series([row["description"] for row in vendors[:4]])
    single, joined = tag_batches([texts, (names, texts)])
    assert list(single["cxo_label"]) == [classifier.classify(t).label for t in texts]
    assert list(joined["cxo_label"]) == [classifier.classify(row_text(pair)).label for pair in zip(names, texts)]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, vendors):
    """A Parquet dataset of three files, the same rows in one file, and that file tagged by `cxo tag`."""
    folder = tmp_path_factory.mktemp("cluster")
    whole = write_rows(folder / "vendors.parquet", vendors)
    (folder / "dataset").mkdir()
    for part in range(3):
        write_rows(folder / "dataset" / f"part-{part}.parquet", vendors[part::3])
    done = subprocess.run(
        [sys.executable, "-m", "glossary_api", "tag", str(whole), "-t", "description", "-o", str(folder / "tagged.parquet"), "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    expected = pd.read_parquet(folder / "tagged.parquet").set_index("id").sort_index()
    return folder, expected


@pytest.mark.slow
@pytest.mark.parametrize("job", ["spark_tag.py", "dask_tag.py"])
def test_cluster_jobs_label_as_cxo_tag_does(job, dataset):
    needs({"spark_tag.py": "pyspark", "dask_tag.py": "dask"}[job])
    folder, expected = dataset
    target = folder / f"out-{Path(job).stem}"
    environment = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run([sys.executable, str(JOBS / job), str(folder / "dataset"), str(target)], capture_output=True, text=True, env=environment)
    assert done.returncode == 0, done.stderr[-3000:]
    tagged = pd.read_parquet(target).set_index("id").sort_index()
    assert len(tagged) == len(expected)
    pd.testing.assert_frame_equal(tagged[ADDED].astype(object), expected[ADDED].astype(object), check_names=False)
