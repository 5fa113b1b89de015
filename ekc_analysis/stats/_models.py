"""Regression fits that must agree with R's ``glm`` and ``lm``: logistic, Poisson, linear, g-computation.

Covariances: ``linear`` uses HC2 by default (``sandwich::vcovHC(fit, type = "HC2")``, t on n − p;
the classical ``lm`` covariance only with ``robust=False``); ``logistic`` keeps the ML covariance.
With ``cluster=`` (one label per row) every fit uses CR2 (``clubSandwich::vcovCR(fit, cluster,
type = "CR2")``) with t on Satterthwaite degrees of freedom per contrast (``coef_test(..., test =
"Satterthwaite")``, clubSandwich's default; checked in ``tests/reference/satterthwaite.R``), or with
``small_sample="naive"`` on G − 1 degrees of freedom (``test = "naive-t"``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from ..errors import StatisticalWarning
from ..i18n import Message
from ._effects import Estimate, wald
from ._sandwich import Family, Satterthwaite, cr2, glm_parts, hc2, sandwich

SmallSample = Literal["satterthwaite", "naive"]
SMALL_SAMPLE = ("satterthwaite", "naive")


@dataclass(frozen=True)
class Fit:
    params: np.ndarray
    cov: np.ndarray
    names: list[str]
    df_resid: float | None  # None: normal reference distribution (glm); else t (lm)
    separated: bool = False
    vcov: str = "ML"  # "ML", "classical", "HC2", "CR2" or "Firth"
    n_clusters: int | None = None
    profile: dict[str, tuple[float, float]] | None = None  # Firth: 95 % profile penalised-likelihood limits
    plr: dict[str, float] | None = None  # Firth: penalised likelihood-ratio p-values
    data: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False, compare=False)  # Firth: (X, y)
    satterthwaite: Satterthwaite | None = field(default=None, repr=False, compare=False)  # CR2: df per contrast

    def df(self, weights: np.ndarray) -> float | None:
        """Degrees of freedom of the t reference for the contrast ``weights`` (None: normal)."""
        return self.satterthwaite.df(weights) if self.satterthwaite is not None else self.df_resid

    def coef(self, name: str, alpha: float = 0.05, exp: bool = False) -> Estimate:
        i = self.names.index(name)
        e = wald(self.params[i], float(np.sqrt(self.cov[i, i])), alpha, exp=exp, df=self.df(np.eye(len(self.names))[i]))
        if self.vcov == "Firth" and self.data is not None and name != "(Intercept)" and alpha != 0.05:
            from ._firth import combination  # another level than the 95 % computed with the fit

            w = np.zeros(len(self.names))
            w[i] = 1.0
            _, lo, hi, p = combination(self.data[0], self.data[1], w, alpha)
            return Estimate(e.estimate, float(np.exp(lo) if exp else lo), float(np.exp(hi) if exp else hi), p)
        if self.profile and name in self.profile and alpha == 0.05:
            lo, hi = self.profile[name]
            p = self.plr[name] if self.plr and name in self.plr else e.p_value
            return Estimate(e.estimate, float(np.exp(lo) if exp else lo), float(np.exp(hi) if exp else hi), p)
        return e

    def combination(self, weights: dict[str, float], alpha: float = 0.05, exp: bool = False) -> Estimate:
        """A linear combination of coefficients, e.g. the arm effect within a moderator level; after a
        Firth fit with its profile penalised-likelihood interval and penalised likelihood-ratio p-value."""
        w = np.array([weights.get(n, 0.0) for n in self.names])
        if self.vcov == "Firth" and self.data is not None:
            from ._firth import combination

            est, lo, hi, p = combination(self.data[0], self.data[1], w, alpha)
            scale = np.exp if exp else float
            return Estimate(float(scale(est)), float(scale(lo)), float(scale(hi)), p)
        return wald(float(w @ self.params), float(np.sqrt(w @ self.cov @ w)), alpha, exp=exp, df=self.df(w))


def logistic(X: np.ndarray, y: np.ndarray, names: list[str], cluster: object = None, *,
             firth_fallback: bool = True, small_sample: SmallSample = "satterthwaite") -> Fit:
    """Maximum-likelihood logistic regression (IRLS, as ``glm(family = binomial)``).

    ML covariance and normal reference; with ``cluster`` (one label per row) CR2 and t on Satterthwaite
    df (``small_sample="naive"``: G − 1).
    When the data are separated (an exact linear-programming check, :func:`stats.firth.separation`)
    maximum likelihood has no finite answer: Firth's penalised regression is fitted instead, with a
    StatisticalWarning naming the terms, and profile penalised-likelihood intervals (Wald with CR2 when
    clustered). ``firth_fallback=False`` returns NaNs with ``separated=True`` instead. Convergence
    warnings of the fit reach the user as StatisticalWarning.
    """
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    from ._firth import firth, plr_p_value, profile_interval, separation

    terms = separation(X, y, names)
    if terms:
        if not firth_fallback:
            k = X.shape[1]
            return Fit(np.full(k, np.nan), np.full((k, k), np.nan), names, None, True)
        f = firth(X, y)
        shown = ", ".join(n for n in terms if n != "(Intercept)") or Message("warn_the_intercept")
        warnings.warn(Message("warn_logistic_separation", {"terms": shown}), StatisticalWarning, stacklevel=3)
        if cluster is not None:  # Wald with CR2: the penalised likelihood knows no clusters
            return robust(Fit(f.params, f.cov, names, None, vcov="Firth"), X, y, "binomial", cluster, small_sample)
        terms_ = [(j, n) for j, n in enumerate(names) if n != "(Intercept)"]
        return Fit(f.params, f.cov, names, None, vcov="Firth",
                   profile={n: profile_interval(X, y, f, j) for j, n in terms_},
                   plr={n: plr_p_value(X, y, f, j) for j, n in terms_}, data=(X, np.asarray(y, float)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = GLM(y, X, family=families.Binomial()).fit(tol=1e-10, maxiter=100)
    for w in caught:
        if issubclass(w.category, ConvergenceWarning) or "converge" in str(w.message).lower():
            warnings.warn(Message("warn_logistic_no_convergence", {"detail": str(w.message)}), StatisticalWarning,
                          stacklevel=3)
    fit = Fit(np.asarray(res.params), np.asarray(res.cov_params()), names, None)
    return fit if cluster is None else robust(fit, X, y, "binomial", cluster, small_sample)


def robust(fit: Fit, X: np.ndarray, y: np.ndarray, family: Family, cluster: object = None,
           small_sample: SmallSample = "satterthwaite") -> Fit:
    """The same fit with the HC2 covariance (``cluster=None``; normal reference for a glm, t on
    n − p for ``gaussian``) or the CR2 covariance with t on Satterthwaite df (``"naive"``: G − 1)."""
    if fit.separated:
        return fit
    eta = X @ fit.params
    mu = {"gaussian": eta, "binomial": 1 / (1 + np.exp(-eta)), "poisson": np.exp(eta)}[family]
    cov, g = sandwich(X, y, mu, family, cluster)
    if g is not None:
        satt = Satterthwaite(X, cluster, *glm_parts(X, mu, family)) if check_small_sample(small_sample) else None
        return replace(fit, cov=cov, df_resid=float(g - 1), vcov="CR2", n_clusters=g, satterthwaite=satt)
    df = float(X.shape[0] - X.shape[1]) if family == "gaussian" else None
    return replace(fit, cov=cov, df_resid=df, vcov="HC2", n_clusters=None)


def check_small_sample(small_sample: object) -> bool:
    """True for "satterthwaite", False for "naive"; an ArgumentError otherwise."""
    if small_sample not in SMALL_SAMPLE:
        from ..errors import ArgumentError

        raise ArgumentError(f"small_sample={small_sample!r}: choose 'satterthwaite' (CR2 with Satterthwaite degrees "
                            "of freedom, clubSandwich's default) or 'naive' (t on G − 1 degrees of freedom)")
    return small_sample == "satterthwaite"


def poisson(X: np.ndarray, y: np.ndarray, names: list[str], cluster: object = None,
            small_sample: SmallSample = "satterthwaite") -> Fit:
    """Poisson regression with log link and a sandwich covariance: for a 0/1 outcome the
    "modified Poisson" risk-ratio model (Zou 2004; Zou and Donner 2013 with clusters), as
    ``glm(family = poisson)`` with ``vcovHC(type = "HC2")`` or ``vcovCR(type = "CR2")``.
    NaN, with a warning, when the maximum-likelihood estimate is infinite (:func:`poisson_mle_exists`: e.g. an arm
    without events, where glm and statsmodels stop at a large finite value and call it converged) or the fit does
    not converge."""
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    k = X.shape[1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            res = GLM(y, X, family=families.Poisson()).fit(tol=1e-10, maxiter=100)
            ok = bool(res.converged) and bool(np.all(np.isfinite(res.params))) and bool(np.all(np.abs(res.params) < 30))
        except Exception:  # non-finite fits raise in some statsmodels versions
            ok = False
    ok = ok and poisson_mle_exists(X, y)
    if not ok:
        warnings.warn(Message("warn_poisson_no_convergence"), StatisticalWarning, stacklevel=3)
        return Fit(np.full(k, np.nan), np.full((k, k), np.nan), names, None, True)
    return robust(Fit(np.asarray(res.params), np.asarray(res.cov_params()), names, None), X, y, "poisson", cluster,
                  small_sample)


def poisson_mle_exists(X: np.ndarray, y: np.ndarray) -> bool:
    """Whether the Poisson maximum-likelihood estimate is finite (Santos Silva and Tenreyro 2010, Economics Letters
    107: 310): it is not when some direction ``b`` gives ``X_i b = 0`` wherever ``y_i > 0`` and ``X_i b <= 0``
    wherever ``y_i = 0``, below 0 somewhere — along ``b`` the likelihood rises for ever (an arm without events).
    A linear programme, as :func:`ekc_analysis.stats._firth.separation` finds logistic separation."""
    from scipy import optimize

    zero = np.asarray(y) == 0
    if not zero.any():
        return True
    scale = np.abs(X).max(axis=0)
    Xs = X / np.where(scale > 0, scale, 1.0)
    positive = Xs[~zero]
    equal = {"A_eq": positive, "b_eq": np.zeros(len(positive))} if len(positive) else {}
    res = optimize.linprog(Xs[zero].sum(axis=0), A_ub=Xs[zero], b_ub=np.zeros(int(zero.sum())),
                           bounds=[(-1, 1)] * X.shape[1], method="highs", **equal)
    return res.status != 0 or res.fun >= -1e-7 * int(zero.sum())


def linear(X: np.ndarray, y: np.ndarray, names: list[str], cluster: object = None, *,
           robust: bool = True, small_sample: SmallSample = "satterthwaite") -> Fit:
    """Ordinary least squares (as ``lm``) with the HC2 covariance and t on n − p by default.

    ``robust=False`` gives the classical covariance (``vcov(lm)``); ``cluster`` (one label per
    row) gives CR2 with t on Satterthwaite df per contrast (``small_sample="naive"``: G − 1).
    """
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    df = X.shape[0] - X.shape[1]
    if cluster is not None:
        cov, g = cr2(X, resid, cluster)
        satt = Satterthwaite(X, cluster) if check_small_sample(small_sample) else None
        return Fit(beta, cov, names, float(g - 1), vcov="CR2", n_clusters=g, satterthwaite=satt)
    if robust:
        return Fit(beta, hc2(X, resid), names, float(df), vcov="HC2")
    sigma2 = resid @ resid / df
    cov = sigma2 * np.linalg.inv(X.T @ X)
    return Fit(beta, cov, names, float(df), vcov="classical")


def standardised_risk_difference(fit: Fit, X: np.ndarray, arm_col: int = 1, alpha: float = 0.05) -> Estimate:
    """Adjusted risk difference by g-computation: everyone with FGC minus everyone without.

    The delta method gives the standard error: the gradient of mean(p1) − mean(p0) with
    respect to the coefficients is mean(p1(1−p1)x1) − mean(p0(1−p0)x0), combined with the fit's
    covariance (pass ``robust(fit, X, y, "binomial")`` for HC2, or a fit with ``cluster=`` for CR2,
    whose t reference is used: Satterthwaite df for the gradient contrast, or G − 1).
    """
    if fit.separated:
        return Estimate(np.nan, np.nan, np.nan)
    x1, x0 = X.copy(), X.copy()
    x1[:, arm_col], x0[:, arm_col] = 1.0, 0.0
    p1 = 1 / (1 + np.exp(-(x1 @ fit.params)))
    p0 = 1 / (1 + np.exp(-(x0 @ fit.params)))
    grad = (x1 * (p1 * (1 - p1))[:, None]).mean(axis=0) - (x0 * (p0 * (1 - p0))[:, None]).mean(axis=0)
    se = float(np.sqrt(grad @ fit.cov @ grad))
    return wald(float(p1.mean() - p0.mean()), se, alpha, df=fit.df(grad))
