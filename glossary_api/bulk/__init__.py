"""Bulk tagging: every row of a file or SQL table labelled CRO, CMO, CDMO, CSO or NONE.

Readers stream rows in chunks, worker processes (each with its own classifier) tag them, writers
add the cxo_* columns in input order, and a checkpoint after every chunk lets an interrupted run
resume. Nothing here imports Flask; pandas, pyarrow, openpyxl and SQLAlchemy load when used.
"""

from __future__ import annotations

from .cluster import tag, tag_batches, tag_frame
from .files import tag_file, work_folder
from .formats import FORMATS
from .jobs import COLUMNS, ClassifierSpec, FileJob, TableJob, Tag, row_text
from .runner import Summary
from .sql import tag_table

__all__ = [
    "COLUMNS",
    "FORMATS",
    "ClassifierSpec",
    "FileJob",
    "Summary",
    "TableJob",
    "Tag",
    "row_text",
    "tag",
    "tag_batches",
    "tag_file",
    "tag_frame",
    "tag_table",
    "work_folder",
]
