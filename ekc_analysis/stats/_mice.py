"""The chained-equations engine behind :func:`ekc_analysis.impute` (multivariate imputation as R's ``mice``).

Pure numpy on an encoded matrix. Each incomplete variable is imputed in turn from all others, for
``iterations`` rounds, starting from random draws of its observed values:

* numbers: predictive mean matching as ``mice.impute.pmm`` — least squares (ridge 1e-5) on the observed rows, a
  Bayesian draw of sigma and of the coefficients (``mice:::.norm.draw``), type-1 matching (observed rows'
  predictions from the estimated coefficients, missing rows' from the drawn ones), a donor drawn at random
  among the 5 nearest;
* two values: logistic regression with coefficients drawn from their approximate posterior
  N(beta_hat, V) (``mice.impute.logreg``), then a Bernoulli draw;
* three or more categories: multinomial logistic regression, drawn the same way (``mice.impute.polyreg``).

With cluster labels every model also gets, for each variable, the mean of the other members of the cluster
(leave-one-out; 0 with an indicator for rows alone in their cluster), so siblings' values inform each
other's imputations and the within-family correlation survives imputation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RIDGE = 1e-5
DONORS = 5


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "numeric", "binary", "categorical"
    codes: np.ndarray  # float values (numeric) or integer codes (binary/categorical), NaN where missing
    levels: int = 0  # categories for binary/categorical


def _encode(cols: list[Column], values: list[np.ndarray], skip: int) -> list[np.ndarray]:
    out = []
    for j, (c, v) in enumerate(zip(cols, values, strict=True)):
        if j == skip:
            continue
        if c.kind == "categorical":
            out += [(v == k).astype(float) for k in range(1, c.levels)]
        else:
            out.append(v.astype(float))
    return out


def _loo_means(parts: list[np.ndarray], codes: np.ndarray, sizes: np.ndarray) -> list[np.ndarray]:
    """Mean of the other members of each row's cluster, per column (0 when alone)."""
    others = sizes[codes] - 1
    out = []
    for x in parts:
        total = np.bincount(codes, x, sizes.size)[codes]
        with np.errstate(invalid="ignore", divide="ignore"):
            out.append(np.where(others > 0, (total - x) / np.maximum(others, 1), 0.0))
    return out


def _design(
    cols: list[Column], values: list[np.ndarray], j: int, cluster: np.ndarray | None, sizes: np.ndarray | None
) -> np.ndarray:
    parts = _encode(cols, values, j)
    if cluster is not None and sizes is not None:
        own = _encode([cols[j]], [values[j]], -1)
        parts += _loo_means(parts + own, cluster, sizes) + [(sizes[cluster] > 1).astype(float)]
    X = np.column_stack([np.ones(values[0].size), *parts])
    sd = X[:, 1:].std(axis=0)
    X[:, 1:] = (X[:, 1:] - X[:, 1:].mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    return X


def _pmm(X: np.ndarray, y: np.ndarray, obs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    xo, yo, xm = X[obs], y[obs], X[~obs]
    xtx = xo.T @ xo
    v = np.linalg.inv(xtx + np.diag(RIDGE * np.maximum(np.diag(xtx), 1e-12)))
    coef = v @ xo.T @ yo
    resid = yo - xo @ coef
    df = max(int(obs.sum()) - X.shape[1], 1)
    sigma = np.sqrt(resid @ resid / rng.chisquare(df))
    beta = coef + sigma * (np.linalg.cholesky((v + v.T) / 2) @ rng.standard_normal(X.shape[1]))
    fit_obs, fit_mis = xo @ coef, xm @ beta
    dist = np.abs(fit_mis[:, None] - fit_obs[None, :]) + rng.uniform(0, 1e-9, (fit_mis.size, fit_obs.size))
    k = min(DONORS, fit_obs.size)
    nearest = np.argpartition(dist, k - 1, axis=1)[:, :k]
    pick = nearest[np.arange(fit_mis.size), rng.integers(0, k, fit_mis.size)]
    return yo[pick]


def _multinomial(X: np.ndarray, y: np.ndarray, levels: int, iterations: int = 25) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by Newton–Raphson (ridge 1e-4); coefficients (p, K-1) and covariance."""
    n, p = X.shape
    k1 = levels - 1
    beta = np.zeros((p, k1))
    target = np.column_stack([(y == k).astype(float) for k in range(1, levels)])
    penalty = 1e-4 * np.eye(p * k1)
    for _ in range(iterations):
        eta = np.column_stack([np.zeros(n), X @ beta])
        eta -= eta.max(axis=1, keepdims=True)
        prob = np.exp(eta)
        prob /= prob.sum(axis=1, keepdims=True)
        pr = prob[:, 1:]
        grad = (X.T @ (target - pr)).T.reshape(-1) - penalty @ beta.T.reshape(-1)
        hess = np.zeros((p * k1, p * k1))
        for a in range(k1):
            for b in range(k1):
                w = pr[:, a] * ((a == b) - pr[:, b])
                hess[a * p : (a + 1) * p, b * p : (b + 1) * p] = (X * w[:, None]).T @ X
        hess += penalty
        step = np.linalg.solve(hess, grad)
        beta += step.reshape(k1, p).T
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta, np.linalg.inv(hess)


def _categorical(X: np.ndarray, y: np.ndarray, obs: np.ndarray, levels: int, rng: np.random.Generator) -> np.ndarray:
    beta, cov = _multinomial(X[obs], y[obs].astype(int), levels)
    p, k1 = beta.shape
    draw = beta.T.reshape(-1) + np.linalg.cholesky((cov + cov.T) / 2) @ rng.standard_normal(p * k1)
    eta = np.column_stack([np.zeros((~obs).sum()), X[~obs] @ draw.reshape(k1, p).T])
    eta -= eta.max(axis=1, keepdims=True)
    prob = np.exp(eta)
    prob /= prob.sum(axis=1, keepdims=True)
    u = rng.uniform(size=prob.shape[0])
    return np.minimum((prob.cumsum(axis=1) < u[:, None]).sum(axis=1), levels - 1).astype(float)


def impute_once(
    cols: list[Column], rng: np.random.Generator, cluster: np.ndarray | None = None, iterations: int = 10
) -> list[np.ndarray]:
    """One completed set of columns (same order as ``cols``)."""
    sizes = np.bincount(cluster) if cluster is not None else None
    values, missing = [], []
    for c in cols:
        v = c.codes.astype(float).copy()
        miss = np.isnan(v)
        if miss.any():
            v[miss] = rng.choice(v[~miss], miss.sum())
        values.append(v)
        missing.append(miss)
    order = [j for j, miss in enumerate(missing) if miss.any()]
    for _ in range(iterations if order else 0):
        for j in order:
            X = _design(cols, values, j, cluster, sizes)
            obs = ~missing[j]
            c = cols[j]
            if c.kind == "numeric":
                values[j][~obs] = _pmm(X, values[j], obs, rng)
            else:
                values[j][~obs] = _categorical(X, values[j], obs, max(c.levels, 2), rng)
    return values
