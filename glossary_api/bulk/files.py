"""Tagging a file: checks first, then a work folder beside the output, renamed into place at the end.

The work folder (OUTPUT.cxo-work) holds the output written so far and state.json, rewritten after
every chunk: where reading resumes, what the writer has made durable, the counts so far, and what
the run was started with. An interrupted run leaves the folder; --resume carries on from its last
completed chunk and gives the same bytes as an uninterrupted run. The input is only ever read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from ..errors import BulkInputError, BulkOutputError, CXOError
from .formats import EXTENSIONS, FORMATS, BadRow, Chunk, Reader, format_of, open_reader
from .jobs import ClassifierSpec, FileJob
from .runner import Summary, run

STATE_VERSION = 1


def work_folder(output: Path) -> Path:
    """Return the folder an unfinished run on output keeps its progress in."""
    return output.with_name(output.name + ".cxo-work")


def prepare(job: FileJob) -> Reader:
    """Return the input's reader after every check that needs no output; raise on bad input."""
    fmt = format_of(job.input, job.format)
    named = EXTENSIONS.get(job.output.suffix.lower())
    # The output is written in the input's format; an extension that names another one is a mistake,
    # unless it is the input's own extension (a TSV file called .csv, read with --format tsv).
    if named not in (None, fmt) and job.output.suffix.lower() != job.input.suffix.lower():
        raise BulkInputError(f"the output is written as {fmt}, like the input, but {job.output.name} names {named}.")
    reader = open_reader(job.input, fmt, job.encoding)
    reader.check_columns(job.text_columns, "text column")
    if job.id_column:
        reader.check_columns([job.id_column], "id column")
    clash = [name for name in job.columns if name in reader.columns]
    if clash:
        line = reader.line_of(clash[0])
        where = f"{job.input}: line {line} already has a key" if line else f"{job.input} already has a column"
        raise BulkInputError(f"{where} {clash[0]!r}; tag the untagged file, or choose other --columns.")
    reader.added = job.columns
    if job.output.exists() and job.output.resolve() == job.input.resolve():
        raise BulkOutputError(f"{job.output} is the input; the input is never written to, choose another --output.")
    if job.output.is_symlink() or (job.output.exists() and not job.output.is_file()):  # os.replace would put a file in its place
        kind = "a link" if job.output.is_symlink() else "a folder" if job.output.is_dir() else "a device or pipe"  # a folder: from Python
        raise BulkOutputError(f"{job.output} is {kind}, not a file; the output is written whole and then moved into place, so give a file's path.")
    if not job.output.parent.is_dir():
        raise BulkOutputError(f"{job.output.parent}: no such folder for the output.")
    return reader


def tag_file(
    job: FileJob,
    spec: ClassifierSpec,
    *,
    jobs: int = 1,
    resume: bool = False,
    force: bool = False,
    on_chunk: Callable[[Chunk, Summary], None] | None = None,
    on_bad_row: Callable[[BadRow], None] | None = None,
    on_start: Callable[[int | None, str, int], None] | None = None,
) -> Summary:
    """Tag every row of job.input into job.output; return the summary.

    An existing output needs force. An unfinished run's folder needs resume (carry on) or force
    (start over). Bad input raises before anything is written; a run that fails on a bad row or
    encoding removes what it wrote; an interrupted run keeps it for --resume.
    """
    reader = prepare(job)
    folder = work_folder(job.output)
    if job.output.exists() and not force:
        raise BulkOutputError(f"{job.output} exists; add --force to overwrite it.")
    identity = _identity(job, spec)
    state = None
    if folder.exists():
        if resume:
            state = _load_state(folder, identity)  # None when the run died before its first checkpoint
        elif not force:
            raise BulkOutputError(f"{folder} holds an unfinished run; add --resume to carry on with it, or --force to start over.")
        if state is None:
            shutil.rmtree(folder)
    if on_start:
        on_start(reader.total, reader.unit, state["done"] if state else 0)
    fmt = FORMATS[reader.format]
    encoder = fmt.encoder(reader, job.columns)
    summary = Summary.from_state(state["summary"]) if state else Summary()
    try:
        folder.mkdir(exist_ok=True)
        writer = fmt.open_writer(folder, reader, job.columns, encoder, state and state["writer"])
        sink = _FileSink(folder, writer, identity)
        if state is None:
            sink.save({"chunks": 0, "done": 0, "reader": None, "writer": writer.checkpoint(), "summary": summary.as_state()})
    except OSError as error:
        raise BulkOutputError(f"cannot write to {folder}: {error.strerror or error}.") from None
    chunks = reader.chunks(job.text_columns, job.chunk_size, state and state["reader"], state["chunks"] if state else 0)
    try:
        run(chunks, sink, spec, encoder, jobs=jobs, summary=summary, on_error=job.on_error, on_chunk=on_chunk, on_bad_row=on_bad_row, source=job.input)
        writer.finish(folder / f"done{job.output.suffix}")
    except CXOError:
        writer.close()
        shutil.rmtree(folder, ignore_errors=True)  # bad input met mid-way: nothing is left behind
        raise
    except BaseException:
        writer.close()  # interrupted or crashed: the folder stays for --resume
        raise
    os.replace(folder / f"done{job.output.suffix}", job.output)
    shutil.rmtree(folder)
    return summary


class _FileSink:
    """Hands chunks to the writer, and after each one saves state.json, the run's checkpoint."""

    def __init__(self, folder: Path, writer, identity: dict) -> None:
        self.folder, self.writer, self.identity = folder, writer, identity

    def write(self, chunk: Chunk, cells: list) -> None:
        self.writer.write(chunk, cells)

    def commit(self, chunk: Chunk, summary: Summary) -> None:
        self.save(
            {
                "chunks": chunk.number + 1,
                "done": chunk.done,
                "reader": chunk.resume,
                "writer": self.writer.checkpoint(),
                "summary": summary.as_state(),
            }
        )

    def save(self, progress: dict) -> None:
        path = self.folder / "state.json"
        temporary = self.folder / "state.json.tmp"
        with temporary.open("w", encoding="utf-8") as file:
            json.dump({"version": STATE_VERSION, "identity": self.identity, **progress}, file, ensure_ascii=False, indent=1)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)


def _identity(job: FileJob, spec: ClassifierSpec) -> dict:
    """Return what must not change between a run and its resumption: input, options, glossary."""
    stat = job.input.stat()
    with job.input.open("rb") as file:
        head = hashlib.sha256(file.read(1 << 20)).hexdigest()
    options = {k: v for k, v in asdict(job).items() if k not in ("input", "output")}
    options["text_columns"], options["columns"] = list(job.text_columns), list(job.columns)
    return {
        "input": {"path": str(job.input.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "head": head},
        "options": options,
        "glossary": spec.fingerprint(),
    }


def _load_state(folder: Path, identity: dict) -> dict | None:
    """Return the saved state when it belongs to this very run; raise when it belongs to another."""
    try:
        state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # the run died before its first checkpoint: nothing to carry on from
    if state.get("version") != STATE_VERSION:
        return None
    saved = state["identity"]
    if saved["input"] != identity["input"]:
        raise BulkOutputError(f"{folder} was started on another input, or the input changed since; use --force to start over.")
    if saved["glossary"] != identity["glossary"]:
        raise BulkOutputError(f"the glossary changed since {folder} was started; use --force to start over.")
    changed = [name for name, value in identity["options"].items() if saved["options"].get(name) != value]
    if changed:
        raise BulkOutputError(f"{folder} was started with another {changed[0].replace('_', '-')}; resume with the same options, or use --force.")
    return state
