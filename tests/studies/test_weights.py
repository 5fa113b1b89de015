"""Per-row arguments and weighting honesty (issues 19.4 and 21.4): weights, cluster, entry and strata align
by index whatever the row order; bad ones are ArgumentErrors naming the argument; missing weights are
refused unless dropped on purpose (and then counted); low effective sample sizes warn; and every weighted
estimator gives the same output after the rows are shuffled or the weights rescaled."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import ArgumentError, StatisticalWarning
from ekc_analysis.intake._rowargs import effective_size, row_argument, weights_argument

COVARIATES = ["age", "girl", "prior_referrals", "reason", "immigrant"]


@pytest.fixture(scope="module")
def cohort() -> pd.DataFrame:
    d = ekc.simulate_cohort(400, seed=1)
    return d.assign(family=np.arange(len(d)) // 2, start=np.round(d["time"] * 0.3, 3) * (np.arange(len(d)) % 3 == 0))


@pytest.fixture(scope="module")
def w(cohort: pd.DataFrame) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        return ekc.propensity_weights(cohort, "group", COVARIATES)


def quiet(f, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        return f(*args, **kwargs)


def test_row_argument_aligns_a_series_by_index_and_takes_an_array_by_position() -> None:
    df = pd.DataFrame({"t": [1.0, 2.0, 3.0], "w": [0.5, 1.0, 2.0]}, index=[10, 11, 12])
    assert row_argument(df, "w", "weights").tolist() == [0.5, 1.0, 2.0]
    assert row_argument(df, pd.Series([2.0, 0.5, 1.0], index=[12, 10, 11]), "weights").tolist() == [0.5, 1.0, 2.0]
    assert row_argument(df, pd.Series([9.0, 0.5, 1.0, 2.0], index=[3, 10, 11, 12]), "weights").tolist() == [
        0.5,
        1.0,
        2.0,
    ]  # a longer Series covering the rows: its values for them, as df.assign would take
    assert row_argument(df, np.array([3.0, 2.0, 1.0]), "weights").tolist() == [3.0, 2.0, 1.0]
    assert row_argument(df, [3.0, 2.0, 1.0], "weights").index.tolist() == [10, 11, 12]
    assert row_argument(df, None, "weights") is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("wt", "weights='wt': the data have no column 'wt'"),
        (pd.Series([1.0, 1.0, 1.0]), "weights: the Series' index does not hold 3 of the 3 row labels"),
        (pd.Series([1.0, 1.0], index=[10, 11]), "does not hold 1 of the 3 row labels .*12"),
        (pd.Series([1.0, 1.0, 1.0, 1.0], index=[10, 11, 12, 12]), "repeated index labels \\(12\\)"),
        (np.ones(4), "weights has 4 values but the data have 3 rows"),
        (np.ones((3, 2)), "weights has shape \\(3, 2\\)"),
        (pd.Series([1.0, -1.0, 1.0], index=[10, 11, 12]), "non-negative and finite; 1 row\\(s\\) have a negative"),
        (np.array([1.0, np.inf, 1.0]), "1 row\\(s\\) have a infinite weight|infinite"),
        (np.array(["a", "1", "2"]), "weights must be numbers"),
        (1.5, "weights must be a column name, a Series or an array"),
    ],
)
def test_bad_weights_are_argument_errors_that_say_which_and_what(value: object, message: str) -> None:
    df = pd.DataFrame({"t": [1.0, 2.0, 3.0], "w": [0.5, 1.0, 2.0]}, index=[10, 11, 12])
    with pytest.raises(ArgumentError, match=message):
        weights_argument(df, value)


def test_a_frame_with_repeated_labels_takes_only_its_own_index_or_an_array() -> None:
    df = pd.DataFrame({"t": [1.0, 2.0]}, index=[0, 0])
    assert row_argument(df, pd.Series([1.0, 2.0], index=[0, 0]), "weights").tolist() == [1.0, 2.0]
    with pytest.raises(ArgumentError, match="repeated labels"):
        row_argument(df, pd.Series([1.0, 2.0], index=[0, 1]), "weights")


def test_shuffled_rows_keep_their_weights(cohort: pd.DataFrame, w: pd.Series) -> None:
    """Issue 19: the weights were applied by position, so after a shuffle (as after a sort) the weighted hazard
    ratio changed (1.20 → 1.32 in the report), silently."""
    shuffled = cohort.sample(frac=1, random_state=1)
    a = quiet(ekc.survival, cohort, "time", "event", "group", weights=w).to_frame()
    b = quiet(ekc.survival, shuffled, "time", "event", "group", weights=w).to_frame()
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    by_name = quiet(ekc.survival, cohort.assign(w=w), "time", "event", "group", weights="w").to_frame()
    pd.testing.assert_frame_equal(a, by_name, check_exact=True)


def test_estimators_name_the_bad_argument(cohort: pd.DataFrame, w: pd.Series) -> None:
    with pytest.raises(ArgumentError, match="weights has 399 values but the data have 400 rows"):
        ekc.survival(cohort, "time", "event", "group", weights=w.to_numpy()[:-1])
    with pytest.raises(ArgumentError, match="weights: the Series' index does not hold"):
        ekc.balance(cohort, "group", ["age"], weights=w.iloc[:-5])
    with pytest.raises(ArgumentError, match="cluster='fam': the data have no column 'fam'"):
        ekc.survival(cohort, "time", "event", "group", cluster="fam")
    with pytest.raises(ArgumentError, match="entry has 3 values"):
        ekc.survival(cohort, "time", "event", "group", entry=[0, 0, 0])


def test_missing_weights_are_refused_unless_dropped_and_then_counted(cohort: pd.DataFrame, w: pd.Series) -> None:
    """Issue 21: rows without a weight left the weighted HR, curves and RMST with only a count in a note."""
    holes = w.copy()
    holes.iloc[[3, 50, 51]] = np.nan
    for f, args in ((ekc.survival, ("time", "event", "group")), (ekc.balance, ("group", ["age"]))):
        with pytest.raises(ArgumentError, match="weights are missing for 3 of the 400 analysed rows"):
            quiet(f, cohort, *args, weights=holes)
        res = quiet(f, cohort, *args, weights=holes, missing_weights="drop")
        assert res.settings["weights_dropped"] == 3
        assert any("3 row(s) without a weight" in n for n in res.notes)
    res = quiet(ekc.survival, cohort, "time", "event", "group", weights=holes, missing_weights="drop", tau=3)
    t = res.to_frame().set_index("measure")
    n = t[["n_treated", "n_control"]].sum(axis=1)
    assert (n["hazard_ratio"], n["weighted_hazard_ratio"], n["rmst_difference"]) == (400, 397, 397)
    with pytest.raises(ArgumentError, match="missing_weights='keep'"):
        ekc.survival(cohort, "time", "event", "group", weights=holes, missing_weights="keep")  # type: ignore[arg-type]


def test_a_low_effective_sample_size_warns_per_group_and_states_the_rule(cohort: pd.DataFrame) -> None:
    """Issue 21: survival(weights=) was silent at an effective sample size of 7 of 106."""
    arm = (cohort["group"] == "fgc").to_numpy()
    heavy = np.ones(len(cohort))
    heavy[np.flatnonzero(~arm)[:5]] = 200.0  # five comparison rows carry the group
    ess = effective_size(heavy[~arm])
    assert ess == pytest.approx(heavy[~arm].sum() ** 2 / (heavy[~arm] ** 2).sum())
    for f, args in ((ekc.survival, ("time", "event", "group")), (ekc.balance, ("group", ["age"]))):
        with pytest.warns(
            StatisticalWarning,
            match=rf"effective sample size \(Kish.*{ess:.1f} of {int((~arm).sum())}"
            r".*below 50% of the group or below 30",
        ):
            f(cohort, *args, weights=heavy)
        with pytest.warns(StatisticalWarning) as caught:
            f(cohort, *args, weights=heavy)
        assert not any("fgc:" in str(c.message) for c in caught)  # the group with equal weights is fine
    with warnings.catch_warnings():
        warnings.simplefilter("error", StatisticalWarning)
        ekc.balance(cohort, "group", ["age"], weights=np.full(len(cohort), 2.0))
    res = quiet(ekc.survival, cohort, "time", "event", "group", weights=heavy)
    assert res.effective_size["ess"].min() == pytest.approx(ess)


def test_weighted_results_are_worded_as_weighted(cohort: pd.DataFrame, w: pd.Series) -> None:
    """Issue 21: the first note called the weighted curves 'crude'."""
    res = quiet(ekc.survival, cohort, "time", "event", "group", weights=w, tau=3)
    assert res.notes[0].startswith("Crude (unweighted) estimates (hazard ratio, log-rank):")
    assert "curves" not in res.notes[0]
    assert res.notes[1].startswith(
        "Weighted estimates (the weighted hazard ratio, the Kaplan–Meier curves, the event probabilities and the RMST)"
    )
    plain = quiet(ekc.survival, cohort, "time", "event", "group")
    assert plain.notes[0].startswith("Crude (unweighted) estimates (hazard ratio, log-rank, curves)")


def _survival_outputs(res: ekc.Result) -> list[pd.DataFrame]:
    return [res.to_frame(), res.km, res.rmst, res.event_probability, res.effective_size]


@pytest.mark.parametrize("design", ["plain", "cluster", "entry_cluster"])
def test_every_weighted_estimator_ignores_row_order_and_weight_scale(
    cohort: pd.DataFrame, w: pd.Series, design: str
) -> None:
    """Shuffled rows give the same output to the last bit (the estimators sort their rows canonically);
    weights × 1e-6 or × 1e8 give the same output to 1e-10 (weights are scaled to mean 1 and the
    Kaplan–Meier influence sums are exact). Survival: weighted HR, KM curves and intervals, RMST; balance;
    rate_ratio (clustered, its cluster given as a Series)."""
    extra = {"plain": {}, "cluster": {"cluster": "family"}, "entry_cluster": {"cluster": "family", "entry": "start"}}[
        design
    ]

    def run(d: pd.DataFrame, weights: pd.Series) -> list[pd.DataFrame]:
        surv = quiet(ekc.survival, d, "time", "event", "group", covariates=["age"], weights=weights, tau=3, **extra)
        bal = quiet(ekc.balance, d, "group", COVARIATES, weights=weights)
        rate = quiet(ekc.rate_ratio, d, "n_rereferrals", "exposure_years", "group", cluster=d["family"])
        return [*_survival_outputs(surv), bal.to_frame(), bal.effective_size, rate.to_frame(), rate.rates]

    base = run(cohort, w)
    for seed in (1, 2):
        for mine, theirs in zip(run(cohort.sample(frac=1, random_state=seed), w), base, strict=True):
            pd.testing.assert_frame_equal(mine.reset_index(drop=True), theirs.reset_index(drop=True), check_exact=True)
    for scale in (1e-6, 1e8):
        for mine, theirs in zip(run(cohort, w * scale), base, strict=True):
            mine, theirs = mine.reset_index(drop=True), theirs.reset_index(drop=True)
            pd.testing.assert_frame_equal(mine, theirs, rtol=1e-10, atol=1e-14)


def test_cluster_entry_and_strata_given_as_series_align_like_columns(cohort: pd.DataFrame, w: pd.Series) -> None:
    by_name = quiet(
        ekc.survival,
        cohort.assign(w=w),
        "time",
        "event",
        "group",
        weights="w",
        cluster="family",
        entry="start",
        strata="girl",
        tau=3,
    )
    shuffled = cohort.sample(frac=1, random_state=4)
    by_series = quiet(
        ekc.survival,
        shuffled.assign(w=w),
        "time",
        "event",
        "group",
        weights=w,
        cluster=cohort["family"],
        entry=cohort["start"],
        strata=cohort["girl"],
        tau=3,
    )
    for a, b in zip(_survival_outputs(by_name), _survival_outputs(by_series), strict=True):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_exact=True)
