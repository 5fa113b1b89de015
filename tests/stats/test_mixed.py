"""ekc_analysis.stats._mixed.lmm on its own (REML, random intercepts).

References: R 4.2, nlme 3.1 (tests/reference/stats_mixed.R, writing stats_mixed_R.csv; tolerances 1e-12):
``lme(Reaction ~ Days, random = ~ 1 | Subject, method = "REML")`` on lme4's sleepstudy (18 × 10, balanced) and
on an unbalanced subset with dropout (151 rows), fixed effects, their covariance (X′V⁻¹X)⁻¹σ², σ and the subject
SD (lme4::lmer agrees to ~2e-9); and ``lme(strength ~ 1, random = ~ 1 | batch/cask)`` on lme4's Pastes (10 batches,
3 casks each, 2 assays per cask), nested intercepts (the ``child`` level).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.stats._mixed import lmm

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def r() -> dict[str, float]:
    """Rscript tests/reference/stats_mixed.R."""
    ref = pd.read_csv(REF / "stats_mixed_R.csv", dtype=str).set_index("name")["value"]
    for name in ("sleepstudy", "pastes"):
        md5 = hashlib.md5((REF / f"stats_mixed_{name}.csv").read_bytes()).hexdigest()
        assert md5 == ref[f"input_md5_{name}"], "rerun tests/reference/stats_mixed.R"
    return {k: float(v) for k, v in ref.items() if not k.startswith("input_md5")}


def _sleep(dropout: bool) -> pd.DataFrame:
    d = pd.read_csv(REF / "stats_mixed_sleepstudy.csv")
    if dropout:  # as stats_mixed.R
        drop = ((d["Subject"] % 2 == 1) & (d["Days"] >= 7)) | (d["Subject"].isin([308, 330]) & (d["Days"] == 0))
        d = d[~drop]
    return d


@pytest.mark.parametrize("name", ["sleep", "dropout"])
def test_lmm_random_intercept_equals_nlme_reml(r: dict[str, float], name: str) -> None:
    d = _sleep(name == "dropout")
    assert len(d) == r[f"{name}_n"]
    X = np.column_stack([np.ones(len(d)), d["Days"]])
    fit = lmm(X, d["Reaction"].to_numpy(float), ["const", "days"], d["Subject"].to_numpy())
    assert fit.converged and fit.n_groups == (18,)
    assert fit.params[0] == pytest.approx(r[f"{name}_const_coef"], rel=1e-8)
    assert fit.params[1] == pytest.approx(r[f"{name}_days_coef"], rel=1e-8)
    assert np.sqrt(fit.cov[0, 0]) == pytest.approx(r[f"{name}_const_se"], rel=1e-6)
    assert np.sqrt(fit.cov[1, 1]) == pytest.approx(r[f"{name}_days_se"], rel=1e-6)
    assert fit.cov[0, 1] == pytest.approx(r[f"{name}_cov"], rel=1e-6)
    assert fit.sigma == pytest.approx(r[f"{name}_sigma"], rel=1e-6)
    assert fit.sd[0] == pytest.approx(r[f"{name}_sd_subject"], rel=1e-6)


def test_lmm_nested_intercepts_equal_nlme_reml(r: dict[str, float]) -> None:
    """Pastes: batch (top) and sample = batch:cask (child), strength ~ 1. The restricted likelihood is flat in the
    batch SD (10 batches, small between-batch variance): nlme and lmer stop ~1e-5 apart from each other, and our
    optimum has a restricted likelihood at least as high as nlme's, so 1e-5 is the agreement to expect here."""
    from ekc_analysis.stats._mixed import _blocks, _objective

    d = pd.read_csv(REF / "stats_mixed_pastes.csv")
    X, y = np.ones((len(d), 1)), d["strength"].to_numpy(float)
    fit = lmm(X, y, ["const"], d["batch"].to_numpy(), d["sample"].to_numpy())
    assert fit.converged and fit.n_groups == (10, 30)
    assert fit.params[0] == pytest.approx(r["pastes_const_coef"], rel=1e-10)  # balanced: the grand mean
    assert np.sqrt(fit.cov[0, 0]) == pytest.approx(r["pastes_const_se"], rel=1e-5)
    assert fit.sd[0] == pytest.approx(r["pastes_sd_batch"], rel=1e-4)  # flat in this SD: 1.1e-5 apart on scipy 1.11
    assert fit.sd[1] == pytest.approx(r["pastes_sd_cask"], rel=1e-5)
    assert fit.sigma == pytest.approx(r["pastes_sigma"], rel=1e-6)
    blocks = _blocks(X, y, d["batch"].to_numpy(), d["sample"].to_numpy())
    theirs = np.log(np.array([r["pastes_sd_batch"], r["pastes_sd_cask"]]) ** 2 / r["pastes_sigma"] ** 2)
    ours = np.log(np.array(fit.sd) ** 2 / fit.sigma**2)
    assert _objective(ours, blocks, 60, 1) <= _objective(theirs, blocks, 60, 1)


def test_balanced_intercept_only_model_has_the_anova_closed_form(r: dict[str, float]) -> None:
    """Balanced one-way layout (Pastes' 30 samples × 2 assays, ignoring batch): REML = ANOVA when MSB > MSW:
    σ² = MSW, τ² = (MSB − MSW)/2, and the SE of the mean is sqrt(MSB/N)."""
    d = pd.read_csv(REF / "stats_mixed_pastes.csv")
    y = d["strength"].to_numpy(float)
    means = d.groupby("sample")["strength"].mean()
    msw = float(((d["strength"] - d["sample"].map(means)) ** 2).sum() / (60 - 30))
    msb = float(2 * ((means - y.mean()) ** 2).sum() / 29)
    fit = lmm(np.ones((60, 1)), y, ["const"], d["sample"].to_numpy())
    assert fit.params[0] == pytest.approx(y.mean(), rel=1e-12)
    assert fit.sigma**2 == pytest.approx(msw, rel=1e-6)
    assert fit.sd[0] ** 2 == pytest.approx((msb - msw) / 2, rel=1e-6)
    assert np.sqrt(fit.cov[0, 0]) == pytest.approx(np.sqrt(msb / 60), rel=1e-6)
