from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import VALID_ROWS, write_csv


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ekc_analysis", *args], capture_output=True, text=True)


def test_validate_sample_exits_zero_with_one_line() -> None:
    sample = Path(__file__).resolve().parent.parent / "data" / "sample"
    done = run("validate", str(sample))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().count("\n") == 0
    assert "valid — 1,500 initiatives and 16,708 agreements" in done.stdout


def test_validate_bad_file_prints_table_and_exits_two(tmp_path: Path) -> None:
    rows = [list(r) for r in VALID_ROWS]
    rows[1][2] = "onzin"
    rows[2][1] = "30-02-2020"
    done = run("validate", str(write_csv(tmp_path / "cases.csv", rows)))
    assert done.returncode == 2
    assert "2 problem(s) found" in done.stdout
    lines = [ln for ln in done.stdout.splitlines() if "cases.csv" in ln and "problem" not in ln]
    assert len(lines) == 2 and " 3 " in lines[0] and "status" in lines[0]


def test_simulate_writes_files(tmp_path: Path) -> None:
    done = run("simulate", "--out", str(tmp_path), "--n", "100", "--seed", "4")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cases.csv").read_text().count("\n") == 101


def test_validate_missing_file_lists_a_whole_file_problem_without_a_row(tmp_path: Path) -> None:
    done = run("validate", str(tmp_path / "missing.csv"))
    assert done.returncode == 2
    assert "file not found" in done.stdout and "<NA>" not in done.stdout and "None" not in done.stdout


def test_unexpected_failure_exits_one_with_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    done = run("simulate", "--out", str(blocker / "sub"), "--n", "20")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
