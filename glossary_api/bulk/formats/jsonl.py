"""JSON Lines: one JSON object per line; the cxo_* members go in before each object's closing brace."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...errors import BulkInputError
from ..jobs import Tag, row_text
from .base import BadRow, Chunk, Entry, Format, Reader, column_indices
from .lines import DEFAULT_ENCODING, Lines, LineWriter, body_encoding, check_encoding, read_chunks


class JsonLinesReader(Reader):
    """One JSON object per line; its keys are the columns (those of the first object are checked)."""

    format = "jsonl"
    unit = "B"

    def __init__(self, path: Path, encoding: str | None) -> None:
        self.path = path
        self.encoding = encoding or DEFAULT_ENCODING
        check_encoding(path, self.encoding)
        self.total = path.stat().st_size
        self.columns = []
        with path.open("rb") as file:
            for text in Lines(file, path, self.encoding, 0, 0):
                if text.strip():
                    row = _json_object(text)
                    if isinstance(row, BadRow):
                        raise BulkInputError(f"{path}: the first row is {row.reason}; is this a JSON Lines file?")
                    self.columns = list(row)
                    break
            else:
                raise BulkInputError(f"{path}: the file has no JSON object; a first row is needed to check the columns.")

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        column_indices(self.columns, text_columns, "text column")

        def entries(lines: Lines) -> Iterator[Entry]:
            for text in lines:
                raw = lines.take()
                if not text.strip():
                    yield raw, None, False
                    continue
                row = _json_object(text)
                if isinstance(row, BadRow):
                    yield BadRow(lines.line, row.reason)
                else:
                    yield raw, row_text([row.get(name) for name in text_columns]), True

        return read_chunks(self.path, self.encoding, resume, {"offset": 0, "line": 0}, entries, size, number)


def _json_object(text: str) -> dict | BadRow:
    try:
        row = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as error:
        return BadRow(0, f"not valid JSON ({error.msg} at column {error.colno})")
    return row if isinstance(row, dict) else BadRow(0, f"a JSON {type(row).__name__}, not an object")


@dataclass(frozen=True)
class JsonCells:
    """Encodes a tag as the `"key":value` members to splice into a JSON object."""

    columns: tuple[str, ...]
    encoding: str

    def __call__(self, tag: Tag) -> bytes:
        native = tag.native()
        members = (f"{json.dumps(name)}:{json.dumps(native[name], ensure_ascii=False, separators=(',', ':'))}" for name in self.columns)
        return ",".join(members).encode(self.encoding)


def splice_object(raw: bytes, members: bytes) -> bytes:
    """Return a JSON Lines record with members added before the object's closing brace."""
    body = raw.rstrip()
    inside = body[:-1]
    comma = b"" if inside.rstrip().endswith(b"{") else b","
    return inside + comma + members + b"}" + raw[len(body) :]


JSONL = Format(
    "jsonl",
    (".jsonl", ".ndjson"),
    JsonLinesReader,
    lambda reader, columns: JsonCells(columns, body_encoding(reader.encoding)),
    lambda folder, reader, columns, encoder, resume: LineWriter(folder / "part.jsonl", splice_object, b"", resume),
    takes_encoding=True,
)
