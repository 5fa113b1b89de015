"""Augmented inverse-probability weighting (AIPW): doubly robust arm means and their contrasts.

Pure arithmetic on arrays. The outcome model (logistic for a 0/1 outcome, linear otherwise) holds the arm
and the covariates; the propensity model (logistic) the covariates. Each arm mean is

* ATE: ``mean(Q_a(X) + 1{A = a} / P(A = a | X) · (Y − Q_a(X)))``;
* ATT: ``mean(Y | A = 1)`` for the treated arm, and for the comparison arm
  ``Σ [A·Q_0(X) + (1 − A)·e(X)/(1 − e(X))·(Y − Q_0(X))] / Σ A``

(``Q_a`` the outcome model's prediction with the arm set to ``a``, ``e`` the propensity score). Either
model may be wrong, not both. The influence function holds the terms for estimating both models (the
stacked M-estimator: the derivative of each mean with respect to the outcome and propensity coefficients
times their influence functions), as ``riskRegression::ate(estimator = "AIPTW")`` with the default
``known.nuisance = FALSE``; the variance is ``Σ IF² / n²``.

With clusters there are two small-sample corrections of the cluster sums ``s_g`` of the influence values:

* :func:`cluster_covariance` (CR2, the default for few or unbalanced clusters): the influence values are
  treated as the residuals of the intercept-only working model ``lm(ψ ~ 1)`` and given the CR2 adjustment of
  Bell and McCaffrey (2002), ``Σ_g s_g s_gᵀ / (1 − n_g/n) / n²``, with t on the Satterthwaite degrees of
  freedom of that model (Pustejovsky and Tipton 2018), as ``clubSandwich::coef_test(lm(ψ ~ 1), vcov = "CR2",
  test = "Satterthwaite")``;
* :func:`covariance` with ``cluster=`` (naive): ``Σ_g s_g s_gᵀ / n² · G / (G − 1)`` with t on G − 1 df
  (``vcovCR(type = "CR1")``, ``test = "naive-t"``).

The two coincide when all clusters have the same size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ArgumentError
from ._sandwich import cluster_codes


@dataclass(frozen=True)
class GLMFit:
    """Coefficients of a logistic or linear model with its per-row influence functions (n × p)."""

    params: np.ndarray
    influence: np.ndarray
    converged: bool


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def fit_glm(X: np.ndarray, y: np.ndarray, binary: bool, max_iter: int = 100, tol: float = 1e-12) -> GLMFit:
    """Maximum likelihood (Newton–Raphson for the logistic model, least squares for the linear one) and
    the influence function of the coefficients, ``n · (X'WX)⁻¹ x_i (y_i − μ_i)``."""
    n = len(y)
    if not binary:
        beta, *_ = np.linalg.lstsq(X, y, rcond=None)
        bread = np.linalg.pinv(X.T @ X / n)
        return GLMFit(beta, (X * (y - X @ beta)[:, None]) @ bread.T, True)
    beta = np.zeros(X.shape[1])
    converged = False
    for _ in range(max_iter):
        p = _expit(X @ beta)
        info = (X * (p * (1 - p))[:, None]).T @ X
        step = np.linalg.lstsq(info, X.T @ (y - p), rcond=None)[0]
        beta = beta + step
        if np.max(np.abs(step)) < tol * (1 + np.max(np.abs(beta))):
            converged = True
            break
    p = _expit(X @ beta)
    bread = np.linalg.pinv((X * (p * (1 - p))[:, None]).T @ X / n)
    return GLMFit(beta, (X * (y - p)[:, None]) @ bread.T, converged and bool(np.all(np.isfinite(beta))))


@dataclass(frozen=True)
class AIPW:
    """Arm means (treated, control), their n-scaled influence values (n × 2), the plain outcome-model
    (g-formula) and weighting (Hajek IPW) estimates of the same means, the propensity scores and whether
    both models converged."""

    means: np.ndarray
    influence: np.ndarray
    gformula: np.ndarray
    weighting: np.ndarray
    propensity: np.ndarray
    converged: bool


def aipw(y: np.ndarray, a: np.ndarray, X: np.ndarray, Z: np.ndarray, *, binary: bool, estimand: str = "ATE") -> AIPW:
    """AIPW arm means. ``X``: outcome design with the arm in column 1; ``Z``: propensity design."""
    a = a.astype(float)
    out = fit_glm(X, y, binary)
    ps = fit_glm(Z, a, True)
    X1, X0 = X.copy(), X.copy()
    X1[:, 1], X0[:, 1] = 1.0, 0.0
    link = _expit if binary else (lambda v: v)
    q1, q0 = link(X1 @ out.params), link(X0 @ out.params)
    d1 = q1 * (1 - q1) if binary else np.ones_like(q1)  # dQ/d(linear predictor)
    d0 = q0 * (1 - q0) if binary else np.ones_like(q0)
    e = _expit(Z @ ps.params)
    if estimand == "ATE":
        means, psi, dbeta, dgamma, scale = _ate_terms(y, a, e, q1, q0, d1, d0, X1, X0, Z)
    else:
        means, psi, dbeta, dgamma, scale = _att_terms(y, a, e, q1, q0, d0, X0, Z)
    infl = (psi + out.influence @ dbeta.T + ps.influence @ dgamma.T) / scale
    gform, weighting = _plain_estimates(y, a, e, q1, q0, estimand)
    return AIPW(means, infl, gform, weighting, e, out.converged and ps.converged)


def _ate_terms(y, a, e, q1, q0, d1, d0, X1, X0, Z):  # type: ignore[no-untyped-def]
    """ATE: centred scores ψ (n × 2) and the mean derivatives with respect to β (2 × p) and γ (2 × q)."""
    r1, r0 = y - q1, y - q0
    s1, s0 = q1 + a / e * r1, q0 + (1 - a) / (1 - e) * r0
    means = np.array([s1.mean(), s0.mean()])
    psi = np.column_stack([s1 - means[0], s0 - means[1]])
    dbeta = np.vstack(
        [((d1 * (1 - a / e))[:, None] * X1).mean(0), ((d0 * (1 - (1 - a) / (1 - e)))[:, None] * X0).mean(0)]
    )
    dgamma = np.vstack(
        [((-a * r1 * (1 - e) / e)[:, None] * Z).mean(0), (((1 - a) * r0 * e / (1 - e))[:, None] * Z).mean(0)]
    )
    return means, psi, dbeta, dgamma, 1.0


def _att_terms(y, a, e, q1, q0, d0, X0, Z):  # type: ignore[no-untyped-def]
    """ATT: the same for the ratio estimators Σ num / Σ A (divided by the treated share at the end)."""
    odds = e / (1 - e)
    share = a.mean()
    num1, num0 = a * y, a * q0 + (1 - a) * odds * (y - q0)
    means = np.array([num1.sum() / a.sum(), num0.sum() / a.sum()])
    psi = np.column_stack([num1 - means[0] * a, num0 - means[1] * a])
    dbeta = np.vstack([np.zeros(X0.shape[1]), ((d0 * (a - (1 - a) * odds))[:, None] * X0).mean(0)])
    dgamma = np.vstack([np.zeros(Z.shape[1]), (((1 - a) * odds * (y - q0))[:, None] * Z).mean(0)])
    return means, psi, dbeta, dgamma, share


def _plain_estimates(y, a, e, q1, q0, estimand):  # type: ignore[no-untyped-def]
    """The outcome-model (g-formula) and the weighting (Hajek) arm means, for the disagreement check."""
    if estimand == "ATE":
        gform = np.array([q1.mean(), q0.mean()])
        w1, w0 = a / e, (1 - a) / (1 - e)
    else:
        gform = np.array([y[a == 1].mean(), q0[a == 1].mean()])
        w1, w0 = a, (1 - a) * e / (1 - e)
    weighting = np.array([(w1 * y).sum() / w1.sum(), (w0 * y).sum() / w0.sum()])
    return gform, weighting


def covariance(influence: np.ndarray, cluster: np.ndarray | None = None) -> tuple[np.ndarray, int | None]:
    """Covariance of the means, ``Σ IF IFᵀ / n²``; with ``cluster`` the cluster sums of the influence
    values times ``G / (G − 1)``. Returns the matrix and G (None without clusters)."""
    n = len(influence)
    if cluster is None:
        return influence.T @ influence / n**2, None
    _, codes = np.unique(cluster, return_inverse=True)
    sums = np.zeros((codes.max() + 1, influence.shape[1]))
    np.add.at(sums, codes, influence)
    g = len(sums)
    return sums.T @ sums / n**2 * g / (g - 1), g


@dataclass(frozen=True)
class ClusterCovariance:
    """CR2 covariance of the arm means (2 × 2), the number of clusters G and the Satterthwaite degrees of
    freedom (one value: the working model has one coefficient, so every contrast has the same df)."""

    cov: np.ndarray
    n_clusters: int
    df: float


def cluster_covariance(influence: np.ndarray, cluster: object) -> ClusterCovariance:
    r"""CR2 cluster-robust covariance of the AIPW means with Satterthwaite degrees of freedom.

    The influence values are the residuals of the intercept-only working model ``lm(ψ ~ 1)`` (ψ the
    pseudo-outcome, estimate plus influence value); CR2 for that model (Bell and McCaffrey 2002) is

    .. math::

        \widehat{V} = \frac{1}{n^2} \sum_{g=1}^{G} \frac{s_g s_g^\top}{1 - n_g / n},
        \qquad s_g = \sum_{i \in g} \psi_i ,

    because the hat matrix of the intercept is ``J / n`` and ``(I − J_g / n)^{-1/2}`` multiplies the cluster
    sum by ``(1 − n_g/n)^{-1/2}``. With clusters of equal size this is the naive ``G / (G − 1)`` factor of
    :func:`covariance`. The degrees of freedom are Satterthwaite's for that working model (Pustejovsky and
    Tipton 2018, the default of ``clubSandwich::coef_test``), in closed form with ``p_g = n_g / n``:

    .. math::

        \nu = \Big[\sum_g w_g^2 - 2 \sum_g w_g u_g + \big(\textstyle\sum_g u_g\big)^2\Big]^{-1},
        \qquad w_g = \frac{p_g}{1 - p_g},\ u_g = \frac{p_g^2}{1 - p_g},

    (``tr P = 1`` and ``ν = (tr P)² / ‖P‖²`` with ``P = diag(w) − √u √uᵀ`` up to the factor ``n``). ν is
    G − 1 for equal clusters and falls below it as the sizes spread; it is the same for every contrast of the
    two means (difference, log ratio) since the working model has one coefficient.

    Parameters
    ----------
    influence : (n, k) array
        n-scaled influence values (:attr:`AIPW.influence`: the treated and the control mean); they are
        centred first (their mean is zero at the solution anyway), as the residuals of ``lm(ψ ~ 1)``.
    cluster : array of labels
        One label per row (any hashable values, no missing ones); at least two clusters, none holding
        every row.

    Returns
    -------
    ClusterCovariance
        ``cov`` (k × k), ``n_clusters`` G and ``df`` ν; use t on ν degrees of freedom.

    References
    ----------
    Bell, R. M. and McCaffrey, D. F. (2002). Bias reduction in standard errors for linear regression with
    multi-stage samples. *Survey Methodology* 28(2), 169–181.

    Pustejovsky, J. E. and Tipton, E. (2018). Small-sample methods for cluster-robust variance estimation
    and hypothesis testing in fixed effects models. *Journal of Business & Economic Statistics* 36(4),
    672–683.

    Examples
    --------
    >>> psi = np.array([[1.0, 0.0], [-1.0, 1.0], [2.0, -1.0], [-2.0, 0.0]])
    >>> cc = cluster_covariance(psi, ["a", "a", "b", "b"])
    >>> bool(np.allclose(cc.cov, covariance(psi, ["a", "a", "b", "b"])[0])), cc.n_clusters, cc.df
    (True, 2, 1.0)
    """
    psi = np.asarray(influence, float)
    psi = psi - psi.mean(axis=0)
    n = psi.shape[0]
    codes, g = cluster_codes(cluster, n)
    sizes = np.bincount(codes, minlength=g).astype(float)
    if g < 2 or sizes.max() >= n:
        raise ArgumentError(f"cluster has {g} distinct label(s); CR2 needs at least two clusters")
    sums = np.zeros((g, psi.shape[1]))
    np.add.at(sums, codes, psi)
    p = sizes / n
    scaled = sums / np.sqrt(1 - p)[:, None]
    w, u = p / (1 - p), p**2 / (1 - p)
    df = 1.0 / float(np.sum(w**2) - 2 * np.sum(w * u) + np.sum(u) ** 2)
    return ClusterCovariance(scaled.T @ scaled / n**2, g, df)


def contrasts(means: np.ndarray, cov: np.ndarray, binary: bool) -> list[tuple[str, float, float, bool]]:
    """(measure, estimate, se, log scale) for the difference and, for a 0/1 outcome, the ratio (its se on
    the log scale)."""
    diff = float(means[0] - means[1])
    se_diff = float(np.sqrt(cov[0, 0] + cov[1, 1] - 2 * cov[0, 1]))
    rows = [("risk_difference" if binary else "mean_difference", diff, se_diff, False)]
    if binary:
        grad = np.array([1 / means[0], -1 / means[1]])
        rows.append(("risk_ratio", float(np.log(means[0] / means[1])), float(np.sqrt(grad @ cov @ grad)), True))
    return rows


__all__ = ["AIPW", "ClusterCovariance", "GLMFit", "aipw", "cluster_covariance", "contrasts", "covariance", "fit_glm"]
