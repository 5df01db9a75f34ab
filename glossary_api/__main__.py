"""`python -m glossary_api` runs the `cxo` command."""

from .cli import main

main()
