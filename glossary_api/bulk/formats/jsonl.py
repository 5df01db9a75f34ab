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

LOOK_AHEAD = 100  # lines that are no JSON object, at the start, before a file is taken for something else (a CSV)


class JsonLinesReader(Reader):
    """One JSON object per line; the keys of every object are the columns, and a row may leave any out.

    Exports often omit a null field, so a key missing from a row is a missing value there, and a
    column is missing only when no row has it: the columns start as the first object's keys, and
    check_columns reads on through the file until a row has each key asked for.
    """

    format = "jsonl"
    unit = "B"

    def __init__(self, path: Path, encoding: str | None) -> None:
        self.path = path
        self.encoding = encoding or DEFAULT_ENCODING
        check_encoding(path, self.encoding)
        self.total = path.stat().st_size
        self.columns = []
        self.lines: dict[str, int] = {}  # the line each key was first seen on
        self.empty = True  # until an object is read: a file of none (an export of no rows) has nothing to tag and no column to miss
        with path.open("rb") as file:
            lines = Lines(file, path, self.encoding, 0, 0)
            bad, first_bad = 0, None  # lines before the first object: the run reports them (--on-error), with their lines
            for text in lines:
                if text.strip():
                    row = _json_object(text)
                    if isinstance(row, dict):
                        self.columns, self.empty = list(row), False
                        self.lines = dict.fromkeys(row, lines.line)
                        break
                    bad, first_bad = bad + 1, first_bad or BadRow(lines.line, row.reason)
                    if bad == LOOK_AHEAD:
                        break
            if first_bad and self.empty:
                read = "no line" if bad < LOOK_AHEAD else f"none of the first {LOOK_AHEAD} lines"
                raise BulkInputError(f"{path}: {read} is a JSON object (line {first_bad.line} is {first_bad.reason}); is this a JSON Lines file?")
            self._unread: dict | None = None if self.empty else lines.position()[0]  # where the keys not yet seen start; None at the end

    def check_columns(self, wanted: Sequence[str], what: str) -> None:
        """Raise BulkInputError unless some row has each wanted key (a file of no rows has every key); reads on only for keys not seen yet."""
        if self.empty:
            return
        missing = {name for name in wanted if name not in self.columns}
        if missing and self._unread is not None:
            with self.path.open("rb") as file:
                file.seek(self._unread["offset"])
                lines = Lines(file, self.path, self.encoding, self._unread["offset"], self._unread["line"])
                self._unread = None
                for text in lines:
                    lines.take()
                    row = _json_object(text) if text.strip() else None
                    if isinstance(row, dict):  # a bad row is the run's to report, with its line
                        self.columns.extend(key for key in row if key not in self.columns)
                        self.lines.update((key, lines.line) for key in row if key not in self.lines)
                        missing.difference_update(row)
                        if not missing:
                            self._unread = lines.position()[0]
                            break
        column_indices(self.columns, wanted, what)

    def line_of(self, column: str) -> int | None:
        return self.lines.get(column)

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        self.check_columns(text_columns, "text column")
        added = frozenset(self.added)

        def entries(lines: Lines) -> Iterator[Entry]:
            for text in lines:
                raw = lines.take()
                if not text.strip():
                    yield raw, None, False
                    continue
                row = _json_object(text)
                if isinstance(row, BadRow):
                    yield BadRow(lines.line, row.reason)
                    continue
                if not added.isdisjoint(row):  # its own cxo_* value would be shadowed by the one added
                    clash = next(name for name in self.added if name in row)
                    raise BulkInputError(f"{self.path}: line {lines.line} already has a key {clash!r}; tag the untagged file, or choose other --columns.")
                yield raw, row_text([row.get(name) for name in text_columns]), True

        return read_chunks(self.path, self.encoding, resume, {"offset": 0, "line": 0}, entries, size, number)


def _json_object(text: str) -> dict | BadRow:
    try:
        row = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as error:
        return BadRow(0, f"not valid JSON ({error.msg.removesuffix(' at')} at column {error.colno})")  # "starting at", said once
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
