"""Text formats read as raw lines (CSV, TSV, JSON Lines): exact bytes kept, the cxo_* cells spliced in.

Each row keeps its raw bytes for the output, and a resumed run seeks straight to the byte after
the last completed chunk: the resume position is {"offset": byte, "line": number}. The writer
appends to one part file; its checkpoint is the file's length, {"size": bytes}.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ...errors import BulkInputError, BulkOptionError
from .base import Chunk, Entry, chunked

DEFAULT_ENCODING = "utf-8-sig"  # UTF-8, with or without a byte order mark
_CHECK_BYTES = 1 << 16  # decoded up front, so a wrong encoding fails before anything is written


def describe_encoding(encoding: str) -> str:
    """Return an encoding's name as a message shows it."""
    return "UTF-8 (with or without BOM)" if codecs.lookup(encoding).name == "utf-8-sig" else encoding


def body_encoding(encoding: str) -> str:
    """Return the encoding of a file's text past its first bytes: a UTF-8 BOM is only special there."""
    return "utf-8" if codecs.lookup(encoding).name == "utf-8-sig" else encoding


class Lines:
    """Lines of a binary file, decoded one by one; keeps their raw bytes, the byte offset and line number."""

    def __init__(self, file: BinaryIO, path: Path, encoding: str, offset: int, line: int) -> None:
        self.file, self.path, self.offset, self.line = file, path, offset, line
        self.declared = encoding  # as given; at offset 0 it may consume a byte order mark
        self.body = body_encoding(encoding)
        self.pending: list[bytes] = []

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        raw = self.file.readline()
        if not raw:
            raise StopIteration
        self.pending.append(raw)
        encoding = self.declared if self.offset == 0 else self.body
        self.offset += len(raw)
        self.line += 1
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise _decode_error(self.path, self.line, self.declared, error) from None

    def take(self) -> bytes:
        """Return the raw bytes read since the last take()."""
        raw = self.pending[0] if len(self.pending) == 1 else b"".join(self.pending)
        self.pending.clear()
        return raw

    def position(self) -> tuple[dict, int]:
        """Return where a resumed run starts reading, and the progress in bytes."""
        return {"offset": self.offset, "line": self.line}, self.offset


def read_chunks(path: Path, encoding: str, resume: dict | None, start: dict, entries: Callable[[Lines], Iterator[Entry]], size: int, number: int) -> Iterator[Chunk]:
    """Yield the chunks of path from resume (or start), each line parsed by entries()."""
    position = resume or start
    with path.open("rb") as file:
        file.seek(position["offset"])
        lines = Lines(file, path, encoding, position["offset"], position["line"])
        yield from chunked(entries(lines), size, number, lines.position)


def _decode_error(path: Path, line: int, encoding: str, error: UnicodeDecodeError) -> BulkInputError:
    return BulkInputError(
        f"{path}: line {line} is not {describe_encoding(encoding)} ({error.reason}); "
        "give the file's encoding with --encoding, e.g. --encoding gb18030 for a Chinese Excel export."
    )


def check_encoding(path: Path, encoding: str) -> None:
    """Raise BulkInputError when encoding is unknown, unsuitable, or wrong for the file's first bytes."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
        if not getattr(codecs.lookup(encoding), "_is_text_encoding", True):  # hex, base64, zlib, rot13: bytes to bytes
            raise LookupError
    except LookupError:
        raise BulkOptionError(f"--encoding: unknown encoding {encoding!r}; try utf-8, utf-8-sig or gb18030.") from None
    if '\n,\t"{}'.encode(body_encoding(encoding)) != b'\n,\t"{}':
        raise BulkOptionError(f"--encoding: {encoding!r} is not supported: line ends and delimiters must be single ASCII bytes.")
    with path.open("rb") as file:
        head = file.read(_CHECK_BYTES)
    try:
        decoder.decode(head, final=len(head) < _CHECK_BYTES)
    except UnicodeDecodeError as error:
        raise _decode_error(path, head[: error.start].count(b"\n") + 1, encoding, error) from None


class LineWriter:
    """Appends records, each with its cells spliced in, to one part file; a checkpoint is the file's length."""

    def __init__(self, part: Path, splice: Callable[[bytes, bytes], bytes], header: bytes, resume: dict | None) -> None:
        self.part, self.splice = part, splice
        if resume:
            self.file = part.open("r+b")
            self.file.truncate(resume["size"])
            self.file.seek(resume["size"])
        else:
            self.file = part.open("wb")
            self.file.write(header)

    def write(self, chunk: Chunk, cells: list) -> None:
        splice = self.splice
        self.file.write(b"".join(raw if added is None else splice(raw, added) for raw, added in zip(chunk.records, cells)))

    def checkpoint(self) -> dict:
        """Make what is written durable and return where a resumed run picks up."""
        self.file.flush()
        os.fsync(self.file.fileno())
        return {"size": self.file.tell()}

    def finish(self, target: Path) -> None:
        """Close the part file and rename it to target."""
        self.checkpoint()
        self.file.close()
        os.replace(self.part, target)

    def close(self) -> None:
        self.file.close()
