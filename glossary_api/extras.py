"""Which optional extra provides which feature: one table, and the one error for a missing extra.

The base install reads and writes CSV, TSV and JSON Lines (standard library) and Excel (openpyxl,
which the termbase export needs anyway). Everything else `cxo tag` and glossary_api.bulk can do
needs an extra; the table below is the only place that knows which. pyproject.toml's
[project.optional-dependencies] lists the packages; a test checks that the two agree.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from .errors import CXOError

DISTRIBUTION = "cxo-glossary"


@dataclass(frozen=True)
class OptionalModule:
    """A module an extra provides: the extra, the distribution that holds it, and what it is for."""

    extra: str
    distribution: str
    feature: str


# module imported -> the extra that installs it and what it gives (phrased to follow "needs ... for").
OPTIONAL_MODULES: dict[str, OptionalModule] = {
    "pyarrow": OptionalModule("bulk", "pyarrow", "Parquet files"),
    "sqlalchemy": OptionalModule("bulk", "SQLAlchemy", "SQL tables"),
    "psycopg": OptionalModule("bulk", "psycopg", "PostgreSQL tables"),
    "tqdm": OptionalModule("bulk", "tqdm", "a progress bar"),
    "pandas": OptionalModule("cluster", "pandas", "pandas data frames"),
    "pyspark": OptionalModule("cluster", "pyspark", "Spark"),
    "dask": OptionalModule("cluster", "dask", "Dask"),
    "translate": OptionalModule("translators", "translate-toolkit", "XLIFF and TMX files"),
    "sklearn": OptionalModule("train", "scikit-learn", "fitting the weights"),
}


class MissingExtra(CXOError, ImportError):
    """An optional feature was used without the extra that installs its module; the message says what to install."""

    def __init__(self, module: str, user: str = "glossary_api.bulk") -> None:
        self.module, self.optional = module, OPTIONAL_MODULES[module]
        super().__init__(self.message(user))

    def message(self, user: str) -> str:
        """Return the one-line message for user (a command or function): what it needs and the pip line."""
        extra = self.optional.extra
        return f"{user} needs the {extra} extra for {self.optional.feature}: pip install '{DISTRIBUTION}[{extra}]'"


def require(module: str, user: str = "glossary_api.bulk") -> ModuleType:
    """Return the optional module, imported; raise MissingExtra naming its extra when it is not installed."""
    top = module.partition(".")[0]
    try:
        importlib.import_module(top)
    except ModuleNotFoundError as error:
        if error.name != top:  # something missing inside an installed package: a broken install, its own error says more
            raise
        raise MissingExtra(top, user) from None
    return importlib.import_module(module)


def available(module: str) -> bool:
    """Return whether the optional module can be imported (for features with a fallback, like the progress bar)."""
    try:
        require(module)
    except MissingExtra:
        return False
    return True
