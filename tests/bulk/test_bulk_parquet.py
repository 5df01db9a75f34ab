"""`cxo tag` on Parquet: the schema metadata other tools read the file by lists the added columns."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

SPARK = b"org.apache.spark.sql.parquet.row.metadata"


def test_spark_and_pandas_column_lists_name_the_added_columns(cxo_tag, tmp_path):
    spark = {"type": "struct", "fields": [{"name": n, "type": t, "nullable": True, "metadata": {}} for n, t in (("id", "long"), ("description", "string"))]}
    pandas = {"index_columns": [], "columns": [{"name": "id", "field_name": "id", "pandas_type": "int64", "numpy_type": "int64", "metadata": None}]}
    metadata = {b"org.apache.spark.version": b"4.3.0", SPARK: json.dumps(spark).encode(), b"pandas": json.dumps(pandas).encode()}
    table = pa.table({"id": [1, 2], "description": ["CRO services", "GMP manufacturing"]}).replace_schema_metadata(metadata)
    pq.write_table(table, tmp_path / "v.parquet")
    result = cxo_tag(tmp_path / "v.parquet", "-t", "description", "-o", tmp_path / "out.parquet", "-j", 1, "--columns", "label,evidence")
    assert result.exit_code == 0, result.output
    written = pq.read_schema(tmp_path / "out.parquet")
    assert written.names == ["id", "description", "cxo_label", "cxo_evidence"]
    assert written.metadata[b"org.apache.spark.version"] == b"4.3.0"  # what is still true is kept
    fields = json.loads(written.metadata[SPARK])["fields"]
    assert [(f["name"], f["type"]) for f in fields] == [("id", "long"), ("description", "string"), ("cxo_label", "string"), ("cxo_evidence", "string")]
    columns = json.loads(written.metadata[b"pandas"])["columns"]
    assert [(c["name"], c["pandas_type"]) for c in columns] == [("id", "int64"), ("cxo_label", "unicode"), ("cxo_evidence", "unicode")]


def test_a_column_list_that_cannot_be_read_is_dropped_not_left_stale(cxo_tag, tmp_path):
    table = pa.table({"id": [1], "description": ["CRO services"]}).replace_schema_metadata({SPARK: b"not json", b"mine": b"kept"})
    pq.write_table(table, tmp_path / "v.parquet")
    assert cxo_tag(tmp_path / "v.parquet", "-t", "description", "-o", tmp_path / "out.parquet", "-j", 1).exit_code == 0
    assert pq.read_schema(tmp_path / "out.parquet").metadata == {b"mine": b"kept"}
