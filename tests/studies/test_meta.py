"""meta_analysis: HKSJ, the t prediction interval, Egger's test and subgroups against metafor 3.8.

R: Rscript tests/reference/meta2.R (metafor::rma(yi, sei = se, method =, test = "z" | "knha"),
predict(..., pi.type = "riley"), regtest(..., model = "lm"), rma(..., mods = ~ factor(g))), on
metafor's BCG vaccine trials (log risk ratios, dat.bcg) and the package's synthetic study table.
"""

from __future__ import annotations

import contextlib
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


@pytest.fixture(scope="module")
def r() -> pd.Series:
    ref = pd.read_csv(REF / "meta2_R.csv").set_index("name")["value"]
    assert hashlib.md5((SAMPLE / "meta_synthetic.csv").read_bytes()).hexdigest() == ref["syn_md5"], \
        "data/sample/meta_synthetic.csv changed: rerun tests/reference/meta2.R"
    return ref.drop("syn_md5").astype(float)


def _sets() -> dict[str, pd.DataFrame]:
    bcg = pd.read_csv(REF / "meta_bcg.csv").rename(columns={"alloc": "g"})
    syn = pd.read_csv(SAMPLE / "meta_synthetic.csv").rename(columns={"log_rr": "yi", "se": "sei", "design": "g"})
    return {"bcg": bcg, "syn": syn, "syn5": syn.iloc[:5]}


@pytest.mark.parametrize("data_set", ["bcg", "syn", "syn5"])
@pytest.mark.parametrize("method", ["REML", "DL"])
@pytest.mark.parametrize("hksj", [False, True])
def test_pooled_estimate_interval_and_prediction_interval_equal_metafor(data_set: str, method: str, hksj: bool,
                                                                        r: pd.Series) -> None:
    d = _sets()[data_set]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        row = ekc.meta_analysis(d, "yi", "sei", method, hksj=hksj).to_frame().iloc[0]  # type: ignore[arg-type]
    key = f"{data_set}_{method}_{'knha' if hksj else 'z'}"
    for ours, theirs in (("estimate", "est"), ("se", "se"), ("ci_low", "low"), ("ci_high", "high"),
                         ("p_value", "p"), ("tau2", "tau2"), ("pi_low", "pi_low"), ("pi_high", "pi_high")):
        assert row[ours] == pytest.approx(r[f"{key}_{theirs}"], rel=1e-6, abs=1e-10), ours


@pytest.mark.parametrize("data_set", ["bcg", "syn", "syn5"])
def test_egger_equals_regtest_lm(data_set: str, r: pd.Series) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        e = ekc.meta_analysis(_sets()[data_set], "yi", "sei").egger.iloc[0]
    assert e["t"] == pytest.approx(r[f"{data_set}_egger_t"], rel=1e-6)
    assert e["p_value"] == pytest.approx(r[f"{data_set}_egger_p"], rel=1e-6)
    assert e["df"] == r[f"{data_set}_egger_df"]
    assert e["intercept"] == pytest.approx(r[f"{data_set}_egger_b0"], rel=1e-6)


@pytest.mark.parametrize("data_set", ["bcg", "syn"])
def test_subgroups_and_their_test_equal_metafor(data_set: str, r: pd.Series) -> None:
    d = _sets()[data_set]
    res = ekc.meta_analysis(d, "yi", "sei", subgroup="g", hksj=False)
    test = res.subgroup_test.iloc[0]
    assert test["qm"] == pytest.approx(r[f"{data_set}_qm"], rel=1e-6)
    assert test["p_value"] == pytest.approx(r[f"{data_set}_qm_p"], rel=1e-6)
    assert test["tau2_residual"] == pytest.approx(r[f"{data_set}_qm_tau2"], rel=1e-6)
    for sub in res.subgroups.itertuples():
        if sub.k > 1:
            assert sub.estimate == pytest.approx(r[f"{data_set}_sub_{sub.subgroup}_est"], rel=1e-6)
            assert sub.ci_low == pytest.approx(r[f"{data_set}_sub_{sub.subgroup}_low"], rel=1e-6)
    assert f"Subgroups by g: test of a difference QM = {test['qm']:.2f}" in " ".join(res.notes)


def test_few_studies_warn_with_the_coverage_of_the_prediction_interval() -> None:
    d = _sets()["syn5"]
    with pytest.warns(StatisticalWarning, match="use the default hksj='adhoc-sj'"):
        ekc.meta_analysis(d, "yi", "sei", hksj=False)
    with pytest.warns(StatisticalWarning, match=r"only 5 studies: .*prediction interval covered 95–100 %"):
        res = ekc.meta_analysis(d, "yi", "sei")
    assert res.to_frame()["measure"].iloc[0] == "pooled (REML, HKSJ ad hoc (SJ))"
    assert "little power" in " ".join(res.notes)
    with pytest.warns(StatisticalWarning, match="below 95 % whenever"):
        res = ekc.meta_analysis(d, "yi", "sei", hksj=True)
    assert res.to_frame()["measure"].iloc[0] == "pooled (REML, HKSJ)"


def test_default_interval_is_hksj_with_the_sidik_jonkman_floor() -> None:
    """Closed form on the synthetic five studies: SE = max(HKSJ SE, SE at τ²_SJ), t on k − 1; metafor's SJ τ²."""
    from scipy import stats

    from ekc_analysis.stats._meta import pool, tau2_sj

    d = _sets()["syn5"]
    y, s = d["yi"].to_numpy(float), d["sei"].to_numpy(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        row = ekc.meta_analysis(d, "yi", "sei").to_frame().iloc[0]
        kh = pool(y, s, "REML", hksj=True)
    t_sj = tau2_sj(y, s**2)
    se = max(kh.se, float(np.sqrt(1 / np.sum(1 / (s**2 + max(kh.tau2, t_sj))))))
    assert row["se"] == pytest.approx(se, rel=1e-12)
    assert row["estimate"] == pytest.approx(kh.estimate, rel=1e-12)  # the REML estimate, as metafor
    assert row["ci_high"] - row["estimate"] == pytest.approx(stats.t.isf(0.025, 4) * se, rel=1e-12)
    # metafor: rma(y, v, method = "SJ")$tau2 on five made-up studies gives 0.05025937
    assert tau2_sj(np.array([0.1, 0.3, -0.2, 0.25, 0.6]), np.array([0.01, 0.04, 0.02, 0.015, 0.1])) == \
        pytest.approx(0.05025937, rel=1e-6)


def test_two_studies_have_no_prediction_interval_and_subgroup_errors_are_clear() -> None:
    d = pd.DataFrame({"y": [0.1, 0.4], "se": [0.1, 0.2], "g": ["a", "a"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        row = ekc.meta_analysis(d, "y", "se", hksj=False).to_frame().iloc[0]
        assert np.isnan(row["pi_low"]) and np.isnan(row["pi_high"])
        with pytest.raises(ekc.ArgumentError, match="one value only"):
            ekc.meta_analysis(d, "y", "se", subgroup="g")


@pytest.mark.parametrize("data_set", ["bcg", "syn", "syn5"])
def test_adhoc_hksj_is_the_larger_standard_error(data_set: str, r: pd.Series) -> None:
    """R: max(rma(test = "z")$se, rma(test = "knha")$se), t(k − 1) interval, t(k − 2) prediction interval;
    below ten studies (syn5) the caveat that τ² is poorly known."""
    data = _sets()[data_set]
    few = pytest.warns(StatisticalWarning, match=f"^only {len(data)} studies: τ² is poorly known")
    with few if len(data) < 10 else contextlib.nullcontext():
        row = ekc.meta_analysis(data, "yi", "sei", hksj="adhoc").to_frame().iloc[0]
    assert row["measure"] == "pooled (REML, HKSJ ad hoc)"
    assert row["se"] == pytest.approx(r[f"{data_set}_adhoc_se"], rel=1e-6)
    assert row["ci_low"] == pytest.approx(r[f"{data_set}_adhoc_low"], rel=1e-6)
    assert row["pi_high"] == pytest.approx(r[f"{data_set}_adhoc_pi_high"], rel=1e-6)
    with pytest.raises(ekc.ArgumentError, match="hksj='yes'"):
        ekc.meta_analysis(_sets()[data_set], "yi", "sei", hksj="yes")  # type: ignore[arg-type]
