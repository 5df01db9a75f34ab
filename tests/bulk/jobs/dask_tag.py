"""Tag a Parquet dataset with Dask: the README's example, run by the tests on a local process pool.

    python dask_tag.py VENDORS.parquet TAGGED_DIR [TEXT_COLUMN]

map_partitions runs tag_frame on every partition in the worker processes; each builds the
classifier once, on first use. meta is tag_frame of the empty frame, so no classifier is built
to find out the output's columns.
"""

import sys

import dask
import dask.dataframe as dd

from glossary_api.bulk import tag_frame


def main(source: str, target: str, column: str = "description") -> None:
    vendors = dd.read_parquet(source)
    tagged = vendors.map_partitions(tag_frame, [column], meta=tag_frame(vendors._meta, [column]))
    with dask.config.set(scheduler="processes", num_workers=2):
        tagged.to_parquet(target, write_index=False)


if __name__ == "__main__":
    main(*sys.argv[1:])
