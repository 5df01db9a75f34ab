"""`python -m glossary_api` runs the `cxo` command."""

from .console import main

main()
