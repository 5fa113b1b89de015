"""Coverage of the AIPW intervals when one of the two models is wrong (seeded, 2,000 replicates a cell).

Study shape: 500 children, two confounders. ``outcome_wrong``: the outcome depends on x1² and the effect
grows with x1, the outcome model is additive and linear (wrong), the propensity model right.
``propensity_wrong``: the outcome model is right, the true propensity is a step function of x1 and x2 that
the logistic model in x1, x2 misses (weighting alone is then biased by about 1.5 SE).
Each cell must cover 95 % within 2.5 Monte Carlo standard errors
(SE = sqrt(0.95 · 0.05 / 2000) = 0.49 %: 93.8–96.2 %), so a 92 % method cannot pass.
At the end: few (20), unbalanced clusters, CR2 on the influence values with Satterthwaite df against the naive
G/(G − 1) with t on G − 1 (one cell meets the band, the cluster-randomised one does not and is a strict xfail).
"""

from __future__ import annotations

import numpy as np
import pytest

from ekc_analysis.stats import _aipw as engine

REPS, N = 2000, 500


def _draw(rng: np.random.Generator, scenario: str, binary: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x1, x2 = rng.normal(size=N), rng.normal(size=N)
    if scenario == "outcome_wrong":
        lin = -0.3 + 0.6 * x1 - 0.4 * x2
    else:
        lin = -1.0 + 2.2 * (x1 > 0.3) - 1.2 * (x2 < -0.5)
    a = rng.binomial(1, 1 / (1 + np.exp(-np.clip(lin, -4, 4)))).astype(float)
    if scenario == "outcome_wrong":
        mu = 0.5 * x1 + 0.5 * x2 + 0.8 * x1**2 + a * (1.0 + 0.8 * x1)
    else:
        mu = x1 + 0.5 * x2 + a
    if binary:
        y = rng.binomial(1, 1 / (1 + np.exp(-(mu - 0.8)))).astype(float)
    else:
        y = mu + rng.normal(size=N)
    return y, a, np.column_stack([np.ones(N), a, x1, x2])


def _truth(scenario: str, binary: bool) -> float:
    """The population ATE (continuous: 1 by construction; binary: by a very large draw of the potential outcomes)."""
    if not binary:
        return 1.0
    rng = np.random.default_rng(99)
    x1, x2 = rng.normal(size=4_000_000), rng.normal(size=4_000_000)
    if scenario == "outcome_wrong":
        base, effect = 0.5 * x1 + 0.5 * x2 + 0.8 * x1**2 - 0.8, 1.0 + 0.8 * x1
    else:
        base, effect = x1 + 0.5 * x2 - 0.8, 1.0
    return float(np.mean(1 / (1 + np.exp(-(base + effect))) - 1 / (1 + np.exp(-base))))


def _coverage(scenario: str, binary: bool, seed: int) -> float:
    rng = np.random.default_rng(seed)
    truth = _truth(scenario, binary)
    hits = 0
    for _ in range(REPS):
        y, a, X = _draw(rng, scenario, binary)
        fit = engine.aipw(y, a, X, np.delete(X, 1, axis=1), binary=binary)
        cov, _ = engine.covariance(fit.influence)
        _, est, se, _ = engine.contrasts(fit.means, cov, binary)[0]
        hits += abs(est - truth) <= 1.959963985 * se
    return hits / REPS


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["outcome_wrong", "propensity_wrong"])
@pytest.mark.parametrize("binary", [False, True], ids=["mean_difference", "risk_difference"])
def test_aipw_covers_with_one_model_wrong(scenario: str, binary: bool) -> None:
    cover = _coverage(scenario, binary, seed=2024 + 7 * binary + (scenario == "outcome_wrong"))
    mc_se = np.sqrt(0.95 * 0.05 / REPS)
    assert abs(cover - 0.95) <= 2.5 * mc_se, f"{scenario}: coverage {cover:.4f}"


def test_misspecified_models_do_bias_the_single_model_estimates() -> None:
    """The scenarios are hard: the wrong model alone is biased (so coverage above is not for free)."""
    rng = np.random.default_rng(5)
    gaps = {"outcome_wrong": [], "propensity_wrong": []}
    for scenario in gaps:
        for _ in range(100):
            y, a, X = _draw(rng, scenario, False)
            fit = engine.aipw(y, a, X, np.delete(X, 1, axis=1), binary=False)
            wrong = fit.gformula if scenario == "outcome_wrong" else fit.weighting
            gaps[scenario].append((wrong[0] - wrong[1]) - 1.0)
    assert abs(np.mean(gaps["outcome_wrong"])) > 0.05  # about 0.6 SE
    assert abs(np.mean(gaps["propensity_wrong"])) > 0.1  # about 1.5 SE


def _att_truth(scenario: str) -> float:
    """ATT of the continuous outcome: 1 + 0.8 E[x1 | A = 1] when the effect grows with x1, else 1."""
    if scenario != "outcome_wrong":
        return 1.0
    rng = np.random.default_rng(98)
    x1, x2 = rng.normal(size=4_000_000), rng.normal(size=4_000_000)
    e = 1 / (1 + np.exp(-np.clip(-0.3 + 0.6 * x1 - 0.4 * x2, -4, 4)))
    return float(1 + 0.8 * np.sum(x1 * e) / np.sum(e))


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["outcome_wrong", "propensity_wrong"])
def test_aipw_att_covers_with_one_model_wrong(scenario: str) -> None:
    rng = np.random.default_rng(4048 + (scenario == "outcome_wrong"))
    truth = _att_truth(scenario)
    hits = 0
    for _ in range(REPS):
        y, a, X = _draw(rng, scenario, False)
        fit = engine.aipw(y, a, X, np.delete(X, 1, axis=1), binary=False, estimand="ATT")
        cov, _ = engine.covariance(fit.influence)
        _, est, se, _ = engine.contrasts(fit.means, cov, False)[0]
        hits += abs(est - truth) <= 1.959963985 * se
    assert abs(hits / REPS - 0.95) <= 2.5 * np.sqrt(0.95 * 0.05 / REPS), f"ATT {scenario}: {hits / REPS:.4f}"


@pytest.mark.slow
def test_aipw_covers_with_siblings_when_clustered() -> None:
    """250 families of 1–3 children; the family holds the conference (treatment and x1 per family, x2 per child)
    and shares a random effect on the outcome; the outcome model is wrong. Cluster sums with G/(G − 1) and t on
    G − 1 df cover; ignoring the families does not."""
    from scipy import stats as st

    rng = np.random.default_rng(77)
    hits = {"clustered": 0, "naive": 0}
    for _ in range(REPS):
        sizes = rng.integers(1, 4, 250)
        fam = np.repeat(np.arange(250), sizes)
        n = len(fam)
        x1_family = rng.normal(size=250)
        x1, x2 = x1_family[fam], rng.normal(size=n)
        a = rng.binomial(1, 1 / (1 + np.exp(-(-0.3 + 0.6 * x1_family))))[fam].astype(float)
        y = 0.5 * x1 + 0.5 * x2 + 0.8 * x1**2 + a * (1.0 + 0.8 * x1) + rng.normal(size=250)[fam] + rng.normal(size=n)
        truth = 1.0 + 0.8 * 0.0  # E[x1] = 0
        X = np.column_stack([np.ones(n), a, x1, x2])
        fit = engine.aipw(y, a, X, np.delete(X, 1, axis=1), binary=False)
        for how, cl in (("clustered", fam), ("naive", None)):
            cov, g = engine.covariance(fit.influence, cl)
            _, est, se, _ = engine.contrasts(fit.means, cov, False)[0]
            q = 1.959963985 if g is None else st.t.ppf(0.975, g - 1)
            hits[how] += abs(est - truth) <= q * se
    mc_se = np.sqrt(0.95 * 0.05 / REPS)
    assert abs(hits["clustered"] / REPS - 0.95) <= 2.5 * mc_se, hits
    assert hits["naive"] / REPS < 0.95 - 2.5 * mc_se, hits  # the families matter in this shape


# Few, unbalanced clusters: 20 clusters of 10 to 70 rows (geometric, 625 rows; the largest 7 × the smallest), a
# cluster-level confounder x1, a row-level one x2 and a cluster random intercept (SD 0.8 on the logit scale: latent
# ICC 0.16) on a 0/1 outcome. The outcome model (logistic in the arm, x1, x2, no random effect) is not the marginal
# model; AIPW leans on the propensity model where it is right.
FEW_G = 20
FEW_SIZES = np.round(10 * 7 ** (np.arange(FEW_G) / (FEW_G - 1))).astype(int)
FEW_SD_U, FEW_B0, FEW_EFFECT = 0.8, -1.0, 0.6


def _few_truth() -> float:
    """Population risk difference, marginal over x1, x2 and the random intercept (4,000,000 draws)."""
    rng = np.random.default_rng(99)
    m = 4_000_000
    base = FEW_B0 + 0.5 * rng.normal(size=m) + 0.5 * rng.normal(size=m) + FEW_SD_U * rng.normal(size=m)
    return float(np.mean(1 / (1 + np.exp(-(base + FEW_EFFECT))) - 1 / (1 + np.exp(-base))))


def _few_cluster_coverage(shape: str, seed: int) -> dict[str, float]:
    from scipy import stats as st

    rng = np.random.default_rng(seed)
    truth = _few_truth()
    cl = np.repeat(np.arange(FEW_G), FEW_SIZES)
    n = len(cl)
    c = np.array([1.0, -1.0])
    hits = {"cr2": 0, "naive": 0}
    dfs = []
    for _ in range(REPS):
        x1_cluster, u = rng.normal(size=FEW_G), FEW_SD_U * rng.normal(size=FEW_G)
        x1, x2 = x1_cluster[cl], rng.normal(size=n)
        if shape == "observational":
            a = rng.binomial(1, 1 / (1 + np.exp(-(-0.2 + 0.5 * x1 + 0.5 * x2)))).astype(float)
        else:  # cluster-randomised, 10 : 10
            a = (rng.permutation(FEW_G) < FEW_G // 2).astype(float)[cl]
        y = rng.binomial(1, 1 / (1 + np.exp(-(FEW_B0 + FEW_EFFECT * a + 0.5 * x1 + 0.5 * x2 + u[cl])))).astype(float)
        X = np.column_stack([np.ones(n), a, x1, x2])
        fit = engine.aipw(y, a, X, np.delete(X, 1, axis=1), binary=True)
        est = fit.means[0] - fit.means[1]
        cc = engine.cluster_covariance(fit.influence, cl)
        naive, g = engine.covariance(fit.influence, cl)
        hits["cr2"] += abs(est - truth) <= st.t.ppf(0.975, cc.df) * np.sqrt(c @ cc.cov @ c)
        hits["naive"] += abs(est - truth) <= st.t.ppf(0.975, g - 1) * np.sqrt(c @ naive @ c)
        dfs.append(cc.df)
    return {"cr2": hits["cr2"] / REPS, "naive": hits["naive"] / REPS, "df": float(np.mean(dfs))}


@pytest.mark.slow
@pytest.mark.parametrize(
    "shape",
    [
        "observational",
        pytest.param(
            "cluster_randomised",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known shortfall: CR2 on the influence values does not charge for the cluster-level arm "
                "and x1 in the nuisance models; 90.65 % at 20 clusters, seed 2027 (naive 89.65 %)",
            ),
        ),
    ],
)
def test_aipw_cr2_satterthwaite_covers_with_few_unbalanced_clusters(shape: str) -> None:
    """CR2 on the influence values with t on Satterthwaite df (cluster_covariance) in the few-cluster shape above,
    risk difference, 2,000 replicates, seed 2027 (measured 2026-12-03; Satterthwaite df 14.10 for these sizes,
    against G − 1 = 19; about 7 s a cell on the shared 2-core machine):

    * ``observational``: the arm by a logistic model in x1 and x2 (the propensity model is right).
      CR2-Satterthwaite 95.55 %; G/(G − 1) with t on 19 df 95.20 % (both inside 93.8–96.2 %). Prototype runs of
      the same shape, seeds 11 and 12: CR2 95.60 and 95.15 %, naive 94.85 and 94.25 %.
    * ``cluster_randomised``: 10 of the 20 clusters treated, the propensity model logistic in x1 and x2 (as the
      caller fits it). CR2-Satterthwaite 90.65 %, naive 89.65 %: neither reaches the band. Seeds 11 and 12: CR2
      92.30 and 91.10 %, naive 91.40 and 89.90 %. The estimate's spread is 1.2–1.3 × its CR2 SE: the nuisance
      models spend between-cluster information (the arm and x1 vary only between the 20 clusters) that the
      intercept-only working model does not charge for. Dropping x1 from the propensity model does not help
      (92.7 and 91.6 %, 1,000 replicates, seeds 11, 12). For reference, CR2 + Satterthwaite of a linear
      probability model fitted to the same draws (its arm coefficient is close to, not exactly, this risk
      difference) covered 95.1 and 93.7 % (1,000 replicates, seeds 11, 12). Marked xfail(strict): a fix makes
      it pass and must update this note.
    """
    cover = _few_cluster_coverage(shape, seed=2027)
    mc_se = np.sqrt(0.95 * 0.05 / REPS)
    assert cover["df"] == pytest.approx(14.0994, abs=1e-4)
    assert cover["cr2"] >= cover["naive"], cover
    assert abs(cover["cr2"] - 0.95) <= 2.5 * mc_se, cover
