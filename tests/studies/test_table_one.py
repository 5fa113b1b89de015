"""ekc.table_one against numbers recomputed by hand in R (tests/reference/table_one.R, survival::pbc)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import ArgumentError
from ekc_analysis.studies._table_one import yang_dalton

REF = Path(__file__).resolve().parents[1] / "reference"
VARIABLES = ["age", "sex", "edema", "stage", "bili", "chol", "albumin", "platelet", "chol_band", "ascites"]
NUMBERS = ["n", "percent", "mean", "sd", "median", "q1", "q3", "missing", "missing_percent", "smd"]


@pytest.fixture(scope="module")
def pbc() -> pd.DataFrame:
    return pd.read_csv(REF / "table_one_data.csv", dtype={"edema": str, "stage": str})


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    ref = pd.read_csv(REF / "table_one_R.csv", dtype={"level": str})
    ref["level"] = ref["level"].fillna("")
    return ref


@pytest.mark.parametrize("sample", ["unweighted", "weighted"])
def test_every_number_equals_r_by_hand(pbc, reference, sample) -> None:
    r = ekc.table_one(
        pbc, "group", VARIABLES, weights="w" if sample == "weighted" else None, nonnormal=["bili", "chol"]
    )
    t = r.to_frame()
    assert list(t.columns) == [
        "variable",
        "level",
        "group",
        "n",
        "percent",
        "mean",
        "sd",
        "median",
        "q1",
        "q3",
        "missing",
        "missing_percent",
        "smd",
    ]
    t["level"] = t["level"].fillna("")
    ref = reference[(reference["sample"] == sample) & (reference["variable"] != "(ess)")]
    both = ref.merge(t, on=["variable", "level", "group"], how="outer", suffixes=("_r", "_py"), indicator=True)
    assert (both["_merge"] == "both").all(), both.loc[both["_merge"] != "both", ["variable", "level", "group"]]
    assert len(both) == 38  # 5 numbers x 2 groups + 14 levels x 2 groups
    for col in NUMBERS:
        r_, py = both[f"{col}_r"].astype(float), both[f"{col}_py"].astype(float)
        assert (r_.isna() == py.isna()).all(), col
        np.testing.assert_allclose(py[r_.notna()], r_[r_.notna()], rtol=1e-10, atol=1e-10, err_msg=col)


def test_effective_sample_size_equals_r(pbc, reference) -> None:
    ess = reference[reference["variable"] == "(ess)"].set_index("group")["n"]
    groups = ekc.table_one(pbc, "group", ["age"], weights=pbc["w"]).groups.set_index("group")
    np.testing.assert_allclose(groups.loc[ess.index, "ess"], ess, rtol=1e-10)
    assert groups["n"].tolist() == [158, 154]


def test_known_values(pbc) -> None:
    """tableone's pbc example prints SMD 0.270 for age, and 137 women (86.7 %) with D-penicillamine."""
    t = ekc.table_one(pbc, "group", ["age", "sex"]).to_frame()
    assert t.loc[t.variable == "age", "smd"].iloc[0] == pytest.approx(0.2702619, abs=1e-7)
    women = t[(t.variable == "sex") & (t.level == "f") & (t.group == "penicillamine")].iloc[0]
    assert (women["n"], round(women["percent"], 1)) == (137, 86.7)


def test_yang_dalton_reduces_to_the_binary_smd() -> None:
    p1, p0 = 0.3, 0.5
    expected = abs(p1 - p0) / np.sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / 2)
    assert yang_dalton(np.array([1 - p1, p1]), np.array([1 - p0, p0])) == pytest.approx(expected, rel=1e-12)


def test_cluster_counts_per_group() -> None:
    d = pd.DataFrame({"g": ["a"] * 4 + ["b"] * 3, "x": [1.0, 2, 3, 4, 5, 6, 7], "fam": [1, 1, 2, 3, 4, 4, 4]})
    r = ekc.table_one(d, "g", ["x"], cluster="fam")
    assert r.groups["n_clusters"].tolist() == [3, 1]
    assert r.display("en").set_index("Characteristic").loc["clusters"].tolist()[:2] == ["3", "1"]
    assert any("3 clusters" in n or "a 3" in n for n in r.notes)


def test_weights_must_be_complete(pbc) -> None:
    w = pbc["w"].copy()
    w.iloc[:3] = np.nan
    with pytest.raises(ArgumentError, match="3 rows have no weight"):
        ekc.table_one(pbc, "group", ["age"], weights=w)
    with pytest.raises(ArgumentError, match="nonnormal"):
        ekc.table_one(pbc, "group", ["age"], nonnormal=["bili"])


def test_manuscript_table_in_dutch_and_english(pbc) -> None:
    r = ekc.table_one(pbc, "group", ["age", "sex", "chol"], nonnormal=["chol"])
    nl, en = r.display("nl"), r.display("en")
    assert list(nl.columns) == ["Kenmerk", "Penicillamine (n = 158)", "Placebo (n = 154)", "SMD"]
    rows = nl.set_index("Kenmerk")
    assert rows.loc["Leeftijd, gemiddelde (SD)", "Penicillamine (n = 158)"] == "51,4 (11,0)"
    assert rows.loc["Leeftijd, gemiddelde (SD)", "SMD"] == "0,270"
    assert rows.loc["    f", "Penicillamine (n = 158)"] == "137 (86,7)"
    assert rows.loc["Chol, mediaan [Q1, Q3]", "Placebo (n = 154)"] == "303,5 [254,2, 377,0]"
    assert rows.loc["    ontbrekend, n (%)", "Penicillamine (n = 158)"] == "18 (11,4)"
    assert en.set_index("Characteristic").loc["Age, mean (SD)", "Placebo (n = 154)"] == "48.6 (10.0)"
    assert "Kenmerken bij aanvang" in r.summary("nl")


def test_weighted_manuscript_shows_the_effective_sample_size(pbc) -> None:
    r = ekc.table_one(pbc, "group", ["age"], weights="w")
    shown = r.display("nl").set_index("Kenmerk")
    assert shown.loc["Effectieve steekproefomvang", "Penicillamine (n = 158)"] == "154,8"
    assert shown.loc["Leeftijd, gemiddelde (SD)", "SMD ongewogen"] == "0,270"  # before weighting (tableone: 0.270)
    weighted_smd = r.to_frame()["smd"].iloc[0]
    assert shown.loc["Leeftijd, gemiddelde (SD)", "SMD gewogen"] == f"{weighted_smd:.3f}".replace(".", ",")


def test_low_effective_sample_size_warns(pbc) -> None:
    w = np.where(np.arange(len(pbc)) % 20 == 0, 50.0, 1.0)
    with pytest.warns(ekc.StatisticalWarning, match="effective sample size below half"):
        r = ekc.table_one(pbc, "group", ["age"], weights=w)
    assert (r.groups["ess"] < 0.5 * r.groups["n"]).all()


def test_imputations_average_every_number(pbc) -> None:
    """table_one on an Imputations (pbc's real missing chol and platelet): every number is the average of the
    per-imputation tables, 'missing' counts the imputed values per group, weights estimated within each."""
    variables = ["age", "sex", "bili", "chol", "albumin", "platelet", "stage"]
    data = pbc[["group", *variables]].assign(stage=pbc["stage"].astype(str))
    imp = ekc.impute(data, m=4, seed=8)
    res = ekc.table_one(imp, "group", variables, nonnormal=["bili"])
    per = [ekc.table_one(f, "group", variables, nonnormal=["bili"]).to_frame() for f in imp.completed]
    t = res.to_frame()
    assert res.settings["m"] == 4 and len(res.imputations) == 4 * len(t)
    averaged = ["n", "percent", "mean", "sd", "median", "q1", "q3", "smd"]
    np.testing.assert_allclose(t[averaged].to_numpy(float), np.mean([p[averaged].to_numpy(float) for p in per], 0),
                               rtol=1e-12)
    chol = t[t["variable"] == "chol"].set_index("group")
    first = per[0].query("variable == 'chol'")["mean"]
    assert chol["mean"].nunique() == 2 and not np.isclose(chol["mean"], first).all()
    for g in ("penicillamine", "placebo"):
        assert chol.loc[g, "missing"] == int(pbc.loc[pbc["group"] == g, "chol"].isna().sum())
        assert chol.loc[g, "missing_percent"] == pytest.approx(
            100 * pbc.loc[pbc["group"] == g, "chol"].isna().mean())
    assert (t.loc[t["variable"] == "age", "missing"] == 0).all()
    assert "average over the 4 completed data sets" in " ".join(res.notes)
    weighted = ekc.table_one(imp, "group", ["age", "chol"],
                             weights=lambda d: ekc.propensity_weights(d, "group", ["age", "chol"], treated="placebo"))
    assert weighted.settings["weighted"] and weighted.groups["ess"].between(100, 160).all()
    per_w = weighted.imputations.query("variable == 'chol'").groupby("imputation")["mean"].first()
    assert per_w.nunique() == 4
