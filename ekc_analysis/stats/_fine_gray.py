"""Fine–Gray proportional subdistribution hazards regression, as ``cmprsk::crr``.

The model (Fine & Gray 1999, JASA 94) keeps children who ended follow-up for a competing reason in
the risk set of the cause of interest, with weight ``G(t-)/G(T_i-)`` (``G`` the Kaplan–Meier estimate
of remaining uncensored), so its hazard ratio describes the cumulative incidence itself. The
standard error is Fine and Gray's sandwich with the term for estimating ``G`` (crr's ``crrvv``);
with ``cluster`` the per-row contributions are summed within clusters before the outer product.

Every sum over risk sets is a cumulative sum over rows sorted by time, so a fit costs
O(n log n + n p^2) per Newton step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FineGrayFit:
    coef: np.ndarray
    se: np.ndarray
    cov: np.ndarray
    converged: bool
    n_events: int
    n_competing: int
    n_censored: int


def _censoring_left_limit(t: np.ndarray, censored: np.ndarray) -> np.ndarray:
    """Kaplan–Meier of remaining uncensored, read just before each row's time (``t`` sorted)."""
    grid, idx = np.unique(t, return_inverse=True)
    c = np.bincount(idx, weights=censored.astype(float), minlength=grid.size)
    n = np.bincount(idx, minlength=grid.size).astype(float)
    at_risk = n[::-1].cumsum()[::-1]
    g = np.cumprod(1 - c / at_risk)
    g_minus = np.concatenate([[1.0], g[:-1]])
    return g_minus[idx]


class _Sorted:
    """Rows sorted by time with the pieces every Newton step needs."""

    def __init__(self, time: np.ndarray, status: np.ndarray, X: np.ndarray, cause: int):
        order = np.argsort(time, kind="stable")
        self.order = order
        self.t = np.asarray(time, float)[order]
        s = np.asarray(status)[order]
        self.X = np.asarray(X, float)[order]
        self.fail = s == cause
        self.comp = (s != cause) & (s != 0)
        self.cens = s == 0
        self.G = _censoring_left_limit(self.t, self.cens)  # G(T_i-)
        self.ft, fidx = np.unique(self.t[self.fail], return_inverse=True)  # distinct failure times
        self.dm = np.bincount(fidx, minlength=self.ft.size).astype(float)
        self.pos = np.searchsorted(self.t, self.ft, side="left")  # first row with T >= t_m
        self.Gm = self.G[self.pos]  # G(t_m-)

    def sums(self, beta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """S0, S1, S2 over the weighted risk set at each distinct failure time, and exp(x b)."""
        X = self.X
        e = np.exp(X @ beta)
        n, p = X.shape
        parts = [e[:, None], e[:, None] * X, (e[:, None, None] * X[:, :, None] * X[:, None, :]).reshape(n, p * p)]
        out = []
        for part in parts:
            tail = np.vstack([part[::-1].cumsum(axis=0)[::-1], np.zeros((1, part.shape[1]))])
            head = np.vstack([np.zeros((1, part.shape[1])),
                              np.cumsum(np.where(self.comp[:, None], part / self.G[:, None], 0.0), axis=0)])
            out.append(tail[self.pos] + self.Gm[:, None] * head[self.pos])
        S0, S1, S2 = out[0][:, 0], out[1], out[2].reshape(-1, p, p)
        return S0, S1, S2, e

    def loglik(self, beta: np.ndarray) -> float:
        S0, _, _, _ = self.sums(beta)
        return float((self.X[self.fail] @ beta).sum() - (self.dm * np.log(S0)).sum())

    def score_info(self, beta: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        S0, S1, S2, _ = self.sums(beta)
        xbar = S1 / S0[:, None]
        ll = float((self.X[self.fail] @ beta).sum() - (self.dm * np.log(S0)).sum())
        U = self.X[self.fail].sum(axis=0) - (self.dm[:, None] * xbar).sum(axis=0)
        info = (self.dm[:, None, None] * (S2 / S0[:, None, None] - xbar[:, :, None] * xbar[:, None, :])).sum(axis=0)
        return ll, U, info

    def contributions(self, beta: np.ndarray) -> np.ndarray:
        """Each row's eta_i + psi_i of Fine & Gray's variance (the influence on the score)."""
        S0, S1, _, e = self.sums(beta)
        X, t, n = self.X, self.t, self.t.size
        xbar = S1 / S0[:, None]
        # eta: dN part for failures
        fidx = np.searchsorted(self.ft, t[self.fail])
        eta = np.zeros_like(X)
        eta[self.fail] = X[self.fail] - xbar[fidx]
        # minus the d Lambda part while at risk with weight 1 (t_m <= T_i) ...
        k = np.searchsorted(self.ft, t, side="right")  # number of failure times <= T_i
        a0 = np.concatenate([[0.0], np.cumsum(self.dm / S0)])
        a1 = np.vstack([np.zeros((1, X.shape[1])), np.cumsum(self.dm[:, None] * xbar / S0[:, None], axis=0)])
        eta -= e[:, None] * (X * a0[k][:, None] - a1[k])
        # ... and, for competing events, with weight G(t_m-)/G(T_i-) after T_i (t_m > T_i)
        w = self.dm * self.Gm / S0
        b0 = np.concatenate([np.cumsum(w[::-1])[::-1], [0.0]])
        b1 = np.vstack([np.cumsum((w[:, None] * xbar)[::-1], axis=0)[::-1], np.zeros((1, X.shape[1]))])
        ce = self.comp
        eta[ce] -= (e[ce] / self.G[ce])[:, None] * (X[ce] * b0[k[ce]][:, None] - b1[k[ce]])
        # psi: the part from estimating G, through q(u) at each censoring time u
        grid, gidx = np.unique(t, return_inverse=True)
        first = np.searchsorted(t, grid, side="left")
        y = (n - first).astype(float)  # at risk at u (T >= u)
        c = np.bincount(gidx, weights=self.cens.astype(float), minlength=grid.size)
        comp_e = np.where(ce, e / self.G, 0.0)
        B0 = np.concatenate([[0.0], np.cumsum(comp_e)])[first]  # competing rows with T < u
        B1 = np.vstack([np.zeros((1, X.shape[1])), np.cumsum(comp_e[:, None] * X, axis=0)])[first]
        km = np.searchsorted(self.ft, grid, side="left")  # failure times >= u start here
        q = B1 * b0[km][:, None] - B0[:, None] * b1[km]
        with np.errstate(divide="ignore", invalid="ignore"):
            step = np.where(c[:, None] > 0, c[:, None] * q / (y**2)[:, None], 0.0)
            own = np.where(c[:, None] > 0, q / y[:, None], 0.0)
        psi = -np.cumsum(step, axis=0)[gidx] + np.where(self.cens[:, None], own[gidx], 0.0)
        return eta + psi


def fine_gray(time: np.ndarray, status: np.ndarray, X: np.ndarray, cause: int = 1,
              cluster: np.ndarray | None = None, tol: float = 1e-9, max_iter: int = 50) -> FineGrayFit:
    """Fit the Fine–Gray model for ``cause``; coefficients on the log subdistribution-hazard scale.

    Parameters
    ----------
    time, status : arrays
        Follow-up time; 0 = censored, ``cause`` = the event of interest, other values = competing.
    X : array (n, p)
        Covariates (no intercept).
    cluster : array, optional
        Cluster labels: the sandwich sums the rows' contributions within clusters (crr has no
        cluster option; without ``cluster`` the SE equals crr's).

    Returns
    -------
    FineGrayFit
        ``coef``, ``se``, ``cov``, convergence and the counts of events, competing events and censored.

    Examples
    --------
    >>> import numpy as np
    >>> fit = fine_gray(np.array([1., 2, 3, 4, 5, 6]), np.array([1, 2, 1, 0, 1, 2]),
    ...                 np.array([[1.], [0], [0], [1], [1], [0]]))
    >>> fit.n_events, fit.n_competing
    (3, 2)
    """
    X = np.asarray(X, float)
    if X.ndim == 1:
        X = X[:, None]
    data = _Sorted(time, status, X, cause)
    beta = np.zeros(X.shape[1])
    converged = False
    ll, U, info = data.score_info(beta)
    for _ in range(max_iter):
        step = np.linalg.solve(info, U)
        new = beta + step
        ll_new = data.loglik(new)
        halvings = 0
        while (not np.isfinite(ll_new) or ll_new < ll - 1e-12) and halvings < 30:
            step = step / 2
            new = beta + step
            ll_new = data.loglik(new)
            halvings += 1
        beta = new
        ll, U, info = data.score_info(beta)
        if np.max(np.abs(step)) < tol:
            converged = True
            break
    r = data.contributions(beta)
    if cluster is not None:
        _, cidx = np.unique(np.asarray(cluster)[data.order], return_inverse=True)
        r = np.vstack([np.bincount(cidx, weights=r[:, j]) for j in range(r.shape[1])]).T
    inv = np.linalg.inv(info)
    cov = inv @ (r.T @ r) @ inv
    return FineGrayFit(beta, np.sqrt(np.diag(cov)), cov, converged, int(data.fail.sum()), int(data.comp.sum()),
                       int(data.cens.sum()))
