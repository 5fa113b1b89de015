"""Result displays (``Result.display``, ``summary``, ``_repr_html_``): readable labels in the chosen language,
one format per kind of number, ratios on the ratio scale, test statistics apart from estimates."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import ekc_analysis as ekc
from ekc_analysis.errors import StatisticalWarning
from ekc_analysis.intake._load import SAMPLE_DIR

SELF = ["held", "not_held"]


@pytest.fixture(scope="module")
def reg() -> ekc.Registry:
    return ekc.load(SAMPLE_DIR, as_of="2024-12-31")


@pytest.fixture(scope="module")
def results(reg: ekc.Registry) -> dict[str, ekc.Result]:
    trial = ekc.load_study(ekc.sample_path("trial.csv"))
    wodc = pd.read_csv(ekc.sample_path("wodc.csv"))
    cohort = pd.read_csv(ekc.sample_path("cohort.csv"))
    meta = pd.read_csv(ekc.sample_path("meta_synthetic.csv"))
    covs = ["age", "girl", "prior_referrals", "reason", "immigrant"]
    ends = cohort.assign(end=cohort["event"].where(cohort["age"] + cohort["time"] < 17.5, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        w = ekc.propensity_weights(cohort, "group", covs)
        out = {
            "funnel": ekc.funnel(reg), "funnel_by": ekc.funnel(reg, by="region"), "plans": ekc.plans(reg),
            "execution": ekc.execution(reg),
            "compare": ekc.compare(trial, "ots_extension", "group", covariates=["age", "prior_reports"],
                                   moderator="non_western", compliance="conference_held"),
            "compare3": ekc.compare(wodc, "ots_extension", "group", reference="cau", self_selected=SELF),
            "compare_many": ekc.compare_many(trial, ["safety_12", "professional_care_12", "ots_extension"], "group"),
            "survival": ekc.survival(cohort, "time", "event", "group", covariates=covs, weights=w, tau=3),
            "competing": ekc.competing_risks(ends, "time", "end", "group", treated="fgc"),
            "meta": ekc.meta_analysis(meta, "log_rr", "se", study="study", exp=True),
            "meta_log": ekc.meta_analysis(meta, "log_rr", "se", study="study"),
        }
    out.update({f"{k}_reference": out[k].versus_reference() for k in ("funnel", "plans", "execution")})
    return out


def _cells(frame: pd.DataFrame) -> list[str]:
    return [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_internal_names_and_no_empty_columns(results: dict[str, ekc.Result], lang: str) -> None:
    for name, res in results.items():
        shown = res.display(lang)
        internal = [c for c in _cells(shown) if re.search(r"[a-z]_[a-z0-9]", c)]
        assert internal == [], (name, internal)  # plan_without_conference, ci_low, n_treated ...
        assert "None" not in _cells(shown) and "nan" not in _cells(shown), name
        empty = [c for c in shown.columns if (shown[c] == "").all()]
        assert empty == [], (name, empty)  # e.g. a level column with nothing in it
    assert "Level" not in results["funnel"].display(lang).columns
    assert ("Plan zonder conferentie" if lang == "nl" else "Plan without conference") in \
        results["funnel"].display(lang).iloc[:, 0].tolist()


def test_shares_are_percentages_decided_per_row(results: dict[str, ekc.Result]) -> None:
    raw = results["plans"].to_frame().set_index("metric")
    for lang, point in (("en", "."), ("nl", ",")):
        shown = results["plans"].display(lang).set_index("Maat" if lang == "nl" else "Measure")
        col = "Schatting" if lang == "nl" else "Estimate"
        rate = raw.loc["plan_rate", "estimate"]
        plan = "Conferenties met een plan" if lang == "nl" else "Conferences with a plan"
        assert shown.loc[plan, col] == f"{100 * rate:.1f}%".replace(".", point)
        share = "Aandeel met professionele hulp" if lang == "nl" else "Share calling on professional help"
        assert shown.loc[share, col] == f"{100 * raw.loc['professional_share', 'estimate']:.1f}%".replace(".", point)
        mean = "Afspraken per plan" if lang == "nl" else "Agreements per plan"
        assert shown.loc[mean, col] == f"{raw.loc['agreements_per_plan', 'estimate']:.1f}".replace(".", point)
    # the data stay raw numbers
    assert results["plans"].to_frame()["estimate"].dtype == float and 0 < rate < 1


def test_dutch_uses_a_decimal_comma_and_a_thousands_point(results: dict[str, ekc.Result]) -> None:
    raw = results["funnel"].to_frame()
    nl = results["funnel"].display("nl")
    en = results["funnel"].display("en")
    assert nl["n"].iloc[0] == f"{int(raw['n'].iloc[0]):,}".replace(",", ".") == "1.019"
    assert en["n"].iloc[0] == "1,019" and en["Of"].iloc[0] == "1,470"
    assert nl["Aandeel"].iloc[0] == f"{100 * raw['share'].iloc[0]:.1f}%".replace(".", ",") == "69,3%"
    assert all("," in v and "." not in v for v in nl["Aandeel"])
    text = results["funnel"].summary(lang="nl")
    assert "69,3%" in text and "Hoe de aanmelding eindigde" in text


def test_versus_reference_shows_points_for_differences(results: dict[str, ekc.Result]) -> None:
    raw = results["funnel_reference"].to_frame()
    en = results["funnel_reference"].display("en")
    nl = results["funnel_reference"].display("nl")
    assert en["Difference"].tolist() == [f"{100 * d:.1f} pp" for d in raw["difference"]]
    assert nl["Verschil"].tolist() == [f"{100 * d:.1f} %-punt".replace(".", ",") for d in raw["difference"]]
    for col in ("Difference", "Difference, 95% CI lower", "Difference, 95% CI upper"):
        assert not any(v.endswith("%") for v in en[col]), col
    assert en["Share"].str.endswith("%").all() and en["Published"].tolist() == ["70.0%", "15.0%", "15.0%"]
    plans = results["plans_reference"].display("en").set_index("Measure")
    assert plans.loc["Conferences with a plan", "Difference"].endswith(" pp")
    mean = plans.loc["Agreements per plan"]
    assert mean["Published"] == "15.0" and not mean["Difference"].endswith(("pp", "%"))


def test_risk_differences_in_points_ratios_on_the_ratio_scale(results: dict[str, ekc.Result]) -> None:
    """The odds ratio's interval as displayed = exp of the logistic regression's log-odds interval (statsmodels),
    rounded to two decimals."""
    import statsmodels.api as sm

    res = results["compare"]
    raw, shown = res.to_frame(), res.display("en")
    rd = raw.index[raw["measure"] == "risk_difference"][0]
    assert shown.loc[rd, "Estimate"] == f"{100 * raw.loc[rd, 'estimate']:.1f} pp"
    trial = ekc.load_study(ekc.sample_path("trial.csv"))
    y = trial["ots_extension"].to_numpy(float)
    x = sm.add_constant((trial["group"] == "fgc").to_numpy(float))
    lo, hi = sm.Logit(y, x).fit(disp=0).conf_int()[1]
    orow = raw.index[(raw["measure"] == "odds_ratio") & raw["level"].isna()][0]
    assert (shown.loc[orow, "95% CI lower"], shown.loc[orow, "95% CI upper"]) == (f"{np.exp(lo):.2f}",
                                                                                 f"{np.exp(hi):.2f}")
    assert shown.loc[orow, "Estimate"] == f"{raw.loc[orow, 'estimate']:.2f}"


def test_meta_ratio_display_equals_exp_of_log_bounds_and_names_the_log_scale(results: dict[str, ekc.Result]) -> None:
    log = results["meta_log"].to_frame().iloc[0]
    shown = results["meta"].display("en").iloc[0]
    for col, key in (("Estimate", "estimate"), ("95% CI lower", "ci_low"), ("95% CI upper", "ci_high"),
                     ("Prediction interval lower", "pi_low"), ("Prediction interval upper", "pi_high")):
        assert shown[col] == f"{np.exp(log[key]):.2f}", col
    assert "SE" not in shown.index and shown["SE (log scale)"] == f"{log['se']:.3f}"
    assert "τ² (log scale)" in shown.index and shown["I²"] == f"{log['i2']:.1f}%"
    assert "SE" in results["meta_log"].display("en").columns  # not a ratio: a plain SE
    for res in (results["compare"], results["survival"], results["competing"]):
        t = res.to_frame()
        ratio = t[t["measure"].str.contains("ratio") & t["estimate"].notna()]
        assert ((ratio["ci_low"] > 0) & (ratio["ci_low"] <= ratio["estimate"])
                & (ratio["estimate"] <= ratio["ci_high"])).all()  # every ratio's interval on the ratio scale


def test_omnibus_statistic_equals_pearson_chi_square(results: dict[str, ekc.Result]) -> None:
    wodc = pd.read_csv(ekc.sample_path("wodc.csv")).dropna(subset=["ots_extension", "group"])
    chi2, p, dof, _ = stats.chi2_contingency(pd.crosstab(wodc["group"], wodc["ots_extension"]), correction=False)
    t = results["compare3"].to_frame()
    omni = t[t["measure"] == "omnibus"].iloc[0]
    assert omni["statistic"] == pytest.approx(chi2, rel=1e-12) and omni["df"] == dof == 2
    assert omni["p_value"] == pytest.approx(p, rel=1e-12) and np.isnan(omni["estimate"])
    assert list(t.columns[-2:]) == ["statistic", "df"] and t.loc[t["measure"] != "omnibus", "statistic"].isna().all()
    row = results["compare3"].display("en").iloc[-1]
    assert row["Measure"] == "Omnibus test (do the groups differ at all)"
    assert (row["Estimate"], row["Test statistic"], row["df"]) == ("", f"{chi2:.2f}", "2")
    nl = results["compare3"].display("nl").iloc[-1]
    assert nl["Toetsingsgrootheid"] == f"{chi2:.2f}".replace(".", ",") and nl["Vergelijking"] == "Alle groepen"


def test_log_rank_and_gray_are_statistics(results: dict[str, ekc.Result]) -> None:
    t = results["survival"].to_frame().set_index("measure")
    shown = results["survival"].display("en").set_index("Measure")
    row = shown.loc["Log-rank test (chi-square)"]
    assert row["Estimate"] == "" and row["Test statistic"] == f"{t.loc['logrank', 'statistic']:.2f}"
    assert row["df"] == "1" and shown.loc["Hazard ratio", "Test statistic"] == ""
    gray = results["competing"].to_frame().query("measure == 'gray_test'")
    assert gray["statistic"].gt(0).all() and gray["estimate"].isna().all() and (gray["df"] == 1).all()


def test_set_language_validates_and_drives_the_notebook_table(results: dict[str, ekc.Result]) -> None:
    assert ekc.get_language() == "en"
    for bad in ("de", "", None, 1):
        with pytest.raises(ekc.ArgumentError, match=r"lang=.*choose 'nl' \(Dutch\) or 'en'"):
            ekc.set_language(bad)  # type: ignore[arg-type]
    with pytest.raises(ekc.ArgumentError, match="lang='fr'"):
        results["funnel"].display("fr")
    try:
        ekc.set_language(" NL ")
        assert ekc.get_language() == "nl"
        html = results["funnel"]._repr_html_()
        assert "Plan zonder conferentie" in html and "69,3%" in html and "plan_without_conference" not in html
        assert "Gestopt in voorbereiding" in results["funnel"].summary()
        assert "Stopped in preparation" in results["funnel"].summary(lang="EN")
    finally:
        ekc.set_language("en")
    assert "Plan without conference" in results["funnel"]._repr_html_()


def test_strata_keep_their_values_and_years_have_no_separator(reg: ekc.Registry) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        shown = ekc.funnel(reg, by="year").display("nl")
    assert shown.columns[0] == "Jaar van aanmelding" and shown.iloc[0, 0] == "2016"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_titles_name_things_in_words_in_the_chosen_language(results: dict[str, ekc.Result], lang: str) -> None:
    """The heading of summary() and of the notebook table: no column names, Dutch in Dutch."""
    for name, res in results.items():
        heading = res.summary(lang).splitlines()[0]
        assert not re.search(r"[a-z]_[a-z0-9]", heading), (name, heading)
    plans = results["plans"].summary(lang).splitlines()[0]
    assert plans == ("Plannen: aandeel met plan, afspraken per plan, professionele hulp" if lang == "nl"
                     else "Plans: plan rate, agreements per plan, professional help")
    ekc.set_language(lang)
    try:
        html = results["funnel"]._repr_html_()
    finally:
        ekc.set_language("en")
    assert ("Trechter: hoe aanmeldingen eindigen" if lang == "nl" else "Funnel: how initiatives end") in html


def test_the_dutch_notebook_table_has_dutch_title_and_notes(results: dict[str, ekc.Result]) -> None:
    """Titles and notes are messages rendered when shown: summary('nl') and the Dutch notebook table."""
    funnel = results["funnel"]
    ekc.set_language("nl")
    try:
        html = funnel._repr_html_()
    finally:
        ekc.set_language("en")
    assert "Een trechter beschrijft waar aanmeldingen eindigen" in html and "Trechter: hoe" in html
    assert "- Een trechter beschrijft waar aanmeldingen eindigen; over het effect van een conferentie zegt hij " \
           "niets." in funnel.summary("nl")
    assert "A funnel describes where initiatives end" in funnel.summary("en") and str(funnel.title) == \
        "Funnel: how initiatives end"
