"""Coverage of multiply imputed, cluster-robust intervals in a ZonMw-shaped trial (slow; seeded).

328 families randomised 229 : 99, 529 children (``simulate_zonmw``); a binary outcome with a family
random effect (SD 1 on the logit scale), depending on baseline safety and background; about 20 % of the
outcomes missing at random given the (always observed) background and about 20 % of baseline safety missing
at random given age. Each replicate: ``impute(m=10, cluster="family_id", iterations=5)`` and the pooled
``compare(..., cluster="family_id")`` risk difference (CR2 per imputation, Rubin / Barnard–Rubin). The true
marginal risk difference is computed by Gauss–Hermite quadrature.

Measured 2026-12-02 (seeds 10,000–11,999, the default): coverage 94.65 % over 2,000 replicates (MC SE 0.49 %);
mean estimate 0.0753 against the true 0.0782 (bias −0.003, 2.3 MC SE: a slight pull towards no effect, as the
imputation models have no arm × covariate interaction); ~1.4 s a replicate on an idle core (43 min in two
processes). Run alone:
``EKC_MI_REPS=2000 python -m pytest -q -m slow tests/test_imputation_coverage.py``.
"""

from __future__ import annotations

import os
import time
import warnings

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.simulate_studies import simulate_zonmw

INTERCEPT, EFFECT, SAFETY, BACKGROUND, FAMILY_SD = -0.6, 0.4, 0.5, 0.6, 1.0


def _expit(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def trial(seed: int) -> pd.DataFrame:
    d = simulate_zonmw(seed=seed)
    rng = np.random.default_rng(seed)
    fam = pd.factorize(d["family_id"])[0]
    u = rng.normal(0, FAMILY_SD, fam.max() + 1)[fam]
    arm = (d["group"] == "fgc").to_numpy()
    z = (d["safety_0"].to_numpy() - 50) / 9
    nw = d["non_western"].to_numpy()
    d["unsafe"] = (
        rng.uniform(size=len(d)) < _expit(INTERCEPT + EFFECT * arm + SAFETY * z + BACKGROUND * nw + u)
    ).astype(float)
    d.loc[rng.uniform(size=len(d)) < _expit(-1.8 + 0.9 * nw), "unsafe"] = np.nan
    d.loc[rng.uniform(size=len(d)) < _expit(-1.4 + 0.08 * (d["age"] - 9)), "safety_0"] = np.nan
    return d[["family_id", "group", "unsafe", "safety_0", "non_western", "age", "girl"]]


def true_risk_difference() -> float:
    """E over background and the normal random part (SAFETY·z + u) of the risk under FGC minus under CAU."""
    sd = np.sqrt(SAFETY**2 * (6**2 + 7**2) / 81 + FAMILY_SD**2)  # safety_0 = 50 + N(0, 6) + N(0, 7)
    x, w = np.polynomial.hermite_e.hermegauss(80)
    w = w / w.sum()
    out = 0.0
    for nw, p in ((1, 0.4), (0, 0.6)):
        base = INTERCEPT + BACKGROUND * nw + sd * x
        out += p * float(w @ (_expit(base + EFFECT) - _expit(base)))
    return out


def replicate(seed: int) -> tuple[float, float, float]:
    imp = ekc.impute(trial(seed), m=10, cluster="family_id", seed=seed, iterations=5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        row = ekc.compare(imp, "unsafe", "group", "fgc", cluster="family_id").to_frame().iloc[0]
    assert row["measure"] == "risk_difference"
    return float(row["estimate"]), float(row["ci_low"]), float(row["ci_high"])


@pytest.mark.slow
def test_mi_cluster_risk_difference_covers() -> None:
    reps = int(os.environ.get("EKC_MI_REPS", "2000"))
    truth = true_risk_difference()
    start = time.perf_counter()
    res = np.array([replicate(10_000 + i) for i in range(reps)])
    covered = (res[:, 1] <= truth) & (truth <= res[:, 2])
    cov = covered.mean()
    mc = np.sqrt(0.95 * 0.05 / reps)
    print(
        f"MI coverage {cov:.4f} over {reps} replicates (MC SE {mc:.4f}); truth {truth:.4f}, mean estimate "
        f"{res[:, 0].mean():.4f}; {(time.perf_counter() - start) / reps:.2f} s per replicate"
    )
    assert abs(res[:, 0].mean() - truth) < 4 * res[:, 0].std() / np.sqrt(reps)
    assert abs(cov - 0.95) < 2.5 * mc


if __name__ == "__main__":  # python tests/test_imputation_coverage.py FIRST COUNT OUT.csv: replicates to a file
    import sys

    first, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rows = []
    for i in range(first, first + count):
        rows.append((i, *replicate(10_000 + i)))
        if len(rows) % 50 == 0:
            pd.DataFrame(rows, columns=["replicate", "estimate", "ci_low", "ci_high"]).to_csv(out, index=False)
    pd.DataFrame(rows, columns=["replicate", "estimate", "ci_low", "ci_high"]).to_csv(out, index=False)
