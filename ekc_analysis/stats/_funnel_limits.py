"""Control limits of a funnel plot for a proportion (Spiegelhalter 2005).

A funnel plot puts each unit's share (y) against its number of cases (x) with limits around the
overall share ``p0`` that narrow as x grows: a unit outside the 95 % limits would be there by chance
in 1 of 20 units, outside the 99.8 % limits in 1 of 500 (when every unit truly had ``p0``).

Two methods:

* ``"exact"`` (default): binomial limits with Spiegelhalter's interpolation (Stat Med 2005;24:1185,
  appendix A.1.1): with ``r_p`` the ``p``-quantile of Binomial(n, p0) (the smallest r with
  P(R ≤ r) ≥ p) and ``a = (P(R ≤ r_p) − p) / (P(R ≤ r_p) − P(R ≤ r_p − 1))``, the limit is
  ``(r_p − a) / n``. Right for small units and shares near 0 or 1.
* ``"normal"``: ``p0 ± z·sqrt(p0 (1 − p0) / n)``, clipped to [0, 1].
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from scipy import stats as _st

from ..errors import ArgumentError

Method = Literal["exact", "normal"]
COVERAGES = (0.95, 0.998)


def binomial_limit(p0: float, n: np.ndarray | float, p: float) -> np.ndarray:
    """The interpolated ``p``-quantile of Binomial(n, p0), as a proportion (Spiegelhalter 2005, A.1.1).

    >>> round(float(binomial_limit(0.7, 100, 0.975)), 4)
    0.7831
    """
    n = np.asarray(n, dtype=float)
    r = _st.binom.ppf(p, n, p0)
    upper = _st.binom.cdf(r, n, p0)
    lower = _st.binom.cdf(r - 1, n, p0)
    with np.errstate(invalid="ignore", divide="ignore"):
        a = np.where(upper > lower, (upper - p) / (upper - lower), 0.0)
        out = (r - a) / n
    return np.clip(out, 0.0, 1.0)


def control_limits(p0: float, n: np.ndarray | float, coverage: float = 0.95,
                   method: Method = "exact") -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper control limits for units of size ``n`` around the overall share ``p0``.

    >>> lo, hi = control_limits(0.7, 100, 0.95, method="normal")
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.6102, 0.7898)
    """
    if not 0 < coverage < 1:
        raise ArgumentError(f"coverage={coverage!r}: give a probability between 0 and 1, e.g. 0.95 or 0.998")
    tail = (1 - coverage) / 2
    n = np.asarray(n, dtype=float)
    if method == "normal":
        z = float(_st.norm.ppf(1 - tail))
        with np.errstate(invalid="ignore", divide="ignore"):
            half = z * np.sqrt(p0 * (1 - p0) / n)
        return np.clip(p0 - half, 0.0, 1.0), np.clip(p0 + half, 0.0, 1.0)
    if method == "exact":
        if p0 <= 0 or p0 >= 1:  # every unit at 0 % or at 100 %: nothing can lie outside (the interpolation would
            return np.full(n.shape, float(p0)), np.full(n.shape, float(p0))  # put both limits below a share of 1)
        return binomial_limit(p0, n, tail), binomial_limit(p0, n, 1 - tail)
    raise ArgumentError(f"method={method!r}: choose 'exact' or 'normal'")


def flag(share: np.ndarray, limits: dict[float, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Where each share lies: ``above_99.8``, ``above_95``, ``within``, ``below_95``, ``below_99.8``.

    ``limits`` maps coverage (0.95 and 0.998) to (lower, upper) arrays; a share exactly on a limit is
    within it.
    """
    share = np.asarray(share, dtype=float)
    lo95, hi95 = limits[0.95]
    lo998, hi998 = limits[0.998]
    return np.select([share > hi998, share > hi95, share < lo998, share < lo95],
                     ["above_99.8", "above_95", "below_99.8", "below_95"], "within").astype(object)
