"""compare() with three groups: contrasts against a reference, the omnibus test and the wording.

R: Rscript tests/reference/groups3.R — chisq.test(correct = FALSE), oneway.test(var.equal = FALSE),
clubSandwich::Wald_test(..., vcov = "CR2", test = "Naive-F"); groups_adjusted.R — HC2 Wald tests by hand,
Wald_test(test = "HTZ"), p.adjust; propensity_multi.R — nnet::multinom; on the synthetic samples wodc.csv (the
WODC/UvA design: 84 held / 121 offered, not held / 85 care as usual) and zonmw.csv (children in families).
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import StatisticalWarning

REF = Path(__file__).resolve().parents[1] / "reference"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
SELF = ["held", "not_held"]


@pytest.fixture(scope="module")
def r() -> pd.Series:
    ref = pd.read_csv(REF / "groups3_R.csv").set_index("name")["value"]
    for name in ("wodc", "zonmw"):
        assert hashlib.md5((SAMPLE / f"{name}.csv").read_bytes()).hexdigest() == ref[f"{name}_md5"], \
            f"data/sample/{name}.csv changed: rerun tests/reference/groups3.R"
    return ref.drop(["wodc_md5", "zonmw_md5"]).astype(float)


@pytest.fixture(scope="module")
def wodc() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "wodc.csv")


@pytest.fixture(scope="module")
def zonmw3() -> pd.DataFrame:
    z = pd.read_csv(SAMPLE / "zonmw.csv")
    z["g3"] = np.where(z["group"] == "cau", "cau", np.where(z["conference_held"] == 1, "held", "not_held"))
    return z


def _row(res: ekc.Result, contrast: str, measure: str) -> pd.Series:
    t = res.to_frame()
    return t[(t["contrast"] == contrast) & (t["measure"] == measure)].iloc[0]


def test_binary_outcome_contrasts_and_chi_square_equal_r(wodc: pd.DataFrame, r: pd.Series) -> None:
    res = ekc.compare(wodc, "ots_extension", "group", reference="cau", self_selected=SELF)
    t = res.to_frame()
    assert t["contrast"].unique().tolist() == ["held vs cau", "not_held vs cau", "all groups"]
    omni = _row(res, "all groups", "omnibus")
    assert omni["statistic"] == pytest.approx(r["wodc_chisq"], rel=1e-9) and omni["df"] == 2
    assert np.isnan(omni[["estimate", "ci_low", "ci_high"]].astype(float)).all()  # a test, not an estimate
    assert omni["p_value"] == pytest.approx(r["wodc_chisq_p"], rel=1e-9)
    assert (omni["n_treated"], omni["n_control"]) == (84 + 121, 85)
    assert _row(res, "held vs cau", "risk_difference")["estimate"] == pytest.approx(r["wodc_held_rd"], abs=1e-12)
    assert res.arms["group"].tolist() == ["held", "cau", "not_held"]
    assert "Pearson's chi-square on the 3 × 2 table, 2 df" in " ".join(res.notes)


def test_continuous_outcome_welch_anova_equals_r(wodc: pd.DataFrame, r: pd.Series) -> None:
    res = ekc.compare(wodc, "safety_12", "group", reference="cau", self_selected=SELF)
    omni = _row(res, "all groups", "omnibus")
    assert omni["statistic"] == pytest.approx(r["wodc_welch_f"], rel=1e-9) and omni["df"] == 2
    assert np.isnan(omni["estimate"])
    assert omni["p_value"] == pytest.approx(r["wodc_welch_p"], rel=1e-9)
    md = _row(res, "not_held vs cau", "mean_difference")
    assert md["ci_low"] == pytest.approx(r["wodc_notheld_md_low"], rel=1e-9)


def test_clustered_omnibus_is_the_cr2_htz_wald_test(zonmw3: pd.DataFrame, r: pd.Series) -> None:
    """R (groups_adjusted.R): Wald_test(fit, constrain_zero(2:3), vcov = "CR2", test = "HTZ"); the statistic is
    the Naive-F one of groups3.R times the HTZ correction delta = (nu − q + 1) / nu."""
    radj = pd.read_csv(REF / "groups_adjusted_R.csv").set_index("name")["value"].drop(["wodc_md5", "zonmw_md5"])
    radj = radj.astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        lin = ekc.compare(zonmw3, "safety_12", "g3", reference="cau", cluster="family_id", self_selected=SELF)
        log = ekc.compare(zonmw3, "placed", "g3", reference="cau", cluster="family_id", self_selected=SELF)
    for res, key in ((lin, "zonmw_lin"), (log, "zonmw_log")):
        omni = _row(res, "all groups", "omnibus")
        assert omni["statistic"] == pytest.approx(radj[f"{key}_htz_stat"], rel=1e-6) and omni["df"] == 2
        assert omni["statistic"] < r[f"{key}_f"]  # HTZ shrinks the naive F
        assert np.isnan(omni["estimate"])
        assert omni["p_value"] == pytest.approx(radj[f"{key}_htz_p"], rel=1e-6)
    assert f"F on (2, {radj['zonmw_lin_htz_df2']:.1f}) df (clubSandwich Wald_test HTZ)" in " ".join(lin.notes)
    assert set(lin.clustering.columns) >= {"icc", "design_effect"} or len(lin.clustering) == 2


def test_wording_says_randomised_only_for_randomised_contrasts(wodc: pd.DataFrame) -> None:
    chosen = " ".join(ekc.compare(wodc, "safety_12", "group", reference="cau", self_selected=SELF).notes)
    assert "analysed as randomised" not in chosen
    assert "Families selected themselves into 'held'" in chosen and "not an effect of FGC" in chosen
    assert "compliance= (CACE)" in chosen and "ekc.propensity_weights" in chosen
    observed = " ".join(ekc.compare(wodc, "safety_12", "group", reference="cau", design="observational").notes)
    assert "analysed as randomised" not in observed and "(not randomised)" in observed
    offered = wodc.assign(arm=np.where(wodc["group"] == "cau", "cau", "fgc"))
    randomised = ekc.compare(offered, "safety_12", "arm", reference="cau")
    assert "analysed as randomised" in randomised.notes[0]
    assert randomised.to_frame()["contrast"].unique().tolist() == ["fgc vs cau"]
    two_observed = ekc.compare(offered, "safety_12", "arm", design="observational")
    assert "analysed as randomised" not in " ".join(two_observed.notes)


def test_arguments_are_checked(wodc: pd.DataFrame) -> None:
    with pytest.raises(ekc.ArgumentError, match="has 3 groups .*reference='cau'"):
        ekc.compare(wodc, "safety_12", "group")
    with pytest.raises(ekc.ArgumentError, match="reference='CAU' is not a group of 'group'; groups are: 'cau', "
                                                 "'held', 'not_held'"):
        ekc.compare(wodc, "safety_12", "group", reference="CAU")
    with pytest.raises(ekc.ArgumentError, match="design='rct'"):
        ekc.compare(wodc, "safety_12", "group", reference="cau", design="rct")  # type: ignore[arg-type]
    with pytest.raises(ekc.ArgumentError, match="self_selected names groups that 'group' does not have: 'held_'"):
        ekc.compare(wodc, "safety_12", "group", reference="cau", self_selected=["held_"])
    with pytest.raises(ekc.ArgumentError, match="name the same group"):
        ekc.compare(wodc[wodc["group"] != "held"], "safety_12", "group", treated="cau", reference="cau")


def test_compare_many_keeps_one_row_per_outcome_and_contrast(wodc: pd.DataFrame) -> None:
    res = ekc.compare_many(wodc, ["safety_12", "ots_extension"], "group", reference="cau", self_selected=SELF)
    t = res.to_frame()
    assert t[["outcome", "contrast"]].to_numpy().tolist() == [
        ["safety_12", "held vs cau"], ["safety_12", "not_held vs cau"],
        ["ots_extension", "held vs cau"], ["ots_extension", "not_held vs cau"]]
    assert t["p_holm"].notna().all()


COV = ["age", "prior_reports", "non_western", "safety_0"]
OFFERED = {"offered": ["held", "not_held"]}


@pytest.fixture(scope="module")
def radj() -> pd.Series:
    """Rscript tests/reference/groups_adjusted.R: HC2 Wald tests by hand (sandwich::vcovHC), clubSandwich::Wald_test
    (CR2, "chi-sq", "Naive-F" and "HTZ"), lm contrasts with HC2, p.adjust("holm"/"BH")
    on the shipped sample."""
    ref = pd.read_csv(REF / "groups_adjusted_R.csv").set_index("name")["value"]
    package = ekc.sample_path()
    for name in ("wodc", "zonmw"):
        assert hashlib.md5((package / f"{name}.csv").read_bytes()).hexdigest() == ref[f"{name}_md5"], \
            f"ekc_analysis/intake/sample/{name}.csv changed: rerun tests/reference/groups_adjusted.R"
    return ref.drop(["wodc_md5", "zonmw_md5"]).astype(float)


def test_omnibus_is_adjusted_for_the_same_covariates_hc2_wald_equals_r(wodc: pd.DataFrame, radj: pd.Series) -> None:
    """R: b' solve(vcovHC(fit, "HC2")[g, g]) b for lm(safety_12 ~ group + covariates) and the logistic glm."""
    lin = _row(ekc.compare(wodc, "safety_12", "group", reference="cau", covariates=COV), "all groups", "omnibus")
    assert lin["statistic"] == pytest.approx(radj["wodc_lin_wald"], rel=1e-6) and lin["df"] == 2
    assert lin["p_value"] == pytest.approx(radj["wodc_lin_wald_p"], rel=1e-6)
    res = ekc.compare(wodc, "ots_extension", "group", reference="cau", covariates=COV[:3])
    log = _row(res, "all groups", "omnibus")
    assert log["statistic"] == pytest.approx(radj["wodc_log_wald"], rel=1e-6)
    assert log["p_value"] == pytest.approx(radj["wodc_log_wald_p"], rel=1e-6)
    assert any("Wald test of the 3 groups in a logistic model, adjusted for age, prior_reports, non_western with "
               "HC2 errors, chi-square on 2 df" in n for n in res.notes)


def test_clustered_adjusted_omnibus_equals_clubsandwich_wald_test(zonmw3: pd.DataFrame, radj: pd.Series) -> None:
    """R: Wald_test(lm(safety_12 ~ g3 + safety_0), constrain_zero(2:3), vcov = "CR2", test = "HTZ"); the
    quadratic form Q is that of test = "chi-sq" (F = Q / 2 there), which HTZ scales by delta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        res = ekc.compare(zonmw3, "safety_12", "g3", reference="cau", covariates=["safety_0"], cluster="family_id")
    omni = _row(res, "all groups", "omnibus")
    assert omni["statistic"] == pytest.approx(radj["zonmw_HTZ_stat"], rel=1e-6)
    assert omni["p_value"] == pytest.approx(radj["zonmw_HTZ_p"], rel=1e-6)
    nu = radj["zonmw_HTZ_df2"] + 1  # df_denom = nu − q + 1 with q = 2
    assert omni["statistic"] == pytest.approx((nu - 1) / nu * radj["zonmw_chisq_stat"], rel=1e-6)
    assert any(f"adjusted for safety_0 (CR2, 328 clusters): Hotelling's T² approximation, F on (2, "
               f"{radj['zonmw_HTZ_df2']:.1f}) df" in n for n in res.notes)


def test_offered_vs_cau_by_combine_with_holm_and_bh_equal_r(wodc: pd.DataFrame, radj: pd.Series) -> None:
    """R: lm(safety_12 ~ covariates + arm) per contrast with vcovHC(HC2), t on n − p; p.adjust(holm / BH)."""
    res = ekc.compare(wodc, "safety_12", "group", reference="cau", covariates=COV, combine=OFFERED, adjust="holm")
    t = res.to_frame()
    assert t["contrast"].unique().tolist() == ["held vs cau", "not_held vs cau", "offered vs cau", "all groups"]
    for name in ("held", "not_held", "offered"):
        row = _row(res, f"{name} vs cau", "adjusted_mean_difference")
        assert row["estimate"] == pytest.approx(radj[f"{name}_amd"], rel=1e-6)
        assert row["ci_low"] == pytest.approx(radj[f"{name}_amd_low"], rel=1e-6)
        assert row["p_value"] == pytest.approx(radj[f"{name}_amd_p"], rel=1e-6)
        assert row["df"] == radj[f"{name}_amd_df"]
        assert row["p_adjusted"] == pytest.approx(radj[f"{name}_holm"], rel=1e-9)
    assert t["p_adjusted"].notna().sum() == 3  # the primary rows only
    offered = _row(res, "offered vs cau", "adjusted_mean_difference")
    assert (offered["n_treated"], offered["n_control"]) == (84 + 121, 85)
    bh = ekc.compare(wodc, "safety_12", "group", reference="cau", covariates=COV, combine=OFFERED, adjust="bh")
    for name in ("held", "not_held", "offered"):
        assert _row(bh, f"{name} vs cau", "adjusted_mean_difference")["p_adjusted"] == pytest.approx(
            radj[f"{name}_bh"], rel=1e-9)
    # the omnibus stays over the three original groups, and the notes say what was pooled and adjusted
    assert _row(res, "all groups", "omnibus")["statistic"] == pytest.approx(radj["wodc_lin_wald"], rel=1e-6)
    text = " ".join(res.notes)
    assert "offered pools held and not_held into one group" in text and "Holm's step-down" in text


def test_three_groups_are_observational_and_only_the_fgc_group_is_called_fgc(wodc: pd.DataFrame) -> None:
    res = ekc.compare(wodc, "ots_extension", "group", reference="cau", combine=OFFERED)
    assert res.settings["design"] == "observational"
    assert res.settings["fgc"] == {"held": True, "not_held": False, "offered": True}
    text = " ".join(res.notes)
    assert "analysed as randomised" not in text and "Intention to treat" not in text
    assert "84 in held (FGC)" in text and "205 in offered (FGC)" in text
    assert "121 in not_held and 85 in cau" in text and "not_held (FGC)" not in text
    assert "None" not in text  # notes never say None
    from ekc_analysis.results._display import title

    assert title(res, "en") == ("Differences in supervision order extended (yes/no outcome): 3 groups against "
                                "care as usual")
    assert title(res, "nl").startswith("Verschillen in") and "niet door loting" in title(res, "nl")
    # a three-arm trial stated as randomised: randomised wording, FGC only for the FGC arms
    trial = wodc.assign(arm=wodc["group"].map({"held": "fgc", "not_held": "phone", "cau": "cau"}))
    r3 = " ".join(ekc.compare(trial, "safety_12", "arm", reference="cau", design="randomised").notes)
    assert "Intention to treat: 84 in fgc (FGC) and 85 in cau, analysed as randomised" in r3
    assert "Randomised comparison: 121 in phone and 85 in cau, analysed as randomised" in r3
    # treated= names the FGC group(s) when the labels do not say it
    named = ekc.compare(trial, "safety_12", "arm", "phone", reference="cau", design="randomised")
    assert named.settings["fgc"] == {"fgc": False, "phone": True}


def test_moderator_notes_for_both_kinds_and_never_none(wodc: pd.DataFrame) -> None:
    offered = wodc.assign(arm=np.where(wodc["group"] == "cau", "cau", "fgc"))
    cont = ekc.compare(offered, "safety_12", "arm", moderator="non_western")
    assert any(n.startswith("Moderator non_western: interaction from lm(y ~ arm * non_western)") for n in cont.notes)
    plain = ekc.compare(offered, "ots_extension", "arm")
    assert not any("Moderator" in n or "None" in n for n in plain.notes)


def test_combine_and_adjust_are_checked(wodc: pd.DataFrame) -> None:
    with pytest.raises(ekc.ArgumentError, match="'helt' not found"):
        ekc.compare(wodc, "safety_12", "group", reference="cau", combine={"offered": ["helt", "not_held"]})
    with pytest.raises(ekc.ArgumentError, match="pools the reference group"):
        ekc.compare(wodc, "safety_12", "group", reference="cau", combine={"all": ["held", "cau"]})
    with pytest.raises(ekc.ArgumentError, match="has the name of an existing group"):
        ekc.compare(wodc, "safety_12", "group", reference="cau", combine={"held": ["held", "not_held"]})
    with pytest.raises(ekc.ArgumentError, match="adjust='bonferroni'"):
        ekc.compare(wodc, "safety_12", "group", reference="cau", adjust="bonferroni")  # type: ignore[arg-type]
    two = wodc[wodc["group"] != "held"]
    with pytest.raises(ekc.ArgumentError, match="has two .*compare_many"):
        ekc.compare(two, "safety_12", "group", reference="cau", adjust="holm")


def test_plot_has_one_named_row_per_contrast_and_one_panel_per_measure(wodc: pd.DataFrame) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    res = ekc.compare(wodc, "safety_12", "group", reference="cau", covariates=["safety_0"], combine=OFFERED)
    cases = (("en", "held a conference vs care as usual", "better in care as usual"),
             ("nl", "conferentie gehouden tegenover gebruikelijke zorg", "beter in gebruikelijke zorg"))
    for lang, vs, better in cases:
        ax = res.plot(lang=lang)
        fig = ax.figure
        panels = fig.axes
        assert len(panels) == 3  # mean difference, Hedges' g, adjusted mean difference: no shared axis
        for panel in panels:
            names = [t.get_text() for t in panel.get_yticklabels()]
            assert len(names) == 3 and names[0] == vs  # one row per contrast, named by its groups
            assert better in panel.get_xlabel()  # direction labels (higher safety is better)
        title = fig._suptitle.get_text()
        assert title == ("Safety at 12 months: 3 groups against care as usual" if lang == "en" else
                         "Veiligheid na 12 maanden: 3 groepen tegenover gebruikelijke zorg")
        assert "trial" not in title and "experiment" not in title
        fig.canvas.draw()
        box = fig.bbox
        for text in [fig._suptitle, *(t for p in panels for t in [p.xaxis.label, *p.get_yticklabels()])]:
            extent = text.get_window_extent()
            assert extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1, text.get_text()  # nothing cut off
        plt.close(fig)


def test_propensity_weights_for_three_groups_equal_r_multinom_with_balance_per_pair(wodc: pd.DataFrame) -> None:
    """R (tests/reference/propensity_multi.R): nnet::multinom(group ~ covariates); ATE weights share / p_group."""
    ref = pd.read_csv(REF / "propensity_multi_R.csv").set_index("name")["value"]
    package = ekc.sample_path()
    assert hashlib.md5((package / "wodc.csv").read_bytes()).hexdigest() == ref["md5"]
    r = ref.drop("md5").astype(float)
    w = ekc.propensity_weights(wodc, "group", COV)
    ps = w.attrs["propensity"]
    assert list(ps.columns) == ["cau", "held", "not_held"] and w.attrs["model"] == "multinomial logit"
    assert ps.iloc[0]["held"] == pytest.approx(r["p_held_1"], rel=1e-6)
    assert ps.iloc[0]["not_held"] == pytest.approx(r["p_not_held_1"], rel=1e-6)
    assert np.allclose(ps.sum(axis=1), 1.0)
    assert (w.iloc[0], w.iloc[1]) == pytest.approx((r["w_1"], r["w_2"]), rel=1e-6)
    assert (w.sum(), w.max()) == pytest.approx((r["w_sum"], r["w_max"]), rel=1e-6)
    for g in ("cau", "held", "not_held"):
        assert w.attrs["ess"][g] == pytest.approx(r[f"ess_{g}"], rel=1e-6)
    b = w.attrs["balance"]
    assert set(b["pair"]) == {"cau vs held", "cau vs not_held", "held vs not_held"}  # every pair
    age = b[(b["pair"] == "cau vs held") & (b["covariate"] == "age") & (b["sample"] == "weighted")]["smd"].iloc[0]
    assert age == pytest.approx(r["smd_age_cau_held_weighted"], rel=1e-6)
    weighted = b[b["sample"] == "weighted"]["smd"].abs()
    assert weighted.max() < 0.3 * b[b["sample"] == "unweighted"]["smd"].abs().max()  # 0.15 from 0.57
    att = ekc.propensity_weights(wodc, "group", COV, estimand="ATT", treated="held")
    held = wodc["group"] == "held"
    assert np.allclose(att[held], 1.0)  # ATT: the treated group keeps weight 1
    with pytest.raises(ekc.ArgumentError, match="name the target group with treated="):
        ekc.propensity_weights(wodc, "group", COV, estimand="ATT")


def test_report_paragraph_words_wodc_as_observational_in_both_languages(wodc: pd.DataFrame) -> None:
    from ekc_analysis.reporting import _studies as studies
    from ekc_analysis.reporting._disclosure import Disclosure
    from ekc_analysis.reporting._numbers import Numbers

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        r = studies.wodc_results(wodc)
        direct = ekc.compare(wodc, "ots_extension", "group", reference="cau", covariates=COV[:3], combine=OFFERED,
                             self_selected=SELF, adjust="holm")
    assert r is not None
    res = r.primary  # the extension of the supervision order, the sample's primary outcome
    pd.testing.assert_frame_equal(res.table, direct.table)
    offered = _row(res, "offered vs cau", "adjusted_risk_difference")
    holm = [_row(res, f"{c} vs cau", "adjusted_risk_difference")["p_adjusted"] for c in ("offered", "held", "not_held")]
    omni = _row(res, "all groups", "omnibus")["p_value"]
    for lang, words, pp, ci in (
            ("en", ("observational comparison", "offered vs care as usual", "Holm-adjusted"), "pp", "95% CI"),
            ("nl", ("observationele vergelijking", "aangeboden tegenover gebruikelijke zorg", "p-waarden volgens Holm"),
             "%-punt", "95%-BI")):
        nb = Numbers(lang, Disclosure(10, lang))  # type: ignore[arg-type]
        text = studies._wodc(r, lang, nb)[1]  # the WODC page's paragraph
        assert all(w in text for w in words) and "randomis" not in text
        # the risk difference in percentage points, its interval in the report's one style
        def num(x: float, digits: int, lang: str = lang) -> str:
            s = f"{x:.{digits}f}".replace("-", "\u2212")
            return s.replace(".", ",") if lang == "nl" else s

        e, lo, hi = (num(100 * offered[k], 1) for k in ("estimate", "ci_low", "ci_high"))
        assert f"{e} {pp} ({ci} {lo} {pp} – {hi} {pp})" in text
        assert ", ".join(num(p, 3) for p in holm) in text and f"p = {num(omni, 3)}" in text
        assert "205" in text  # everyone offered: 84 held + 121 not held


def test_holm_keeps_the_family_wise_error_of_two_contrasts_at_5_percent() -> None:
    """Seeded, 4,000 replicates of the WODC shape under no difference (84 / 121 / 85 families): two Welch
    contrasts against care as usual give at least one p < 0.05 in 8.9 % of replicates; after Holm 4.4 %
    (ekc's p_adjust, = p.adjust; bound 5 % + 2.5 MC SE), after BH 4.5 % (under the global null FDR = FWER)."""
    from scipy import stats

    from ekc_analysis.studies._contrast_tests import p_adjust

    rng = np.random.default_rng(22)
    reps = 4000
    held, not_held, cau = (rng.normal(size=(n, reps)) for n in (84, 121, 85))
    p = np.column_stack([stats.ttest_ind(a, cau, equal_var=False).pvalue for a in (held, not_held)])
    raw = (p < 0.05).any(axis=1).mean()
    holm = np.array([(p_adjust(row, "holm") < 0.05).any() for row in p]).mean()
    bh = np.array([(p_adjust(row, "bh") < 0.05).any() for row in p]).mean()
    band = 2.5 * np.sqrt(0.05 * 0.95 / reps)
    assert raw > 0.05 + band  # unadjusted: 8.9 %
    assert holm <= 0.05 + band and bh <= 0.05 + band  # under the global null FDR = FWER
    assert p_adjust([0.01, np.nan, 0.04, 0.03], "holm") == pytest.approx([0.03, np.nan, 0.06, 0.06], nan_ok=True)
    assert p_adjust([0.01, 0.04, 0.03], "bh") == pytest.approx([0.03, 0.04, 0.04])  # p.adjust(c(.01,.04,.03), "BH")
