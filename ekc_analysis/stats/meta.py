"""Random-effects meta-analysis: REML (metafor's default) and DerSimonian–Laird, in closed form or by
Fisher scoring, checked against ``metafor::rma``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as st

from ..errors import StatisticalWarning


@dataclass(frozen=True)
class Pooled:
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    tau2: float
    i2: float
    h2: float
    q: float
    q_p: float
    k: int
    pi_low: float
    pi_high: float
    weights: np.ndarray
    iterations: int


def tau2_dl(y: np.ndarray, v: np.ndarray) -> float:
    w = 1 / v
    mu = (w @ y) / w.sum()
    q = w @ (y - mu) ** 2
    c = w.sum() - (w @ w) / w.sum()
    return float(max(0.0, (q - (y.size - 1)) / c))


def tau2_reml(y: np.ndarray, v: np.ndarray, tol: float = 1e-12, max_iter: int = 200) -> tuple[float, int]:
    """REML estimate of τ² by Fisher scoring from the DL start, with step halving at zero (as metafor)."""
    tau2 = tau2_dl(y, v)
    for it in range(1, max_iter + 1):
        w = 1 / (v + tau2)
        sw = w.sum()
        mu = (w @ y) / sw
        # P = W - w w' / sum(w); we need y'PPy and tr(P), tr(PP)
        r = y - mu
        py = w * r                     # P y
        ppy_dot = py @ py              # y' P P y
        tr_p = sw - (w @ w) / sw
        tr_pp = (w @ w) - 2 * (w**3).sum() / sw + ((w @ w) / sw) ** 2
        step = (ppy_dot - tr_p) / tr_pp
        new = tau2 + step
        while new < 0:
            step /= 2
            new = tau2 + step
            if abs(step) < tol:
                new = 0.0
                break
        if abs(new - tau2) < tol:
            return float(new), it
        tau2 = new
    import warnings

    warnings.warn("REML did not converge; the τ² estimate may be off. Try method='DL'.", StatisticalWarning,
                  stacklevel=3)
    return float(tau2), max_iter


def pool(y: np.ndarray, se: np.ndarray, method: str = "REML", alpha: float = 0.05) -> Pooled:
    """Pool effects ``y`` with standard errors ``se`` (random effects; method ``REML``, ``DL`` or ``FE``)."""
    y, v = np.asarray(y, float), np.asarray(se, float) ** 2
    k = y.size
    iterations = 0
    if method == "REML":
        tau2, iterations = tau2_reml(y, v)
    elif method == "DL":
        tau2 = tau2_dl(y, v)
    elif method == "FE":
        tau2 = 0.0
    else:
        raise ValueError(f"method={method!r}: choose 'REML', 'DL' or 'FE'")
    w = 1 / (v + tau2)
    mu = (w @ y) / w.sum()
    se_mu = float(np.sqrt(1 / w.sum()))
    z = st.norm.isf(alpha / 2)
    wf = 1 / v
    mu_fe = (wf @ y) / wf.sum()
    q = float(wf @ (y - mu_fe) ** 2)
    s2 = (k - 1) * wf.sum() / (wf.sum() ** 2 - (wf @ wf))  # typical within-study variance (Higgins & Thompson)
    i2 = 100 * tau2 / (tau2 + s2) if k > 1 else 0.0
    h2 = (tau2 + s2) / s2 if k > 1 else 1.0
    if method == "FE":
        i2 = max(0.0, 100 * (q - (k - 1)) / q) if q > 0 else 0.0
        h2 = q / (k - 1) if k > 1 else 1.0
    pi = z * np.sqrt(se_mu**2 + tau2)
    return Pooled(float(mu), se_mu, float(mu - z * se_mu), float(mu + z * se_mu),
                  float(2 * st.norm.sf(abs(mu) / se_mu)), float(tau2), float(i2), float(h2), q,
                  float(st.chi2.sf(q, k - 1)) if k > 1 else np.nan, k, float(mu - pi), float(mu + pi),
                  w / w.sum(), iterations)
