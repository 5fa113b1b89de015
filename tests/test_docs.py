"""The API reference builds from the numpydoc docstrings without a single warning (``sphinx-build -W``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ekc_analysis as ekc

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_api_reference_builds_without_warnings(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                           "-d", str(tmp_path / "doctrees"), str(ROOT / "docs"), str(tmp_path / "html")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = {p.stem for p in (tmp_path / "html" / "api" / "generated").glob("*.html")}
    public = {f"ekc_analysis.{n}" for n in ekc.__all__ if n != "__version__"}
    assert public <= pages, sorted(public - pages)


def test_api_index_lists_every_public_name() -> None:
    text = (ROOT / "docs" / "api" / "index.rst").read_text(encoding="utf-8")
    listed = {line.strip() for line in text.splitlines() if line.startswith("   ") and not line.strip().startswith(":")}
    assert set(ekc.__all__) - {"__version__"} <= listed
