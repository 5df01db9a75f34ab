"""The `cxo` command: a thin face over the core. Errors of the core become one-line messages here, once.

Commands live beside this module, by subject: glossary.py (serve, lookup, search, classify,
eval, train), tag.py (bulk tagging), termbase.py (export, import, check), translation.py
(check-translation). Each takes a LazyCore (lazy_core.py) that builds the glossary or
classifier on first use.
"""

from __future__ import annotations

import contextlib
import os
import sys

import click

from ..errors import CXOError
from ..extras import MissingExtra
from . import glossary, tag, termbase, translation


class CannotServe(click.ClickException):
    """A command line this install cannot serve: a usage error (as click's, exit status 2) or a feature whose extra is missing."""

    exit_code = 2


class CoreErrorsAsMessages(click.Group):
    """A click group that turns the core's errors and file errors into `Error: <one line>`, exit status 1.

    A missing extra exits 2, its message naming the command: `cxo tag needs the bulk extra for ...`.
    A usage error exits 2 too, in one line instead of click's usage block: `Error: cxo tag: Missing
    option '--text-column' / '-t'. (cxo tag --help)`. A reader that goes away (`| head`) ends the
    command quietly with 141, as SIGPIPE would; a Ctrl-C with `Interrupted.` and 130, as a shell
    reports it (click's `Aborted!` and 1 would read as check-translation's "issues found").
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:  # cxo's own options
            raise _usage_message(error, ctx) from None

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # a command's options and arguments, or no such command
            raise _usage_message(error, ctx) from None
        except MissingExtra as error:
            raise CannotServe(error.message(f"cxo {ctx.invoked_subcommand}")) from None
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(141)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except (CXOError, OSError) as error:  # OSError: a file that cannot be read or written
            raise click.ClickException(str(error)) from None


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so Python's flush of it on exit raises no second BrokenPipeError (Python's recipe)."""
    with contextlib.suppress(OSError, ValueError):  # no file descriptor: a test's captured output
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _usage_message(error: click.UsageError, ctx: click.Context) -> click.ClickException:
    if isinstance(error, click.exceptions.NoArgsIsHelpError):  # `cxo` alone: the help, as asked
        return error
    command = (error.ctx or ctx).command_path
    message = " ".join(error.format_message().split())  # one line: click lists a missing option's choices one per line
    return CannotServe(f"{command}: {message} ({command} --help)")


@click.group(name="cxo", cls=CoreErrorsAsMessages)
@click.version_option(package_name="cxo-glossary")
def cli() -> None:
    """Bilingual glossary and classifier for the pharmaceutical outsourcing (CXO) sector."""


for module in (glossary, tag, termbase, translation):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    """Run the `cxo` command (the console script's entry point)."""
    cli()
