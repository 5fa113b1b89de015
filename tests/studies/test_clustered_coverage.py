"""Coverage of compare()'s intervals in trials shaped like the real ones (seeded, 4,000 replicates each).

(a) ZonMw shape: 328 families randomised 229 : 99, 529 children (1 to 4 per family), siblings alike
    (ICC 0.4), no true effect. Without clusters the child-level intervals covered 91 % (risk difference,
    odds ratio) and 86 % (mean difference); with ``cluster="family_id"`` (CR2, t on G − 1 df) they must
    cover 95 % ± 1.2 points (2.5 Monte Carlo SE at 2,000 replicates).
(b) Unequal arms 229 : 99 with SD 1 vs 2 and a baseline covariate: the ANCOVA interval with HC2 errors
    covers 95 % (classical OLS errors covered 87 %).
(c) Few clusters (regions, municipalities): 10 clusters randomised 7 : 3 and 20 clusters 14 : 6, 5 to 60
    rows each, ICC 0.2, no effect; 2,000 replicates each (8 randomisations x 250 outcomes). The mean
    difference with CR2 and Satterthwaite df (compare()'s default) covers 95.2 % at 10 clusters (df 2.6 to
    4.4) and 95.6 % at 20 (df 5.0 to 10.6); t on G − 1 (``small_sample="naive"``) 90.4 % and 93.3 %. Over
    other seeds (8 x 500 replicates, sizes 5 to 60, 10 to 30 or equal) Satterthwaite ran 96.2 to 97.4 % at
    10 clusters: with 3 control clusters it errs on the wide side, so that case is bounded by 95 % − 1.2
    and 97.5 %, the 20-cluster case by 95 % ± 1.2.

The replicates are computed with the same stats functions compare() uses, vectorised over replicates
(one design, many outcome vectors); one replicate is also run through compare() and must give the same
numbers.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import ekc_analysis as ekc
from ekc_analysis.stats._sandwich import Satterthwaite, cr2, hc2, sandwich

REPS = 4000  # >= 2,000 required; both scenarios take seconds
BAND = 0.012
SIZES = np.repeat([1, 2, 3, 4], [189, 90, 36, 13])  # 328 families, 529 children


def zonmw_design(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Family of each child and its arm (229 families FGC, 99 care as usual)."""
    sizes = rng.permutation(SIZES)
    arm_family = rng.permutation(np.r_[np.ones(229, int), np.zeros(99, int)])
    family = np.repeat(np.arange(sizes.size), sizes)
    return family, arm_family[family]


def t_cover(est: np.ndarray, se: np.ndarray, df: float, truth: float = 0.0) -> float:
    q = stats.t.ppf(0.975, df)
    return float(np.mean(np.abs(est - truth) <= q * se))


def zonmw_replicates(rng: np.random.Generator, reps: int) -> dict[str, np.ndarray]:
    """One randomised ZonMw-shaped design and ``reps`` outcome vectors under no effect, with the estimates.

    Continuous: family effect variance 0.4, child 0.6 (ICC 0.4). Binary: family risk ~ Beta(0.45, 1.05)
    (mean 0.3, ICC 1 / (0.45 + 1.05 + 1) = 0.4).
    """
    family, arm = zonmw_design(rng)
    n, g = family.size, SIZES.size
    arm_family = arm[np.unique(family, return_index=True)[1]]
    assert (n, g, int(arm_family.sum())) == (529, 328, 229)
    yc = rng.normal(0, np.sqrt(0.4), (g, reps))[family] + rng.normal(0, np.sqrt(0.6), (n, reps))
    yb = (rng.random((n, reps)) < rng.beta(0.45, 1.05, (g, reps))[family]).astype(float)
    X = np.column_stack([np.ones(n), arm])
    out: dict[str, np.ndarray] = {"family": family, "arm": arm, "yc": yc, "yb": yb}
    for name, Y in (("mean_difference", yc), ("risk_difference", yb)):
        beta = np.linalg.lstsq(X, Y, rcond=None)[0]
        cov, _ = cr2(X, Y - X @ beta, family)  # CR2 = clubSandwich vcovCR, all replicates at once
        out[name] = np.vstack([beta[1], np.sqrt(cov[:, 1, 1])])
        out[f"naive_{name}"] = np.vstack([beta[1], np.sqrt(hc2(X, Y - X @ beta)[:, 1, 1])])
    # odds ratio: logistic y ~ arm (its ML fit in closed form: logit of the arm risks), CR2 per replicate
    p1, p0 = yb[arm == 1].mean(axis=0), yb[arm == 0].mean(axis=0)
    log_or = np.log(p1 / (1 - p1)) - np.log(p0 / (1 - p0))
    se_or = np.empty(reps)
    for j in range(reps):
        mu = np.where(arm == 1, p1[j], p0[j])
        se_or[j] = np.sqrt(sandwich(X, yb[:, j], mu, "binomial", family)[0][1, 1])
    out["odds_ratio"] = np.vstack([log_or, se_or])
    return out


@pytest.mark.slow
def test_clustered_rd_or_md_cover_95_percent_in_a_zonmw_shaped_trial() -> None:
    start = time.perf_counter()
    rng = np.random.default_rng(20261125)
    designs = [zonmw_replicates(rng, REPS // 4) for _ in range(4)]  # 4 randomisations x 1,000 outcomes
    g = SIZES.size
    cover, naive = {}, {}
    for name in ("mean_difference", "risk_difference", "odds_ratio"):
        est = np.hstack([d[name] for d in designs])
        cover[name] = t_cover(est[0], est[1], g - 1)
        if name != "odds_ratio":
            est = np.hstack([d[f"naive_{name}"] for d in designs])
            naive[name] = t_cover(est[0], est[1], 529 - 2)
    elapsed = time.perf_counter() - start
    print(f"\nZonMw shape, {REPS} replicates, {elapsed:.1f} s: CR2 coverage {cover}; child-level HC2 {naive}")
    for name, c in cover.items():
        assert abs(c - 0.95) <= BAND, f"{name}: CR2 interval covered {100 * c:.1f} %"
    assert naive["mean_difference"] < 0.93  # ignoring the families is what the clusters fix
    assert elapsed < 60

    # compare() on the first replicate gives the same numbers
    d = designs[0]
    family, arm = d["family"], d["arm"]
    df = pd.DataFrame({"family_id": family, "group": np.where(arm == 1, "fgc", "cau"), "yc": d["yc"][:, 0],
                       "yb": d["yb"][:, 0].astype(int)})
    q = stats.t.ppf(0.975, g - 1)
    for outcome, measure, exp in (("yb", "risk_difference", False), ("yb", "odds_ratio", True),
                                  ("yc", "mean_difference", False)):
        t = ekc.compare(df, outcome, "group", treated="fgc", cluster="family_id",
                        small_sample="naive").to_frame().set_index("measure")
        est, se = d[measure][:, 0]
        f = np.exp if exp else (lambda v: v)
        assert (t.loc[measure, "ci_low"], t.loc[measure, "ci_high"]) == pytest.approx(
            (f(est - q * se), f(est + q * se)), rel=1e-6)
        assert t.loc[measure, "estimate"] == pytest.approx(f(est), rel=1e-9)


@pytest.mark.slow
def test_hc2_ancova_covers_95_percent_with_unequal_arms_and_spread() -> None:
    start = time.perf_counter()
    rng = np.random.default_rng(328)
    n1, n0 = 229, 99
    arm = np.r_[np.ones(n1), np.zeros(n0)]
    x = rng.normal(0, 1, n1 + n0)
    X = np.column_stack([np.ones(n1 + n0), arm, x])
    sd = np.where(arm == 1, 1.0, 2.0)
    Y = 0.5 * x[:, None] + sd[:, None] * rng.normal(size=(n1 + n0, REPS))  # no true effect
    beta = np.linalg.lstsq(X, Y, rcond=None)[0]
    resid = Y - X @ beta
    df = n1 + n0 - 3
    robust = t_cover(beta[1], np.sqrt(hc2(X, resid)[:, 1, 1]), df)
    classical_se = np.sqrt((resid**2).sum(axis=0) / df * np.linalg.inv(X.T @ X)[1, 1])
    classical = t_cover(beta[1], classical_se, df)
    elapsed = time.perf_counter() - start
    print(f"\n229:99, SD 1 vs 2, {REPS} replicates, {elapsed:.1f} s: HC2 {robust:.4f}, classical {classical:.4f}")
    assert abs(robust - 0.95) <= BAND
    assert classical < 0.90
    assert elapsed < 60
    # compare() (ANCOVA row) on replicate 0 uses the same HC2 interval
    df0 = pd.DataFrame({"group": arm.astype(int), "x": x, "y": Y[:, 0]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = ekc.compare(df0, "y", "group", covariates=["x"]).to_frame().set_index("measure")
    se = np.sqrt(hc2(X, resid[:, 0])[1, 1])
    q = stats.t.ppf(0.975, df)
    assert (t.loc["adjusted_mean_difference", "ci_low"], t.loc["adjusted_mean_difference", "ci_high"]) == \
        pytest.approx((beta[1, 0] - q * se, beta[1, 0] + q * se), rel=1e-9)


def few_cluster_replicates(rng: np.random.Generator, g: int, treated: int, reps: int) -> dict[str, np.ndarray]:
    """One randomisation of ``g`` clusters (``treated`` of them FGC, 5 to 60 rows each, ICC 0.2) and
    ``reps`` outcomes without effect: mean difference, CR2 SE, Satterthwaite df of that design."""
    sizes = rng.integers(5, 61, g)
    arm_cluster = rng.permutation(np.r_[np.ones(treated), np.zeros(g - treated)])
    cluster = np.repeat(np.arange(g), sizes)
    arm = arm_cluster[cluster]
    X = np.column_stack([np.ones(cluster.size), arm])
    Y = rng.normal(0, np.sqrt(0.2), (g, reps))[cluster] + rng.normal(0, np.sqrt(0.8), (cluster.size, reps))
    beta = np.linalg.lstsq(X, Y, rcond=None)[0]
    cov, _ = cr2(X, Y - X @ beta, cluster)
    df = Satterthwaite(X, cluster).df(np.array([0.0, 1.0]))  # for lm the df depend on the design only
    return {"cluster": cluster, "arm": arm, "y": Y[:, 0], "est": beta[1], "se": np.sqrt(cov[:, 1, 1]), "df": df}


@pytest.mark.slow
def test_cr2_satterthwaite_covers_with_10_and_20_unbalanced_clusters() -> None:
    start = time.perf_counter()
    rng = np.random.default_rng(20261202)
    measured = {}
    for g, treated in ((10, 7), (20, 14)):
        designs = [few_cluster_replicates(rng, g, treated, 250) for _ in range(8)]  # 2,000 replicates
        satt = np.mean([t_cover(d["est"], d["se"], d["df"]) for d in designs])
        naive = np.mean([t_cover(d["est"], d["se"], g - 1) for d in designs])
        measured[g] = (satt, naive, [round(d["df"], 1) for d in designs])
        # compare() on the first replicate of the first design: the same interval and the df in its df column
        d = designs[0]
        df = pd.DataFrame({"region": d["cluster"], "group": d["arm"].astype(int), "y": d["y"]})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = ekc.compare(df, "y", "group", cluster="region").to_frame().set_index("measure")
        q = stats.t.ppf(0.975, d["df"])
        assert t.loc["mean_difference", "df"] == pytest.approx(d["df"], rel=1e-9)
        assert t.loc["mean_difference", "ci_low"] == pytest.approx(d["est"][0] - q * d["se"][0], rel=1e-9)
    print(f"\nfew clusters, 2,000 replicates each, {time.perf_counter() - start:.1f} s: "
          + "; ".join(f"{g} clusters: Satterthwaite {s:.4f}, G - 1 {n:.4f}, df {dfs}" for g, (s, n, dfs) in
                      measured.items()))
    assert abs(measured[20][0] - 0.95) <= BAND  # 20 clusters (14 : 6): nominal
    assert 0.95 - BAND <= measured[10][0] <= 0.975  # 10 clusters (7 : 3): not too narrow, at most 2.5 points wide
    assert measured[10][1] < 0.95 - BAND and measured[20][1] < 0.95 - BAND  # G - 1 is too narrow in both
