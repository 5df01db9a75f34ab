"""The package's shape: the core imports no Flask, modules stay small, imports form no cycle."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "glossary_api"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 300


@pytest.mark.parametrize("module", ["glossary_api", "glossary_api.bulk", "glossary_api.cli", "glossary_api.termbase"])
def test_importing_a_core_face_does_not_import_flask(module):
    probe = f"import sys, {module}; print(sorted(m for m in ('flask', 'werkzeug', 'flask_smorest') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_the_size_limit(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_module_imports_form_no_cycle():
    graph = {_name(path): _imports(path) for path in MODULES}
    visiting, done = set(), set()

    def visit(module: str, path: list[str]) -> None:
        if module in done:
            return
        assert module not in visiting, "import cycle: " + " -> ".join([*path, module])
        visiting.add(module)
        for target in graph.get(module, ()):
            visit(target, [*path, module])
        visiting.discard(module)
        done.add(module)

    for module in graph:
        visit(module, [])


def test_jieba_is_used_through_its_public_api_only():
    assert [p.name for p in MODULES if "_Tokenizer__" in p.read_text(encoding="utf-8")] == []


def _name(path: Path) -> str:
    parts = ["glossary_api", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Return the package modules that path imports at module level (imports inside functions are lazy by design)."""
    module = _name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.startswith("glossary_api"):
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    found.add(candidate if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() or (PACKAGE.parent / candidate.replace(".", "/")).is_dir() else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("glossary_api"))
    found.discard(module)
    return found


def test_the_package_face_lists_each_name_once_and_every_one_imports():
    # __all__ (for readers and linters) and _EXPORTS (where __getattr__ finds each name) are two lists of one face
    import glossary_api

    assert sorted(glossary_api.__all__) == sorted(["__version__", *glossary_api._EXPORTS])
    assert all(getattr(glossary_api, name) is not None for name in glossary_api.__all__)
