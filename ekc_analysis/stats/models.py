"""Regression fits that must agree with R's ``glm`` and ``lm``: logistic, linear, g-computation."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ..errors import StatisticalWarning
from .effects import Estimate, wald


@dataclass(frozen=True)
class Fit:
    params: np.ndarray
    cov: np.ndarray
    names: list[str]
    df_resid: float | None  # None: normal reference distribution (glm); else t (lm)
    separated: bool = False

    def coef(self, name: str, alpha: float = 0.05, exp: bool = False) -> Estimate:
        i = self.names.index(name)
        return wald(self.params[i], float(np.sqrt(self.cov[i, i])), alpha, exp=exp, df=self.df_resid)

    def combination(self, weights: dict[str, float], alpha: float = 0.05, exp: bool = False) -> Estimate:
        """A linear combination of coefficients, e.g. the arm effect within a moderator level."""
        w = np.array([weights.get(n, 0.0) for n in self.names])
        return wald(float(w @ self.params), float(np.sqrt(w @ self.cov @ w)), alpha, exp=exp, df=self.df_resid)


def logistic(X: np.ndarray, y: np.ndarray, names: list[str]) -> Fit:
    """Maximum-likelihood logistic regression (IRLS, as ``glm(family = binomial)``)."""
    import statsmodels.api as sm

    separated = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            res = sm.GLM(y, X, family=sm.families.Binomial()).fit(tol=1e-10, maxiter=100)
        except Exception:  # statsmodels raises on perfect separation in some versions
            separated = True
            res = None
    if res is not None:
        fitted = res.fittedvalues
        separated = bool(np.any((fitted < 1e-8) | (fitted > 1 - 1e-8))) or not np.all(np.isfinite(res.bse))
    if separated or res is None:
        warnings.warn("perfect or quasi-complete separation: an arm or covariate pattern has only events or "
                      "only non-events, so odds ratios are infinite; report risks and the risk difference, "
                      "or use Firth's penalised regression", StatisticalWarning, stacklevel=3)
        k = X.shape[1]
        return Fit(np.full(k, np.nan), np.full((k, k), np.nan), names, None, True)
    return Fit(np.asarray(res.params), np.asarray(res.cov_params()), names, None)


def linear(X: np.ndarray, y: np.ndarray, names: list[str]) -> Fit:
    """Ordinary least squares with the classical covariance and t reference (as ``lm``)."""
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    df = X.shape[0] - X.shape[1]
    sigma2 = resid @ resid / df
    cov = sigma2 * np.linalg.inv(X.T @ X)
    return Fit(beta, cov, names, float(df))


def standardised_risk_difference(fit: Fit, X: np.ndarray, arm_col: int = 1, alpha: float = 0.05) -> Estimate:
    """Adjusted risk difference by g-computation: everyone with FGC minus everyone without.

    The delta method gives the standard error: the gradient of mean(p1) − mean(p0) with
    respect to the coefficients is mean(p1(1−p1)x1) − mean(p0(1−p0)x0).
    """
    if fit.separated:
        return Estimate(np.nan, np.nan, np.nan)
    x1, x0 = X.copy(), X.copy()
    x1[:, arm_col], x0[:, arm_col] = 1.0, 0.0
    p1 = 1 / (1 + np.exp(-(x1 @ fit.params)))
    p0 = 1 / (1 + np.exp(-(x0 @ fit.params)))
    grad = (x1 * (p1 * (1 - p1))[:, None]).mean(axis=0) - (x0 * (p0 * (1 - p0))[:, None]).mean(axis=0)
    se = float(np.sqrt(grad @ fit.cov @ grad))
    return wald(float(p1.mean() - p0.mean()), se, alpha)
