"""Rubin's rules with the Barnard–Rubin degrees of freedom (the arithmetic of ``mice::pool``).

Pure functions on arrays: ``m`` completed-data estimates ``q`` (on the scale the interval is built: log for
ratios) with their variances ``u`` and the complete-data degrees of freedom ``dfcom`` (``np.inf`` for a
normal-theory interval) give the pooled estimate, its total variance, the Barnard–Rubin (1999) degrees of
freedom, the relative increase in variance and the fraction of missing information, exactly as
``mice::pool`` / ``mice::pool.scalar`` (mice 3.x: lambda floored at 1e-4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as st

from ..errors import ArgumentError


@dataclass(frozen=True)
class Pooled:
    estimate: float  # qbar
    within: float  # ubar
    between: float  # b
    total: float  # t = ubar + (1 + 1/m) b
    df: float  # Barnard–Rubin
    riv: float  # relative increase in variance (1 + 1/m) b / ubar
    lambda_: float  # (1 + 1/m) b / t
    fmi: float  # (riv + 2 / (df + 3)) / (riv + 1)
    m: int

    @property
    def se(self) -> float:
        return float(np.sqrt(self.total))

    def interval(self, alpha: float = 0.05) -> tuple[float, float, float]:
        """(low, high, two-sided p) from t on the Barnard–Rubin df."""
        q = st.t.ppf(1 - alpha / 2, self.df)
        p = 2 * st.t.sf(abs(self.estimate) / self.se, self.df) if self.se > 0 else np.nan
        return self.estimate - q * self.se, self.estimate + q * self.se, float(p)


def barnard_rubin(m: int, b: float, t: float, dfcom: float = np.inf) -> float:
    """Barnard–Rubin degrees of freedom (``mice:::barnard.rubin``)."""
    lam = max((1 + 1 / m) * b / t, 1e-4) if t > 0 else 1e-4
    dfold = (m - 1) / lam**2
    if np.isinf(dfcom):
        return float(dfold)
    dfobs = (dfcom + 1) / (dfcom + 3) * dfcom * (1 - lam)
    return float(dfold * dfobs / (dfold + dfobs))


def pool(q: np.ndarray, u: np.ndarray, dfcom: float = np.inf) -> Pooled:
    """Pool ``m`` estimates ``q`` with variances ``u`` (Rubin 1987; df Barnard & Rubin 1999)."""
    q, u = np.asarray(q, float), np.asarray(u, float)
    m = q.size
    if m < 2:
        raise ArgumentError(f"q: pooling needs estimates from at least two imputations; got {m}")
    qbar, ubar, b = float(q.mean()), float(u.mean()), float(q.var(ddof=1))
    t = ubar + (1 + 1 / m) * b
    df = barnard_rubin(m, b, t, max(float(dfcom), 1.0))
    riv = (1 + 1 / m) * b / ubar if ubar > 0 else np.inf
    lam = (1 + 1 / m) * b / t if t > 0 else np.nan
    fmi = (riv + 2 / (df + 3)) / (riv + 1)
    return Pooled(qbar, ubar, b, t, df, riv, lam, fmi, m)


def pool_chisquare(d: np.ndarray, k: int) -> tuple[float, float, float]:
    """D2 (Li, Meng, Raghunathan & Rubin 1991; ``mice::D2`` / ``miceadds::micombine.chisquare``): pool ``m``
    chi-square statistics on ``k`` df into an F statistic; returns (F, denominator df, p)."""
    d = np.asarray(d, float)
    m = d.size
    r = (1 + 1 / m) * float(np.var(np.sqrt(np.maximum(d, 0)), ddof=1))
    f = (d.mean() / k - (m + 1) / (m - 1) * r) / (1 + r)
    f = max(float(f), 0.0)
    dfden = k ** (-3 / m) * (m - 1) * (1 + 1 / r) ** 2 if r > 0 else np.inf
    p = st.chi2.sf(f * k, k) if not np.isfinite(dfden) else st.f.sf(f, k, dfden)
    return f, float(dfden), float(p)
