"""Adjusted, weighted and clustered competing risks against R on mgus2 (tests/reference/competing_adjusted.R)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import ArgumentError, StatisticalWarning
from ekc_analysis.stats._aalen_johansen_ij import clustered_se, ij_pieces, influence_at
from ekc_analysis.stats._competing import aalen_johansen
from ekc_analysis.stats._fine_gray_tv import fine_gray_time_interaction

REF = Path(__file__).resolve().parents[1] / "reference"
TIMES = (60, 120, 240)
REL = 1e-5


@pytest.fixture(scope="module")
def r() -> dict[str, float]:
    """R 4.2, survival 3.5.3, cmprsk 2.2: Rscript tests/reference/competing_adjusted.R."""
    ref = pd.read_csv(REF / "competing_adjusted_R.csv").set_index("name")["value"]
    return {k: float(v) for k, v in ref.items()}


@pytest.fixture(scope="module")
def mgus() -> pd.DataFrame:
    return pd.read_csv(REF / "competing_adjusted_data.csv")


def _rows(res: ekc.Result, measure: str) -> pd.DataFrame:
    frame = res.to_frame()
    return frame[frame["measure"] == measure].set_index("level")


def _log_se(row: pd.Series) -> float:
    return float((np.log(row["ci_high"]) - np.log(row["estimate"])) / 1.959963984540054)


def _quiet(*args: object, **kwargs: object) -> ekc.Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        return ekc.competing_risks(*args, **kwargs)


def test_adjusted_fine_gray_equals_crr_cov1(mgus: pd.DataFrame, r: dict[str, float]) -> None:
    """crr(etime, event, cov1 = cbind(male, age, hgb), failcode = k) on the 1371 rows with hgb; the 13
    rows without hgb are counted and warned about."""
    with pytest.warns(StatisticalWarning, match="13 row"):
        res = ekc.competing_risks(mgus, "etime", "event", "sex", treated="M", covariates=["age", "hgb"],
                                  times=TIMES)
    assert res.settings["n_missing_covariates"] == 13
    assert "13 row(s) with a missing covariate are left out" in " ".join(res.notes)
    rows = _rows(res, "adjusted_subdistribution_hazard_ratio")
    for k in (1, 2):
        row = rows.loc[k]
        assert np.log(row["estimate"]) == pytest.approx(r[f"crr_coef_{k}_male"], rel=REL)
        assert _log_se(row) == pytest.approx(r[f"crr_se_{k}_male"], rel=REL)
        assert row["n_treated"] + row["n_control"] == r["n_complete"]
    cs = _rows(res, "adjusted_cause_specific_hazard_ratio")
    for k in (1, 2):
        assert np.log(cs.loc[k, "estimate"]) == pytest.approx(r[f"cs_coef_{k}"], rel=REL)
        assert _log_se(cs.loc[k]) == pytest.approx(r[f"cs_se_{k}"], rel=REL)


def test_adjusted_cause_specific_cox_with_weights_cluster_strata_entry(mgus: pd.DataFrame,
                                                                      r: dict[str, float]) -> None:
    """coxph(Surv([entry,] etime, event == k) ~ male + age + hgb [+ strata(agegrp)], weights = w, cluster = cl)."""
    res = _quiet(mgus, "etime", "event", "sex", "M", ["age", "hgb"], "w", cluster="cl", times=TIMES)
    res_e = _quiet(mgus, "etime", "event", "sex", "M", ["age", "hgb"], "w", cluster="cl", strata="agegrp",
                   entry="entry", times=TIMES)
    for k in (1, 2):
        row = _rows(res, "adjusted_cause_specific_hazard_ratio").loc[k]
        assert np.log(row["estimate"]) == pytest.approx(r[f"csw_coef_{k}"], rel=REL)
        assert _log_se(row) == pytest.approx(r[f"csw_se_{k}"], rel=REL)
        row = _rows(res_e, "adjusted_cause_specific_hazard_ratio").loc[k]
        assert np.log(row["estimate"]) == pytest.approx(r[f"cse_coef_{k}"], rel=REL)
        assert _log_se(row) == pytest.approx(r[f"cse_se_{k}"], rel=REL)
    assert "Fine–Gray ignores strata (agegrp) and delayed entry (entry)" in " ".join(res_e.notes)


def test_weighted_curves_equal_survfit(mgus: pd.DataFrame) -> None:
    """summary(survfit(Surv(etime, factor(event)) ~ sex, weights = w, id = id)): every event time, both causes."""
    theirs = pd.read_csv(REF / "competing_adjusted_cif_R.csv")
    cif = _quiet(mgus, "etime", "event", "sex", "M", weights="w", times=TIMES).cif
    for (grp, cause), sub in theirs.groupby(["group", "cause"]):
        mine = cif[(cif["group"] == grp) & (cif["cause"] == cause)]
        merged = sub.merge(mine, on="time", suffixes=("_r", ""), validate="one_to_one")
        assert len(merged) == len(sub) > 50
        np.testing.assert_allclose(merged["cif"], merged["cif_r"], rtol=1e-8)
        np.testing.assert_allclose(merged["se"], merged["se_r"], rtol=REL)
        ok = merged["lower"].notna()
        np.testing.assert_allclose(merged.loc[ok, "ci_low"], merged.loc[ok, "lower"], rtol=REL)


def test_clustered_curves_equal_grouped_jackknife(mgus: pd.DataFrame, r: dict[str, float]) -> None:
    """rowsum(w * survfit(..., influence = TRUE)$influence.pstate, cl): clustered se of each sex's curves at
    60, 120, 240 months, weighted and unweighted."""
    for weights, tag in (("w", "se_cl_"), (None, "se_cl_unw_")):
        inc = _quiet(mgus, "etime", "event", "sex", "M", weights=weights, cluster="cl", times=TIMES).incidence
        for s in ("M", "F"):
            for k in (1, 2):
                for t in TIMES:
                    row = inc[(inc["group"] == s) & (inc["cause"] == k) & (inc["time"] == t)].iloc[0]
                    assert row["se"] == pytest.approx(r[f"{tag}{s}_{k}_{t}"], rel=REL)
                    if weights:
                        assert row["cif"] == pytest.approx(r[f"cif_{s}_{k}_{t}"], rel=1e-8)


def test_cif_difference_weighted_and_clustered(mgus: pd.DataFrame, r: dict[str, float]) -> None:
    """M − F at each time; clustered: sum over clusters (which mix the sexes) of the difference of influences;
    unclustered: sqrt(se_M^2 + se_F^2) from survfit."""
    clustered = _rows(_quiet(mgus, "etime", "event", "sex", "M", weights="w", cluster="cl", times=TIMES),
                      "cif_difference")
    plain = _rows(_quiet(mgus, "etime", "event", "sex", "M", weights="w", times=TIMES), "cif_difference")
    for k in (1, 2):
        for t in TIMES:
            row = clustered.loc[k].set_index("time").loc[t]
            assert row["estimate"] == pytest.approx(r[f"diff_{k}_{t}"], rel=1e-8)
            assert row["se"] == pytest.approx(r[f"diff_se_cl_{k}_{t}"], rel=REL)
            assert row["ci_high"] - row["estimate"] == pytest.approx(1.959963984540054 * row["se"], rel=1e-10)
            se = np.hypot(r[f"se_M_{k}_{t}"], r[f"se_F_{k}_{t}"])
            assert plain.loc[k].set_index("time").loc[t, "se"] == pytest.approx(se, rel=REL)


def test_time_interaction_equals_crr_cov2(mgus: pd.DataFrame, r: dict[str, float]) -> None:
    """crr(..., cov2 = male, tf = function(t) log(t)): our coefficients equal crr's; the error is model-based
    (crr's is the sandwich: 0.1744 vs 0.1681 for cause 1, 0.04961 vs 0.04989 for cause 2)."""
    cc = mgus.dropna(subset=["hgb"])
    X = cc[["male", "age", "hgb"]].to_numpy(float)
    for k in (1, 2):
        fit = fine_gray_time_interaction(cc["etime"].to_numpy(float), cc["event"].to_numpy(), X,
                                         cc["male"].to_numpy(), cause=k)
        assert fit.converged
        assert fit.gamma == pytest.approx(r[f"crr_tv_coef_{k}"], rel=REL)
        assert fit.coef[0] == pytest.approx(r[f"crr_tv_male_{k}"], rel=REL)
        assert fit.gamma_se == pytest.approx(r[f"crr_tv_se_{k}"], rel=0.05)
    res = _quiet(mgus, "etime", "event", "sex", "M", ["age", "hgb"], times=TIMES)
    assert set(res.settings["proportionality_p"]) == {1, 2}
    assert "group x log(time)" in " ".join(res.notes)


def test_cluster_of_one_row_each_is_the_plain_jackknife() -> None:
    """clustered_se with one cluster per row equals the unclustered se; influences square-sum to it; a
    cluster of two identical rows doubles their joint influence."""
    rng = np.random.default_rng(3)
    n = 60
    t = np.round(rng.exponential(2, n), 1) + 0.1
    d = rng.choice([0, 1, 2], n)
    w = rng.uniform(0.5, 2, n)
    entry = np.where(np.arange(n) % 5 == 0, t / 3, 0.0)
    p = ij_pieces(t, d, w, [1, 2], entry)
    plain = aalen_johansen(t, d, w, entry=entry)
    for k in (1, 2):
        se = plain[plain["cause"] == k]["se"].to_numpy()
        np.testing.assert_allclose(clustered_se(p, k, np.arange(n)), se, rtol=1e-10, atol=1e-14)
        grid = np.array([0.05, 1.0, 2.5, 4.0])
        direct = np.sqrt((influence_at(p, k, grid) ** 2).sum(axis=0))
        pos = np.searchsorted(p.grid, grid, side="right") - 1
        np.testing.assert_allclose(direct, np.where(pos >= 0, se[np.maximum(pos, 0)], 0.0), rtol=1e-10, atol=1e-14)
        fam = np.arange(n) // 3
        by_family = np.sqrt(np.stack([np.bincount(fam, weights=col) ** 2 for col in influence_at(p, k, p.grid).T])
                            .sum(axis=1))
        np.testing.assert_allclose(clustered_se(p, k, fam), by_family, rtol=1e-9, atol=1e-14)


def test_warnings_and_refusals(mgus: pd.DataFrame) -> None:
    """Few events in a cause and group, few clusters, missing weights."""
    small = mgus[(mgus["id"] % 12 == 0)].assign(fam=lambda x: np.arange(len(x)) // 5)
    with pytest.warns(StatisticalWarning) as caught:
        ekc.competing_risks(small, "etime", "event", "sex", "M", cluster="fam", times=TIMES)
    text = " ".join(str(w.message) for w in caught)
    assert "fewer than 10" in text and f"only {small['fam'].nunique()} clusters" in text
    bad = mgus.assign(w2=mgus["w"].where(mgus["id"] > 5))
    with pytest.raises(ArgumentError, match="missing for 5 of the"):
        ekc.competing_risks(bad, "etime", "event", "sex", "M", weights="w2")
    with pytest.raises(ArgumentError, match="give one value per row"):
        ekc.competing_risks(mgus, "etime", "event", "sex", "M", weights=np.ones(3))


def test_weighted_figure_says_weighted(mgus: pd.DataFrame) -> None:
    """The stacked curves of a weighted fit are labelled weighted, in both languages."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ekc_analysis.figures._competing import cif_stacked

    res = _quiet(mgus, "etime", "event", "sex", "M", weights="w", times=TIMES)
    ax = cif_stacked(res, lang="nl")
    assert ax.get_ylabel() == "Gewogen cumulatieve incidentie"
    assert "gewogen cumulatieve incidentie" in ax.figure.get_suptitle()
    assert cif_stacked(res, ax=plt.figure().add_subplot(), lang="en").get_ylabel() == "Weighted cumulative incidence"
    plain = _quiet(mgus, "etime", "event", "sex", "M", times=TIMES)
    assert cif_stacked(plain, lang="en").get_ylabel() == "Cumulative incidence"
    plt.close("all")


def test_crossing_subdistribution_hazards_warn_and_gray_note() -> None:
    """Re-referrals early in one group and late in the other: the group x log(time) term is far from 0 and
    a warning says the subdistribution hazards are not proportional; with cluster= the note says Gray's
    test assumes independence."""
    rng = np.random.default_rng(11)
    n = 300
    arm = np.repeat([1, 0], n // 2)
    is1 = rng.uniform(size=n) < 0.4
    t1 = np.where(arm == 1, np.minimum(rng.exponential(0.4, n), 2.9), rng.uniform(0.05, 2.95, n))
    t = np.where(is1, t1, rng.uniform(0.05, 3.0, n))
    status = np.where(is1, 1, np.where(rng.uniform(size=n) < 0.5, 2, 0))
    df = pd.DataFrame({"time": t, "status": status, "group": np.where(arm == 1, "fgc", "cau"),
                       "family": np.arange(n) // 2})
    with pytest.warns(StatisticalWarning, match="not proportional"):
        res = ekc.competing_risks(df, "time", "status", "group", "fgc", cluster="family", times=(1, 2, 3))
    assert res.settings["proportionality_p"][1] < 1e-6
    assert "Gray's test assumes independent rows" in " ".join(res.notes)
    rows = _rows(res, "cif_difference").loc[1].set_index("time")
    assert rows.loc[1.0, "estimate"] > 0.2 and abs(rows.loc[3.0, "estimate"]) < 0.15


def test_missing_weights_drop_equals_the_rows_with_a_weight(mgus: pd.DataFrame) -> None:
    """missing_weights="drop": curves, cif_difference and the weighted Cox model equal the fit on the rows that
    have a weight; the unweighted Fine–Gray and Gray's test keep every row; the count is in settings and a note."""
    bad = mgus.assign(w2=mgus["w"].where(mgus["id"] % 7 != 0))
    n_missing = int(bad["w2"].isna().sum())
    res = _quiet(bad, "etime", "event", "sex", "M", ["age", "hgb"], weights="w2", times=TIMES,
                 missing_weights="drop")
    kept = _quiet(bad.dropna(subset=["w2"]), "etime", "event", "sex", "M", ["age", "hgb"], weights="w2",
                  times=TIMES)
    full = _quiet(mgus, "etime", "event", "sex", "M", ["age", "hgb"], times=TIMES)
    assert res.settings["weights_dropped"] == n_missing > 100
    assert f"{n_missing} row(s) without a weight are left out" in " ".join(res.notes)
    for measure in ("cif_difference", "adjusted_cause_specific_hazard_ratio"):
        a, b = _rows(res, measure), _rows(kept, measure)
        np.testing.assert_allclose(a[["estimate", "ci_low", "ci_high"]], b[["estimate", "ci_low", "ci_high"]],
                                   rtol=1e-9)
    np.testing.assert_allclose(res.cif["cif"], kept.cif["cif"], rtol=1e-12)
    for measure in ("subdistribution_hazard_ratio", "adjusted_subdistribution_hazard_ratio", "gray_test"):
        a, b = _rows(res, measure), _rows(full, measure)
        np.testing.assert_allclose(a[["estimate", "statistic"]].fillna(0), b[["estimate", "statistic"]].fillna(0),
                                   rtol=1e-12)
    with pytest.raises(ArgumentError, match="missing_weights='bogus'"):
        ekc.competing_risks(bad, "etime", "event", "sex", "M", weights="w2", missing_weights="bogus")  # type: ignore[arg-type]


def test_effective_sample_size_warning_per_group(mgus: pd.DataFrame) -> None:
    """Weights that leave few effective rows in one group warn, naming the group and its Kish size, as survival()."""
    w = np.where((mgus["sex"] == "M") & (mgus["id"] % 40 == 0), 200.0, 1.0)
    with pytest.warns(StatisticalWarning, match=r"competing_risks\(weights=\).*M: \d+\.\d of \d+") as caught:
        res = ekc.competing_risks(mgus, "etime", "event", "sex", "M", weights=w, times=TIMES)
    assert not any("F: " in str(c.message) and "effective" in str(c.message) for c in caught)
    ess = res.effective_size.set_index("group")
    wm = w[mgus["sex"] == "M"]
    assert ess.loc["M", "ess"] == pytest.approx(wm.sum() ** 2 / (wm**2).sum(), rel=1e-12)
    assert ess.loc["F", "ess"] == pytest.approx(float((mgus["sex"] == "F").sum()))
    assert "Effective sample size of the weighted estimates (Kish)" in " ".join(res.notes)
    with warnings.catch_warnings():
        warnings.simplefilter("error", StatisticalWarning)
        try:
            ekc.competing_risks(mgus, "etime", "event", "sex", "M", weights=np.ones(len(mgus)), times=TIMES)
        except StatisticalWarning as e:
            assert "effective sample size" not in str(e)
