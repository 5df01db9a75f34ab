"""requirements/lock.txt (the Docker image's pinned dependencies) agrees with pyproject.toml."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .venvs import ROOT

REGENERATE = "pip-compile --strip-extras --no-emit-find-links --no-emit-index-url --output-file requirements/lock.txt pyproject.toml"


def test_the_lock_pins_every_base_dependency_within_its_bounds():
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            name, _, pinned = line.partition("==")
            pins[canonicalize_name(name)] = pinned.strip()
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    outside = [
        f"{requirement} (locked: {pins.get(canonicalize_name(requirement.name), 'missing')})"
        for requirement in map(Requirement, dependencies)
        if pins.get(canonicalize_name(requirement.name)) is None or pins[canonicalize_name(requirement.name)] not in requirement.specifier
    ]
    assert outside == [], f"regenerate the lock: {REGENERATE}"
