"""stats._small_study, function by function: trim-and-fill (Duval & Tweedie's L0) and PET-PEESE.

References: R via Rscript tests/reference/stats_small_study.R (metafor 3.8; reads stats_meta_data.csv, writes
stats_small_study_R.csv): trimfill(rma(yi, sei = sei, method = "FE" | "DL" | "REML")) (k0, side, the refitted
estimate, SE and τ², the filled effects) and trimfill(..., side = "right"); lm(yi ~ sei, weights = 1/sei²) and
lm(yi ~ I(sei²), weights = 1/sei²) for PET and PEESE. tests/studies/test_meta_multilevel.py already checks
trim-and-fill (FE, REML) and PET-PEESE on dat.hackshaw1998 and REML trim-and-fill on dat.bcg; this file adds
DL, FE on dat.bcg (four studies filled on the right), a four-study set, the filled effects themselves, a forced
side, and a set where PEESE is the conditional choice.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.stats._meta import pool
from ekc_analysis.stats._small_study import pet_peese, trim_and_fill

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def r() -> pd.Series:
    return pd.read_csv(REF / "stats_small_study_R.csv").set_index("name")["value"].astype(float)


def _set(name: str) -> tuple[np.ndarray, np.ndarray]:
    d = pd.read_csv(REF / "stats_meta_data.csv")
    if name == "hackshaw_plus":  # as stats_small_study.R: dat.hackshaw1998 shifted by +0.3
        d = d[d["set"] == "hackshaw"].assign(yi=lambda x: x["yi"] + 0.3)
    else:
        d = d[d["set"] == name]
    return d["yi"].to_numpy(float), d["sei"].to_numpy(float)


def _filled(r: pd.Series, key: str) -> list[float]:
    return [r[f"{key}_fill{j}"] for j in range(1, int(r[f"{key}_k0"]) + 1)]


@pytest.mark.parametrize(("name", "method"), [("bcg", "FE"), ("bcg", "DL"), ("hackshaw", "DL"), ("four", "FE"),
                                              ("four", "DL")])
def test_trim_and_fill_equals_metafor_trimfill_exactly_for_fe_and_dl(r: pd.Series, name: str, method: str) -> None:
    """R: trimfill(rma(yi, sei = sei, method =)): k0, side, the refitted b, se and tau2, and the filled effects
    (2 β̂ − yᵢ of the k0 most extreme studies); closed-form τ², so agreement to 1e-10."""
    y, se = _set(name)
    tf = trim_and_fill(y, se, method)
    key = f"{name}_{method}"
    assert tf.k0 == int(r[f"{key}_k0"])
    assert tf.side == ("left" if r[f"{key}_side"] < 0 else "right")
    assert tf.pooled.k == int(r[f"{key}_k"]) == y.size + tf.k0
    assert (tf.pooled.estimate, tf.pooled.se) == pytest.approx((r[f"{key}_est"], r[f"{key}_se"]), rel=1e-10)
    assert tf.pooled.tau2 == pytest.approx(r[f"{key}_tau2"], rel=1e-10, abs=1e-15)
    assert sorted(tf.filled_y) == pytest.approx(_filled(r, key), rel=1e-10)


def test_trim_and_fill_fills_four_studies_on_the_right_of_bcg_with_fe(r: pd.Series) -> None:
    """dat.bcg under a common effect: metafor estimates 4 missing studies on the right (k = 13 + 4); the filled
    studies keep the standard errors of the studies they mirror."""
    y, se = _set("bcg")
    tf = trim_and_fill(y, se, "FE")
    assert (tf.k0, tf.side) == (4, "right") and r["bcg_FE_k0"] == 4
    assert set(np.round(tf.filled_se, 12)) <= set(np.round(se, 12))
    assert (tf.filled_y > pool(y, se, "FE").estimate).all()


@pytest.mark.parametrize("name", ["four", "bcg"])
def test_trim_and_fill_with_reml_equals_metafor_to_its_convergence(r: pd.Series, name: str) -> None:
    """R: trimfill(rma(..., method = "REML")): metafor's internal REML fits stop at a change in τ² below 1e-5, ours
    at 1e-12, so estimates agree to ~1e-6 (hence 1e-5); k0 and side exactly."""
    y, se = _set(name)
    tf = trim_and_fill(y, se, "REML")
    key = f"{name}_REML"
    assert (tf.k0, tf.side) == (int(r[f"{key}_k0"]), "left" if r[f"{key}_side"] < 0 else "right")
    assert (tf.pooled.estimate, tf.pooled.se) == pytest.approx((r[f"{key}_est"], r[f"{key}_se"]), rel=1e-5)
    assert tf.pooled.tau2 == pytest.approx(r[f"{key}_tau2"], rel=1e-5)
    assert sorted(tf.filled_y) == pytest.approx(_filled(r, key), abs=1e-5)


def test_trim_and_fill_on_the_side_asked_finds_nothing_missing_as_metafor(r: pd.Series) -> None:
    """R: trimfill(rma(dat.hackshaw1998, method = "REML"), side = "right"): k0 = 0, the model unchanged."""
    y, se = _set("hackshaw")
    tf = trim_and_fill(y, se, "REML", side="right")
    assert tf.k0 == int(r["hackshaw_REML_right_k0"]) == 0 and tf.side == "right"
    assert tf.filled_y.size == tf.filled_se.size == 0
    assert tf.pooled.estimate == pytest.approx(r["hackshaw_REML_right_est"], rel=1e-8)
    assert tf.pooled.estimate == pytest.approx(pool(y, se, "REML").estimate, rel=1e-14)


def test_trim_and_fill_of_a_mirrored_funnel_breaks_rank_ties_as_metafor() -> None:
    """Eight effects 0.2 ± (0.05, 0.1, 0.2, 0.35) with the same SEs on both sides. Exactly mirrored, the |centred|
    effects tie in pairs and metafor's rank(ties.method = "first") order gives L0 = 1 on the left (b = 0.18889,
    filled −0.17222); stretched by 1 % on the lower side the ties go and nothing is filled (b = 0.19949).
    R: d <- c(.05, .1, .2, .35); se <- rep(c(.1, .15, .2, .3), 2);
    trimfill(rma(yi = c(.2 + d, .2 - d), sei = se, method = "FE")), and with .2 - 1.01 * d."""
    d = np.array([0.05, 0.1, 0.2, 0.35])
    se = np.tile([0.1, 0.15, 0.2, 0.3], 2)
    tf = trim_and_fill(np.concatenate([0.2 + d, 0.2 - d]), se, "FE")
    assert (tf.k0, tf.side) == (1, "left")
    assert tf.pooled.estimate == pytest.approx(0.188888888888889, rel=1e-12)
    assert tf.filled_y == pytest.approx([-0.172222222222222], rel=1e-12)
    tf = trim_and_fill(np.concatenate([0.2 + d, 0.2 - 1.01 * d]), se, "FE")
    assert (tf.k0, tf.side) == (0, "right")
    assert tf.pooled.estimate == pytest.approx(0.199492307692308, rel=1e-12)


@pytest.mark.parametrize("name", ["bcg", "four", "hackshaw_plus"])
def test_pet_and_peese_equal_weighted_least_squares_in_r(r: pd.Series, name: str) -> None:
    """R: summary(lm(yi ~ sei, weights = 1/sei^2)) and lm(yi ~ I(sei^2), weights = 1/sei^2): the intercept, its SE
    and t-test p (df = k − 2)."""
    y, se = _set(name)
    pet, peese, _ = pet_peese(y, se)
    for fit, label in ((pet, "pet"), (peese, "peese")):
        assert (fit.estimate, fit.se, fit.p_value) == pytest.approx(
            (r[f"{name}_{label}_est"], r[f"{name}_{label}_se"], r[f"{name}_{label}_p"]), rel=1e-9)
        assert fit.df == y.size - 2


def test_pet_peese_chooses_peese_when_pets_intercept_differs_from_zero(r: pd.Series) -> None:
    """Stanley & Doucouliagos (2014): PEESE when PET's intercept has p < α (0.10 by default). dat.hackshaw1998 + 0.3:
    PET p = 0.0011 → PEESE; dat.bcg: PET p = 0.40 → PET, and PEESE only at α above 0.40."""
    assert pet_peese(*_set("hackshaw_plus"))[2] == "peese" and r["hackshaw_plus_pet_p"] < 0.10
    y, se = _set("bcg")
    assert pet_peese(y, se)[2] == "pet"
    assert pet_peese(y, se, alpha=0.41)[2] == "peese" and pet_peese(y, se, alpha=0.40)[2] == "pet"
