"""Tag a Parquet dataset with PySpark: the README's example, run by the tests on a local cluster.

    python spark_tag.py VENDORS.parquet TAGGED_DIR [TEXT_COLUMN]

The UDF is an iterator pandas UDF: each Python worker builds the classifier once, on first use,
and keeps it for every batch of every partition it is given.
"""

import sys
from collections.abc import Iterator

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf
from pyspark.sql.types import StringType, StructField, StructType

from glossary_api.bulk import COLUMNS, tag_batches


@pandas_udf(StructType([StructField(name, StringType()) for name in COLUMNS]))
def cxo(texts: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:
    yield from tag_batches(texts)


def main(source: str, target: str, column: str = "description") -> None:
    spark = SparkSession.builder.master("local[2]").appName("cxo-tag").getOrCreate()
    vendors = spark.read.parquet(source)
    tagged = vendors.withColumn("cxo", cxo(column)).select(*vendors.columns, "cxo.*")
    tagged.write.mode("overwrite").parquet(target)
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:])
