"""Small-study effects beside Egger's test: trim-and-fill (Duval & Tweedie 2000, the L0 estimator, =
``metafor::trimfill``) and PET-PEESE (Stanley & Doucouliagos 2014).

Both are sensitivity analyses, not corrections: with fewer than about ten studies, or with real
heterogeneity, funnel asymmetry has other causes than publication bias and the methods have little power.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as st

from ._meta import Pooled, meta_regression, pool


@dataclass(frozen=True)
class TrimFill:
    k0: int                 # studies imputed
    side: str               # "left" or "right": where the missing studies are
    pooled: Pooled          # the model refitted with the filled studies
    filled_y: np.ndarray    # the imputed effects
    filled_se: np.ndarray


def _side(y: np.ndarray, v: np.ndarray, method: str) -> str:
    """As metafor: regress the effects on their standard errors; a positive slope puts the gap on the left."""
    X = np.column_stack([np.ones(y.size), np.sqrt(v)])
    if method == "FE":
        w = 1 / v
        slope = np.linalg.solve(X.T @ (X * w[:, None]), X.T @ (w * y))[1]
    else:
        slope = meta_regression(y, np.sqrt(v), X).coef[1]
    return "right" if slope < 0 else "left"


def trim_and_fill(y: np.ndarray, se: np.ndarray, method: str = "REML", alpha: float = 0.05,
                  side: str | None = None, max_iter: int = 100) -> TrimFill:
    """Trim the k0 most extreme studies on the crowded side, re-estimate, mirror them around the centre.

    k0 by the L0 estimator ``(4 S_r − k(k + 1)) / (2k − 1)``, rounded, with S_r the sum of the positive
    signed ranks of the centred effects; iterated until k0 settles (= ``trimfill(rma(yi, vi, method =))``).
    """
    y0, v0 = np.asarray(y, float), np.asarray(se, float) ** 2
    side = side or _side(y0, v0, method)
    sign = -1.0 if side == "right" else 1.0
    order = np.argsort(sign * y0, kind="stable")
    yy, vv = sign * y0[order], v0[order]
    k = yy.size
    k0, previous, beta = 0, -1, 0.0
    for _ in range(max_iter):
        if k0 == previous:
            break
        previous = k0
        beta = pool(yy[: k - k0], np.sqrt(vv[: k - k0]), method, alpha).estimate
        centred = yy - beta
        ranks = np.empty(k)
        ranks[np.argsort(np.abs(centred), kind="stable")] = np.arange(1, k + 1)
        s_r = ranks[centred > 0].sum()
        k0 = max(0, int(np.round((4 * s_r - k * (k + 1)) / (2 * k - 1))))
    filled_y = sign * (2 * beta - yy[k - k0:]) if k0 else np.empty(0)
    filled_se = np.sqrt(vv[k - k0:]) if k0 else np.empty(0)
    refit = pool(np.concatenate([y0, filled_y]), np.sqrt(np.concatenate([v0, filled_se**2])), method, alpha)
    return TrimFill(k0, side, refit, filled_y, filled_se)


@dataclass(frozen=True)
class Precision:
    """Intercept of a weighted regression of the effects on their SE (PET) or variance (PEESE): the effect
    of a study of infinite precision."""

    estimate: float
    se: float
    p_value: float
    df: int


def _limit(y: np.ndarray, x: np.ndarray, v: np.ndarray) -> Precision:
    X = np.column_stack([np.ones(y.size), x])
    w = 1 / v
    xtwx = X.T @ (X * w[:, None])
    beta = np.linalg.solve(xtwx, X.T @ (w * y))
    df = y.size - 2
    sigma2 = (w @ (y - X @ beta) ** 2) / df
    se = float(np.sqrt(sigma2 * np.linalg.inv(xtwx)[0, 0]))
    return Precision(float(beta[0]), se, float(2 * st.t.sf(abs(beta[0]) / se, df)), df)


def pet_peese(y: np.ndarray, se: np.ndarray, alpha: float = 0.10) -> tuple[Precision, Precision, str]:
    """PET (y on SE) and PEESE (y on SE²), weights 1/SE² (= ``lm(yi ~ sqrt(vi), weights = 1/vi)``), and the
    conditional choice: PEESE when PET's intercept differs from zero at ``alpha`` (two-sided), else PET."""
    y, s = np.asarray(y, float), np.asarray(se, float)
    pet, peese = _limit(y, s, s**2), _limit(y, s**2, s**2)
    return pet, peese, "peese" if pet.p_value < alpha else "pet"
