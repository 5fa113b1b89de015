"""Infinitesimal-jackknife pieces of the Aalen–Johansen estimator: per-row influence and clustered variance.

:func:`ij_pieces` computes, once per fit, what every row's influence on the cumulative incidence ``F_k(t)``
is made of. With ``w_i`` the case weight, ``e_i``, ``c_i``, ``a_i``, ``r_i`` row constants and ``G_F`` a curve,
the influence of row ``i`` at time index ``s`` is

- 0 before the row enters the risk set (left truncation),
- ``w_i (G_F(s) - a_i - r_i F_k(s))`` while it is still followed (its time is after ``t_s``),
- ``w_i (e_i + c_i F_k(s))`` once it has left (event or censoring at or before ``t_s``).

R's ``survfit(Surv(time, factor(status)) ~ 1, weights = w)`` reports ``sqrt(sum_i influence_i^2)``; with
``cluster`` the influences are first summed within clusters (the grouped jackknife survfit documents for
``cluster =``). :func:`clustered_se` does that sum at every time in O(n log n): each cluster's influence is
``u_g . (G_F(s), F_k(s), 1)`` with ``u_g`` piecewise constant, so ``sum_g (u_g . v)^2 = v' M(s) v`` with
``M(s) = sum_g u_g u_g'`` updated only where a cluster's rows change state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import ArgumentError


@dataclass
class IJPieces:
    """Everything the influence of each row needs, for one Aalen–Johansen fit."""

    grid: np.ndarray  # distinct times
    idx: np.ndarray  # each row's exit index on grid
    pe: np.ndarray  # each row's entry index (first grid time at which it is at risk)
    w: np.ndarray
    at_risk: np.ndarray
    surv: np.ndarray
    events: dict[int, np.ndarray]
    cif: dict[int, np.ndarray] = field(default_factory=dict)
    g_f: dict[int, np.ndarray] = field(default_factory=dict)
    a_row: dict[int, np.ndarray] = field(default_factory=dict)
    e_row: dict[int, np.ndarray] = field(default_factory=dict)
    c_row: np.ndarray = field(default_factory=lambda: np.zeros(0))
    r_row: np.ndarray = field(default_factory=lambda: np.zeros(0))


def ij_pieces(t: np.ndarray, d: np.ndarray, w: np.ndarray, causes: list[int],
              entry: np.ndarray | None = None) -> IJPieces:
    """The curves and the per-row constants of the infinitesimal jackknife (see the module docstring)."""
    grid, idx = np.unique(t, return_inverse=True)
    m = grid.size
    if entry is None:
        pe = np.zeros(t.size, dtype=int)
    else:
        e_in = np.asarray(entry, float)
        if np.any(e_in >= t):
            raise ArgumentError("entry: every row's entry time must be before its time; "
                                f"{int(np.sum(e_in >= t))} rows are not")
        pe = np.searchsorted(grid, e_in, side="right")
    exits = np.bincount(idx, weights=w, minlength=m)
    entered = np.cumsum(np.bincount(pe, weights=w, minlength=m))
    at_risk = entered - np.concatenate([[0.0], np.cumsum(exits)[:-1]])
    ev = {k: np.bincount(idx, weights=w * (d == k), minlength=m) for k in causes}
    all_events = np.bincount(idx, weights=w * (d > 0), minlength=m)
    safe_y = np.where(at_risk > 0, at_risk, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.where(at_risk > 0, all_events / safe_y, 0.0)
        surv = np.cumprod(1 - lam)
        s_minus = np.concatenate([[1.0], surv[:-1]])
        # G_S/S: the shared influence on S of a row at risk since time 0, divided by S
        step = np.where((at_risk > 0) & (lam < 1), lam / (safe_y * (1 - lam)), 0.0)
    r_cum = np.cumsum(step)
    g_s_minus = s_minus * np.concatenate([[0.0], r_cum[:-1]])
    # a row entering at e has influence G - H_e, H_e the homogeneous solution started at G(e):
    # on S, G_S - r_e S; on F_k, G_F - alpha_e - r_e F_k, with r_e = G_S(e)/S(e), alpha_e = G_F(e) - r_e F_k(e)
    r_row = np.concatenate([[0.0], r_cum])[pe]
    out = IJPieces(grid, idx, pe, w, at_risk, surv, ev, r_row=r_row)
    j, y_j = idx, at_risk[idx]
    ds_before = g_s_minus[j] - r_row * s_minus[j]
    d_s = ds_before * (1 - lam[j]) - s_minus[j] * ((d > 0) - lam[j]) / y_j
    with np.errstate(divide="ignore", invalid="ignore"):
        out.c_row = np.where(surv[j] > 0, d_s / surv[j], 0.0)
    for k in causes:
        lam_k = np.where(at_risk > 0, ev[k] / safe_y, 0.0)
        cif = np.cumsum(s_minus * lam_k)
        g_f = np.cumsum(g_s_minus * lam_k - s_minus * lam_k / safe_y)
        a_row = np.concatenate([[0.0], g_f])[pe] - r_row * np.concatenate([[0.0], cif])[pe]
        df_before = np.concatenate([[0.0], g_f[:-1]])[j] - a_row - r_row * np.concatenate([[0.0], cif[:-1]])[j]
        d_f = df_before + ds_before * lam_k[j] + s_minus[j] * ((d == k) - lam_k[j]) / y_j
        out.cif[k], out.g_f[k], out.a_row[k] = cif, g_f, a_row
        out.e_row[k] = d_f - out.c_row * cif[j]
    return out


def influence_at(p: IJPieces, k: int, times: np.ndarray) -> np.ndarray:
    """Each row's weighted influence ``w_i dF_k(t)/dw_i`` at ``times`` (rows x times; 0 before the first time)."""
    pos = np.searchsorted(p.grid, np.asarray(times, float), side="right") - 1
    out = np.zeros((p.w.size, pos.size))
    for col, s in enumerate(pos):
        if s < 0:
            continue
        f, g = p.cif[k][s], p.g_f[k][s]
        inside = (p.pe <= s) & (p.idx > s)
        gone = p.idx <= s
        out[inside, col] = g - p.a_row[k][inside] - p.r_row[inside] * f
        out[gone, col] = p.e_row[k][gone] + p.c_row[gone] * f
    return out * p.w[:, None]


def clustered_se(p: IJPieces, k: int, cluster: np.ndarray | None = None) -> np.ndarray:
    """Standard error of ``F_k`` at every grid time, influences summed within ``cluster`` (default: rows)."""
    n, m = p.w.size, p.grid.size
    cl = np.arange(n) if cluster is None else np.unique(np.asarray(cluster), return_inverse=True)[1]
    w = p.w
    # u = (coefficient of G_F, of F_k, constant); entering adds (w, -w r, -w a), leaving swaps to (0, w c, w e)
    enter = np.column_stack([w, -w * p.r_row, -w * p.a_row[k]])
    leave = np.column_stack([-w, w * (p.c_row + p.r_row), w * (p.e_row[k] + p.a_row[k])])
    ev_cl = np.concatenate([cl, cl])
    ev_s = np.concatenate([p.pe, p.idx])
    du = np.vstack([enter, leave])
    order = np.lexsort((ev_s, ev_cl))
    ev_cl, ev_s, du = ev_cl[order], ev_s[order], du[order]
    total = np.cumsum(du, axis=0)
    start = np.concatenate([[True], ev_cl[1:] != ev_cl[:-1]])
    first = np.maximum.accumulate(np.where(start, np.arange(du.shape[0]), 0))
    offset = np.vstack([np.zeros((1, 3)), total[:-1]])[first]
    state = total - offset  # each cluster's u after each of its events
    last = np.concatenate([(ev_cl[1:] != ev_cl[:-1]) | (ev_s[1:] != ev_s[:-1]), [True]])
    new, g_of, s_of = state[last], ev_cl[last], ev_s[last]
    first_of_cluster = np.concatenate([[True], g_of[1:] != g_of[:-1]])
    old = np.vstack([np.zeros((1, 3)), new[:-1]])
    old[first_of_cluster] = 0.0
    delta = new[:, :, None] * new[:, None, :] - old[:, :, None] * old[:, None, :]
    M = np.stack([np.cumsum(np.bincount(s_of, weights=delta[:, a, b], minlength=m)) for a in range(3)
                  for b in range(3)], axis=1).reshape(m, 3, 3)
    v = np.column_stack([p.g_f[k], p.cif[k], np.ones(m)])
    var = np.einsum("si,sij,sj->s", v, M, v)
    return np.sqrt(np.clip(var, 0, None))
