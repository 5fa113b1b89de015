"""The package keeps its promises about shape: one-way imports, a light import, small modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_layers_contract_holds() -> None:
    """The import-linter ``layers`` contract in pyproject.toml: arrows point down only."""
    code = ("import sys; from importlinter.cli import lint_imports; "
            f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_public_names_stay_functions_after_every_module_is_imported() -> None:
    """A submodule named like a public function would shadow it once imported (``ekc.compare``)."""
    code = ("import importlib, pkgutil, sys, ekc_analysis as ekc; "
            "[importlib.import_module(m.name) for m in pkgutil.walk_packages(ekc.__path__, 'ekc_analysis.') "
            "if not m.name.endswith('__main__')]; "
            "import types; "
            "print(sorted(n for n in ekc.__all__ if isinstance(getattr(ekc, n), types.ModuleType)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_import_is_light() -> None:
    code = ("import sys, ekc_analysis as ekc; ekc.ValidationError; "
            "print(sorted(m for m in ('statsmodels', 'matplotlib', 'scipy.stats', 'lifelines', 'jinja2') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_modules_stay_small() -> None:
    sizes = {p.relative_to(ROOT): sum(1 for _ in p.open(encoding="utf-8"))
             for p in (ROOT / "ekc_analysis").rglob("*.py")}
    assert {str(p): n for p, n in sizes.items() if n > 450} == {}


def test_lint_is_clean() -> None:
    """ruff with the configuration in pyproject.toml (pyflakes, bugbear, pandas-vet, import order)."""
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "ekc_analysis", "tests", "benchmarks"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_public_face_type_checks() -> None:
    """mypy on the files pyproject.toml lists (the public face and what it imports)."""
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_type_stub_names_every_public_name() -> None:
    """``__init__.pyi`` (what IDEs and mypy see) re-exports exactly ``ekc_analysis.__all__``."""
    import ast

    import ekc_analysis as ekc

    tree = ast.parse((ROOT / "ekc_analysis" / "__init__.pyi").read_text(encoding="utf-8"))
    stubbed = {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    stubbed |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    assert stubbed - {"__all__"} == set(ekc.__all__)
    assert all(a.asname == a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names)  # re-exports


def test_every_folder_reexports_what_the_public_face_takes_from_it() -> None:
    import importlib

    import ekc_analysis as ekc

    for name, folder in ekc._LAZY.items():
        module = importlib.import_module(f"ekc_analysis.{folder}")
        assert name in getattr(module, "__all__", [name]), (folder, name)
        assert getattr(module, name) is getattr(ekc, name)
