"""`cxo tag`: bulk tagging of files and SQL tables; glossary_api.bulk does the work."""

from __future__ import annotations

import errno
import signal
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from ..bulk.formats import FORMATS  # light: pandas, pyarrow and SQLAlchemy load only when used
from ..errors import BulkOptionError
from .lazy_core import LazyCore, pass_core


def _added_columns(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    """Parse --columns: names from label, labels, confidence, evidence, with or without the cxo_ prefix."""
    from ..bulk import COLUMNS

    if value is None:  # not given; given empty ("" from an unset shell variable) is no choice, and said so below
        return COLUMNS
    names = [name.strip() for name in value.split(",") if name.strip()]
    chosen = tuple(name if name.startswith("cxo_") else f"cxo_{name}" for name in names)
    unknown = [name for name in chosen if name not in COLUMNS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(c[4:] for c in COLUMNS)}, comma-separated.")
    return tuple(name for name in COLUMNS if name in chosen)


@click.command()
@click.argument("input_path", metavar="[INPUT]", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--text-column", "-t", "text_columns", multiple=True, required=True, metavar="COL", help="Column with the text to classify; repeat to join several.")
@click.option("--id-column", metavar="COL", help="Column identifying each row; required with --db.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write, in the input's format.")
@click.option("--format", "input_format", type=click.Choice(list(FORMATS)), help="Input format when the extension does not say.")
@click.option("--encoding", metavar="NAME", help="Encoding of a CSV, TSV or JSON Lines input, e.g. gb18030.  [default: UTF-8, with or without BOM]")
@click.option("--columns", "added", callback=_added_columns, metavar="LIST", help="Columns to add, of label,labels,confidence,evidence.  [default: all four]")
@click.option("--db", "db_url", metavar="URL", help="Tag a table of this database: sqlite:///vendors.db, postgresql://user@host/db, ...")
@click.option("--table", metavar="NAME", help="The table to tag, with --db: table or schema.table.")
@click.option("--results-table", metavar="NAME", help="Table the results go to: table or schema.table.  [default: <table>_cxo]")
@click.option("--in-place", is_flag=True, help="Add the cxo_* columns to the table itself instead.")
@click.option("--jobs", "-j", type=click.IntRange(1, 512), help="Processes that classify, at most: this one and N-1 workers; never more than the cores, nor than the input needs.  [default: all cores]")
@click.option("--chunk-size", default=5_000, show_default=True, type=click.IntRange(1, 1_000_000), help="Rows per checkpoint (files) or transaction (tables).")
@click.option("--resume", is_flag=True, help="Carry on with an interrupted run from its last completed chunk.")
@click.option("--force", is_flag=True, help="Overwrite an existing output, or start an interrupted run over.")
@click.option("--on-error", type=click.Choice(["fail", "skip"]), default="fail", show_default=True, help="A malformed row of a file stops the run, or is left out and reported; not with --db.")
@click.option("--quiet", "-q", is_flag=True, help="Show no progress and no summary.")
@pass_core
def tag(
    core: LazyCore,
    input_path: Path | None,
    text_columns: tuple[str, ...],
    id_column: str | None,
    output: Path | None,
    input_format: str | None,
    encoding: str | None,
    added: tuple[str, ...],
    db_url: str | None,
    table: str | None,
    results_table: str | None,
    in_place: bool,
    jobs: int | None,
    chunk_size: int,
    resume: bool,
    force: bool,
    on_error: str,
    quiet: bool,
) -> None:
    """Tag every row of INPUT (CSV, TSV, JSON Lines, .xlsx, Parquet) or of a SQL table CRO/CMO/CDMO/CSO/NONE.

    \b
    The output is the input, rows and columns unchanged, plus cxo_label, cxo_labels, cxo_confidence
    and cxo_evidence. A table's results go to <table>_cxo, keyed by --id-column, or to new
    columns of the table with --in-place. An interrupted run carries on with --resume.
    \b
      cxo tag vendors.csv -t name -t services --output vendors.tagged.csv
      cxo tag --db sqlite:///vendors.db --table vendors -t description --id-column id
    """
    from ..bulk import ClassifierSpec, FileJob, TableJob, tag_file, tag_table
    from ..bulk.workers import usable_cores
    from .progress import progress_for

    spec = ClassifierSpec.from_settings(core.settings)
    jobs = jobs or usable_cores()  # the runner starts no more than the cores and the input's batches
    progress = progress_for(sys.stderr, quiet)
    hooks = {"on_chunk": progress and progress.update, "on_start": progress and progress.start}
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the run as Ctrl-C does
    try:
        if db_url:
            if input_path or output:
                raise click.UsageError("give either INPUT and --output, or --db and --table, not both.")
            if not table or not id_column:
                raise click.UsageError("--db needs --table and --id-column.")
            if in_place and results_table:
                raise click.UsageError("--in-place and --results-table do not go together: --in-place adds the columns to --table itself.")
            if input_format or encoding:
                raise click.UsageError("--format and --encoding go with a file INPUT, not --db.")
            _refuse_on_error_with_db()
            job = TableJob(db_url, table, text_columns, id_column, added, results_table, in_place, chunk_size)
            summary = tag_table(job, spec, jobs=jobs, resume=resume, force=force, **hooks)
        else:
            if not input_path or not output:
                raise click.UsageError("give INPUT and --output (or --db and --table to tag a SQL table).")
            if table or results_table or in_place:
                raise click.UsageError("--table, --results-table and --in-place go with --db.")
            if str(output) == "-":
                raise click.UsageError("--output -: cxo tag writes a file, which an interrupted run resumes; give its path.")
            job = FileJob(input_path, output, text_columns, id_column, added, input_format, encoding, on_error, chunk_size)
            summary = tag_file(job, spec, jobs=jobs, resume=resume, force=force, on_bad_row=_bad_row_reporter(), **hooks)
    except BulkOptionError as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:  # a full disk, a file gone mid-way: what is done so far is kept
        writing = error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)  # a write to an open file names none: the output's
        where = error.filename or (output if writing else None)
        where = f" ({where})" if where else ""
        raise click.ClickException(f"{error.strerror or error}{where}. Once that is fixed, run the same command with --resume to carry on.") from None
    except KeyboardInterrupt:
        if progress:
            progress.close()
        click.echo("\nInterrupted. Run the same command with --resume to carry on from the last completed chunk.", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if progress:
            progress.close()
    if not quiet:
        click.echo("\n".join(summary.describe()), err=True)


def _refuse_on_error_with_db() -> None:
    """Refuse an --on-error the user gave with --db, as a usage error: a table has no malformed rows to
    skip (a row that cannot be tagged stops the run with its id), so the option would be silently ignored."""
    ctx = click.get_current_context()
    if ctx.get_parameter_source("on_error") not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
        raise click.UsageError("--on-error goes with a file INPUT, not --db: a table has no malformed rows to skip.", ctx)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _bad_row_reporter(limit: int = 20):  # returns the callback that reports a bad row
    """Return a callback printing the first `limit` malformed rows to stderr; the summary counts them all."""
    shown = 0

    def report(bad) -> None:  # bad: glossary_api.bulk.formats.BadRow
        nonlocal shown
        shown += 1
        if shown <= limit:
            click.echo(f"Warning: {bad.where}: {bad.reason}; left out.", err=True)
        elif shown == limit + 1:
            click.echo("Warning: more malformed rows left out; the summary counts them.", err=True)

    return report


COMMANDS = (tag,)
