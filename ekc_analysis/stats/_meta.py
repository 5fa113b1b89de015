"""Random-effects meta-analysis: REML (metafor's default) and DerSimonian–Laird, in closed form or by
Fisher scoring, checked against ``metafor::rma``.

Beyond metafor's defaults, what a methodologist expects with few studies: the Hartung–Knapp–Sidik–
Jonkman interval (``hksj=True``, = ``rma(..., test = "knha")``), a prediction interval on t with k − 2
degrees of freedom (Higgins, Thompson & Spiegelhalter 2009; = ``predict(..., pi.type = "riley")``),
Egger's regression test (= ``regtest(..., model = "lm")``) and a mixed-effects subgroup test
(= ``rma(..., mods = ~ factor(group))``, QM).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as st

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message


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
    df: float | None = None  # None: normal reference (z); else t on df (HKSJ: k − 1)


def tau2_dl(y: np.ndarray, v: np.ndarray) -> float:
    w = 1 / v
    mu = (w @ y) / w.sum()
    q = w @ (y - mu) ** 2
    c = w.sum() - (w @ w) / w.sum()
    return float(max(0.0, (q - (y.size - 1)) / c))


def tau2_sj(y: np.ndarray, v: np.ndarray) -> float:
    """Sidik–Jonkman τ² (= metafor ``method = "SJ"``): from the unweighted spread, never zero; biased upwards."""
    t0 = float(np.mean((y - y.mean()) ** 2))
    if t0 <= 0:
        return 0.0
    w = 1 / (v / t0 + 1)
    mu = (w @ y) / w.sum()
    return float(np.sum(w * (y - mu) ** 2) / (y.size - 1))


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

    warnings.warn(Message("warn_meta_reml_no_convergence"), StatisticalWarning, stacklevel=3)
    return float(tau2), max_iter


def pool(y: np.ndarray, se: np.ndarray, method: str = "REML", alpha: float = 0.05,
         hksj: bool | str = False) -> Pooled:
    """Pool effects ``y`` with standard errors ``se`` (random effects; method ``REML``, ``DL`` or ``FE``).

    ``hksj``: Hartung–Knapp–Sidik–Jonkman standard error ``sqrt(Σw(y − μ)² / ((k − 1) Σw))`` with t on
    k − 1 df (metafor's ``test = "knha"``, without truncating the scaling factor at 1); ``hksj="adhoc"``
    takes the larger of that and the usual standard error (Röver, Knapp & Friede 2015; metafor 4's
    ``test = "adhoc"``), which keeps the coverage when study sizes differ a lot; ``hksj="adhoc-sj"`` takes
    the larger of the HKSJ SE and the SE under the Sidik–Jonkman τ² (when that is larger than the REML one;
    the prediction interval then uses it too), which held 95 % over the whole simulated grid of
    ``benchmarks/sim_meta_intervals.py`` where every other interval fell below 94 % somewhere. The prediction
    interval is ``μ ± t(k − 2) · sqrt(τ² + SE²)`` with the SE of the pooled estimate (HKSJ when asked);
    with two studies (no degrees of freedom left) it is not given.
    """
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
        raise ArgumentError(f"method={method!r}: choose 'REML', 'DL' or 'FE'")
    w = 1 / (v + tau2)
    mu = (w @ y) / w.sum()
    se_mu = float(np.sqrt(1 / w.sum()))
    df: float | None = None
    tau2_pi = tau2
    if hksj and k > 1:
        se_kh = float(np.sqrt((w @ (y - mu) ** 2) / ((k - 1) * w.sum())))
        if hksj == "adhoc-sj":  # the floor: the pooled SE had τ² been the (larger) Sidik–Jonkman estimate
            tau2_pi = max(tau2, tau2_sj(y, v))
            se_mu = max(se_kh, float(np.sqrt(1 / np.sum(1 / (v + tau2_pi)))))
        else:
            se_mu = max(se_kh, se_mu) if hksj == "adhoc" else se_kh
        df = float(k - 1)
    crit = st.norm.isf(alpha / 2) if df is None else st.t.isf(alpha / 2, df)
    p_value = 2 * (st.norm.sf(abs(mu) / se_mu) if df is None else st.t.sf(abs(mu) / se_mu, df))
    wf = 1 / v
    mu_fe = (wf @ y) / wf.sum()
    q = float(wf @ (y - mu_fe) ** 2)
    # typical within-study variance (Higgins & Thompson); one study: its own variance
    s2 = (k - 1) * wf.sum() / (wf.sum() ** 2 - (wf @ wf)) if k > 1 else float(v[0])
    i2 = 100 * tau2 / (tau2 + s2) if k > 1 else 0.0
    h2 = (tau2 + s2) / s2 if k > 1 else 1.0
    if method == "FE":
        i2 = max(0.0, 100 * (q - (k - 1)) / q) if q > 0 else 0.0
        h2 = q / (k - 1) if k > 1 else 1.0
    pi = st.t.isf(alpha / 2, k - 2) * np.sqrt(se_mu**2 + tau2_pi) if k > 2 else np.nan
    return Pooled(float(mu), se_mu, float(mu - crit * se_mu), float(mu + crit * se_mu), float(p_value),
                  float(tau2), float(i2), float(h2), q, float(st.chi2.sf(q, k - 1)) if k > 1 else np.nan, k,
                  float(mu - pi), float(mu + pi), w / w.sum(), iterations, df)


@dataclass(frozen=True)
class Egger:
    intercept: float  # the limit estimate: the effect of a study with SE → 0
    slope: float      # the coefficient of the SE: small-study asymmetry
    t: float
    df: int
    p_value: float


def egger(y: np.ndarray, se: np.ndarray) -> Egger:
    """Egger's regression test: weighted least squares of ``y`` on ``se`` (weights 1/se²), the t test of
    the slope with k − 2 df (= metafor ``regtest(rma(yi, sei = se), model = "lm")``)."""
    y, se = np.asarray(y, float), np.asarray(se, float)
    k = y.size
    X = np.column_stack([np.ones(k), se])
    w = 1 / se**2
    xtwx = X.T @ (X * w[:, None])
    beta = np.linalg.solve(xtwx, X.T @ (w * y))
    resid = y - X @ beta
    sigma2 = (w @ resid**2) / (k - 2)
    cov = sigma2 * np.linalg.inv(xtwx)
    t = float(beta[1] / np.sqrt(cov[1, 1]))
    return Egger(float(beta[0]), float(beta[1]), t, k - 2, float(2 * st.t.sf(abs(t), k - 2)))


@dataclass(frozen=True)
class MetaRegression:
    coef: np.ndarray
    cov: np.ndarray
    tau2: float
    qm: float
    qm_df: int
    qm_p: float


def meta_regression(y: np.ndarray, se: np.ndarray, X: np.ndarray, tol: float = 1e-12,
                    max_iter: int = 500) -> MetaRegression:
    """Mixed-effects meta-regression with τ² by REML (Fisher scoring from 0 with step halving) and the
    Wald test of every column but the intercept (QM; = ``rma(yi, sei = se, mods = ~ ...)``, test "z")."""
    y, v = np.asarray(y, float), np.asarray(se, float) ** 2
    k, p = X.shape
    tau2 = 0.0
    for _ in range(max_iter):
        w = 1 / (v + tau2)
        xtwx_inv = np.linalg.inv(X.T @ (X * w[:, None]))
        P = np.diag(w) - (X * w[:, None]) @ xtwx_inv @ (X * w[:, None]).T
        py = P @ y
        step = (py @ py - np.trace(P)) / np.sum(P * P)
        new = tau2 + step
        while new < 0:
            step /= 2
            new = tau2 + step
            if abs(step) < tol:
                new = 0.0
                break
        done = abs(new - tau2) < tol
        tau2 = new
        if done:
            break
    w = 1 / (v + tau2)
    cov = np.linalg.inv(X.T @ (X * w[:, None]))
    coef = cov @ (X.T @ (w * y))
    b, c = coef[1:], cov[1:, 1:]
    qm = float(b @ np.linalg.solve(c, b))
    return MetaRegression(coef, cov, float(tau2), qm, p - 1, float(st.chi2.sf(qm, p - 1)))
