"""Competing risks: Aalen–Johansen cumulative incidence and Gray's test.

Pure functions on arrays. ``status`` codes 0 for censored and 1, 2, ... for the causes (the public
:func:`ekc_analysis.competing_risks` maps labels to these codes). The Fine–Gray model lives in
:mod:`ekc_analysis.stats`.

The cumulative incidence of cause k is ``F_k(t) = sum_{s <= t} S(s-) dN_k(s) / Y(s)``, with ``S`` the
Kaplan–Meier probability of having had no event of any cause. Unlike ``1 - KM`` with the other causes
censored, it does not count children whose follow-up ended for another reason as if they were still
at risk of re-referral, so it does not overstate the incidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ._aalen_johansen_ij import clustered_se, ij_pieces
from ._proportions import z_value

CIF_COLUMNS = ["time", "cause", "cif", "se", "ci_low", "ci_high", "n_risk", "n_event"]


def _codes(status: np.ndarray) -> np.ndarray:
    codes = np.asarray(status)
    if not np.issubdtype(codes.dtype, np.number) or np.any(codes < 0) or np.any(codes != np.round(codes)):
        raise ArgumentError("status: give 0 (censored) or a positive integer cause code on every row")
    return codes.astype(int)


def aalen_johansen(time: np.ndarray, status: np.ndarray, weights: np.ndarray | None = None,
                   alpha: float = 0.05, causes: list[int] | None = None,
                   entry: np.ndarray | None = None, cluster: np.ndarray | None = None) -> pd.DataFrame:
    """Aalen–Johansen cumulative incidence per cause at every distinct time, with R's standard errors.

    Parameters
    ----------
    time : array of float
        Follow-up time (event or censoring), non-negative.
    status : array of int
        0 = censored, 1, 2, ... = the cause that ended follow-up.
    weights : array of float, optional
        Case weights (e.g. propensity weights); default 1 for every row.
    alpha : float
        1 − confidence level of the intervals.
    causes : list of int, optional
        The causes to report (default: every non-zero code in ``status``); a cause without events
        gets a curve of zeros.
    entry : array of float, optional
        Time at which each row came under observation (left truncation, ``Surv(entry, time, status)``
        in R): a row is in the risk set at times in ``(entry, time]``.
    cluster : array, optional
        Cluster labels (e.g. families): the influences are summed within clusters before squaring, the
        grouped infinitesimal jackknife that ``survfit(..., id =, cluster =)`` documents.

    Returns
    -------
    DataFrame
        One row per cause and distinct time (censoring times included, as R's ``survfit``):
        ``time, cause, cif, se, ci_low, ci_high, n_risk, n_event`` (``n_risk``, ``n_event`` are
        weighted counts: at risk at ``time`` and events of this cause at ``time``).

    Notes
    -----
    The standard error is the infinitesimal jackknife, ``sqrt(sum_i (w_i dF_k(t)/dw_i)^2)``, which is
    what R's ``survfit(Surv(time, factor(status)) ~ 1)`` (survival 3.x) reports for a multi-state fit.
    The interval is R's default ``conf.type = "log"``: ``F exp(±z se/F)``, the upper end capped at 1.
    The sum over rows (or clusters) is done with cumulative sums in
    :mod:`ekc_analysis.stats`, so the cost is O(n log n).

    Examples
    --------
    >>> import numpy as np
    >>> out = aalen_johansen(np.array([1., 2, 2, 3, 4, 5]), np.array([1, 2, 0, 1, 0, 2]))
    >>> out[out["cause"] == 1]["cif"].round(3).tolist()
    [0.167, 0.167, 0.389, 0.389, 0.389]
    """
    t = np.asarray(time, float)
    d = _codes(status)
    w = np.ones(t.size) if weights is None else np.asarray(weights, float)
    if t.size == 0:
        raise ArgumentError("time: no rows; give at least one observation")
    if causes is None:
        causes = sorted(int(c) for c in np.unique(d[d > 0]))
    p = ij_pieces(t, d, w, causes, entry)
    z = z_value(alpha)
    frames = []
    for k in causes:
        cif = p.cif[k]
        se = clustered_se(p, k, cluster)
        with np.errstate(divide="ignore", invalid="ignore"):
            spread = np.where(cif > 0, z * se / cif, np.nan)
            low = np.where(cif > 0, cif * np.exp(-spread), np.nan)
            high = np.where(cif > 0, np.minimum(cif * np.exp(spread), 1.0), np.nan)
        frames.append(pd.DataFrame({"time": p.grid, "cause": k, "cif": cif, "se": se, "ci_low": low,
                                    "ci_high": high, "n_risk": p.at_risk, "n_event": p.events[k]}))
    return pd.concat(frames, ignore_index=True)[CIF_COLUMNS]


def cif_at(curve: pd.DataFrame, times: np.ndarray | list[float]) -> pd.DataFrame:
    """The step functions of :func:`aalen_johansen` read at ``times`` (0 before the first time)."""
    rows = []
    for k, c in curve.groupby("cause", sort=True):
        c = c.sort_values("time")
        pos = np.searchsorted(c["time"].to_numpy(), np.asarray(times, float), side="right") - 1
        for t, p in zip(times, pos, strict=True):
            if p < 0:
                rows.append({"cause": k, "time": t, "cif": 0.0, "se": 0.0, "ci_low": np.nan, "ci_high": np.nan})
            else:
                r = c.iloc[p]
                rows.append({"cause": k, "time": t, "cif": r["cif"], "se": r["se"], "ci_low": r["ci_low"],
                             "ci_high": r["ci_high"]})
    return pd.DataFrame(rows)


def gray_test(time: np.ndarray, status: np.ndarray, group: np.ndarray, cause: int = 1,
              rho: float = 0.0) -> tuple[float, float, int]:
    """Gray's K-sample test that the cumulative incidence of ``cause`` is equal across groups.

    The test of Gray (1988, Annals of Statistics 16), as ``cmprsk::cuminc(time, status, group)$Tests``:
    a weighted difference between each group's cause-specific subdistribution hazard and the pooled
    one, with weight ``(1 - F(t-))^rho`` (``rho = 0`` is cuminc's default).

    Returns
    -------
    (statistic, p_value, df)
        The chi-square statistic on ``K - 1`` degrees of freedom and its p-value.
    """
    from scipy import stats as st

    t = np.asarray(time, float)
    d = _codes(status)
    m = np.where(d == 0, 0, np.where(d == cause, 1, 2))
    levels, g = np.unique(np.asarray(group), return_inverse=True)
    ng = levels.size
    if ng < 2:
        return np.nan, np.nan, 0
    grid, idx = np.unique(t, return_inverse=True)
    nt = grid.size
    counts = np.zeros((3, nt, ng))
    np.add.at(counts, (m, idx, g), 1.0)
    cens, d1, d2 = counts
    rs = (cens + d1 + d2)[::-1].cumsum(axis=0)[::-1]  # at risk per time and group
    score, v = _gray_score_variance(d1, d2, rs, rho)
    s, vs = score[: ng - 1], v[: ng - 1, : ng - 1]
    if np.linalg.matrix_rank(vs) < ng - 1:
        return np.nan, np.nan, ng - 1
    stat = float(s @ np.linalg.solve(vs, s))
    return stat, float(st.chi2.sf(stat, ng - 1)), ng - 1


def _gray_score_variance(d1: np.ndarray, d2: np.ndarray, rs: np.ndarray,
                         rho: float) -> tuple[np.ndarray, np.ndarray]:
    """Gray's score per group and its covariance, from the events of the cause (``d1``), of the other
    causes (``d2``) and the numbers at risk (``rs``), each time x group; the algebra of cmprsk's crstm."""
    ng = rs.shape[1]
    nd1, nd2 = d1.sum(axis=1), d2.sum(axis=1)
    pos = rs > 0
    safe_rs = np.where(pos, rs, 1.0)
    km = np.cumprod(np.where(pos, (rs - d1 - d2) / safe_rs, 1.0), axis=0)
    skmm = np.vstack([np.ones((1, ng)), km[:-1]])
    skm = skmm * np.where(pos, (rs - d1 - d2) / safe_rs, 1.0)
    f1 = np.cumsum(np.where(pos, skmm * d1 / safe_rs, 0.0), axis=0)
    f1m = np.vstack([np.zeros((1, ng)), f1[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        h = np.where(pos, rs / skmm, 0.0)  # the paper's h_r
        tr = h.sum(axis=1)
        tq = np.where(pos, rs * (1 - f1m) / skmm, 0.0).sum(axis=1)
        active = (nd1 + nd2) > 0
        f = np.cumsum(np.where(active & (tr > 0), nd1 / tr, 0.0))
        fm = np.concatenate([[0.0], f[:-1]])
        fb = (1 - fm) ** rho
        # a[t, i, j]: -fb h_i h_j / tr off the diagonal, fb h_i (1 - h_i/tr) on it (0 where a group is empty)
        a = -fb[:, None, None] * h[:, :, None] * h[:, None, :] / tr[:, None, None]
        diag = fb[:, None] * h * (1 - h / tr[:, None])
        a[:, np.arange(ng), np.arange(ng)] = diag
        a = np.where(active[:, None, None] & (tr[:, None, None] > 0), np.nan_to_num(a), 0.0)
        c = np.cumsum(a * np.where(fm < 1, nd1 / (tr * (1 - fm)), 0.0)[:, None, None], axis=0)
        score = np.where(active[:, None] & pos,
                         fb[:, None] * (d1 - nd1[:, None] * rs * (1 - f1m) / (skmm * tq[:, None])), 0.0).sum(axis=0)
        # variance: cause-of-interest events
        e1 = (nd1 > 0)[:, None] & pos
        t4 = np.where(skm > 0, 1 - (1 - f[:, None]) / skm, 1.0)
        t5 = np.where(nd1[:, None] > 1, 1 - (nd1[:, None] - 1) / (tr[:, None] * skmm - 1), 1.0)
        t3 = np.where(e1, t5 * skmm * nd1[:, None] / (tr[:, None] * safe_rs), 0.0)
        v3 = (t4**2 * t3).sum(axis=0)
        b = a - t4[:, None, :] * c  # b[t, i, k] = a(i,k) - t4(k) c(i,k)
        v2 = np.einsum("tik,tk->ik", b, t4 * t3)
        v = np.einsum("tik,tjk,tk->ij", b, b, t3)
        # other causes
        e2 = (skm > 0) & (d2 > 0)
        u4 = np.where(e2, (1 - f[:, None]) / np.where(skm > 0, skm, 1.0), 0.0)
        u5 = np.where(d2 > 1, 1 - (d2 - 1) / (rs - 1), 1.0)
        u3 = np.where(e2, u5 * skmm**2 * d2 / safe_rs**2, 0.0)
        v3 += (u4**2 * u3).sum(axis=0)
        bc = u4[:, None, :] * c  # t4(k) c(i,k)
        v2 -= np.einsum("tik,tk->ik", bc, u4 * u3)
        v += np.einsum("tik,tjk,tk->ij", bc, bc, u3)
    cf = c[-1]
    v = v + (cf * v3) @ cf.T + cf @ v2.T + v2 @ cf.T
    return score, v
