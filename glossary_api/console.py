"""The `cxo` console script's entry point: a Ctrl-C while the command starts ends it as a later one does.

The CLI turns a Ctrl-C into `Interrupted.` and exit status 130, but only once its modules (click,
the classifier's) are imported, which takes a few tenths of a second; this module imports nothing
of its own, so it catches one that comes while they load. The package itself imports nothing
until a name is used (glossary_api/__init__.py), so the window before this runs is Python's own.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Import and run the `cxo` command; a Ctrl-C before its handler exists prints `Interrupted.` and exits 130."""
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        raise SystemExit(130) from None
    run()
