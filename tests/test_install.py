"""Installed use: the wheel, installed in a fresh venv, works from an empty folder (issue 12)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_sample_data_ships_inside_the_package() -> None:
    import ekc_analysis as ekc

    sample = ekc.sample_path()
    assert sample.parent == Path(ekc.__file__).resolve().parent / "intake"
    assert {"cases.csv", "agreements.csv", "trial.csv", "cohort.csv", "SYNTHETIC"} <= {p.name for p in sample.iterdir()}


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_runs_from_an_empty_folder(tmp_path: Path) -> None:
    """Builds the wheel, installs it in a new venv and runs ``python -m ekc_analysis``, a notebook-style call
    and the notebooks' code from an empty folder (the script CI runs: ``.ci/wheel_check``)."""
    done = subprocess.run(["bash", str(ROOT / ".ci" / "wheel_check"), str(tmp_path)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "site-packages" in done.stdout and "wheel check passed" in done.stdout
    reports = tmp_path / "empty" / "reports"
    assert (reports / "report_en.html").stat().st_size > 10_000
    assert "Funnel: how initiatives end" in done.stdout
    assert all(f"cells of {name}" in done.stdout
               for name in ("01_registration.ipynb", "02_trial.ipynb", "03_cohort_and_meta.ipynb"))
