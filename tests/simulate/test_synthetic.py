"""Synthetic data: reproducible to the byte, calibrated to the published figures."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

import ekc_analysis as ekc
from ekc_analysis.simulate._synthetic import simulate_cohort, simulate_registry, simulate_trial, write_sample

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.suffix == ".csv" or p.name == "SYNTHETIC"}


def test_rerun_of_default_seed_is_byte_identical_to_shipped_sample(tmp_path: Path) -> None:
    write_sample(tmp_path)
    assert _digest(tmp_path) == _digest(SAMPLE)


def test_shipped_sample_is_small_and_marked_synthetic() -> None:
    assert sum(p.stat().st_size for p in SAMPLE.iterdir()) < 2_000_000
    assert "Synthetic" in (SAMPLE / "SYNTHETIC").read_text()
    assert "synthetic" in (SAMPLE / "README.md").read_text().lower()
    assert ekc.sample_data().synthetic


def test_registry_is_calibrated_to_the_references() -> None:
    reg = simulate_registry(20_000, seed=7)
    c = reg.cases
    closed = c[c["status"] != "ongoing"]["status"].value_counts(normalize=True)
    assert abs(closed["conference"] - 0.70) < 0.015
    assert abs(closed["stopped"] - 0.15) < 0.015
    conf = c[c["status"] == "conference"]
    assert abs(conf["plan"].mean() - 0.90) < 0.015
    assert abs(c["n_agreements"].dropna().mean() - 15) < 0.3
    assert abs(reg.agreements["professional"].mean() - 0.20) < 0.01
    execution = c["execution"].value_counts(normalize=True)
    assert abs(execution["full"] - 0.40) < 0.02 and abs(execution["none"] - 0.10) < 0.015
    assert abs(c.loc[c["status"] == "conference", "coordinator_hours"].mean() - 30) < 0.6


def test_simulated_registry_passes_validation(tmp_path: Path) -> None:
    write_sample(tmp_path, n=400, seed=3)
    reg = ekc.load(tmp_path)
    assert reg.n_cases == 400
    assert int(reg.cases["n_agreements"].sum()) == len(reg.agreements)


def test_trial_and_cohort_shapes() -> None:
    wide, long = simulate_trial(200, seed=1)
    assert len(wide) == 200 and len(long) == 600
    assert (wide.loc[wide["group"] == "control", "conference_held"] == 0).all()
    assert set(long["wave"]) == {0, 6, 12}
    cohort = simulate_cohort(500, seed=1)
    assert cohort["time"].max() <= 3.0 and set(cohort["event"]) == {0, 1}
    # confounding: FGC families have more prior referrals
    prior = cohort.groupby("group")["prior_referrals"].mean()
    assert prior["fgc"] > prior["traditional"]
    assert np.all(cohort["n_rereferrals"] >= cohort["event"])
