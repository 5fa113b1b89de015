"""Disclosure control: no count below the threshold leaves the report, not even by subtraction.

Primary suppression shows every count below ``min_cell`` (default 10, zero included) as ``<10``.
Secondary suppression: when a table shows its total and exactly one cell of a row set is hidden,
the next smallest cell is hidden too, so the hidden one cannot be recovered; a share (and its
interval) is hidden whenever its numerator or the rest of its denominator is hidden or small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Disclosure:
    min_cell: int = 10
    lang: str = "en"  # thousands separator: 1,500 in English, 1.500 in Dutch

    @property
    def mark(self) -> str:
        return f"<{self.min_cell}"

    def small(self, n: float) -> bool:
        return bool(pd.isna(n) or n < self.min_cell)

    def count(self, n: float) -> str:
        """A count as text: ``<10`` when small, else with thousands separators."""
        return self.mark if self.small(n) else self._thousands(int(round(n)))

    def _thousands(self, n: int) -> str:
        s = f"{n:,}"
        return s.replace(",", ".") if self.lang == "nl" else s

    def share_ok(self, k: float, n: float) -> bool:
        """A share k/n may be shown when neither k nor n − k is small."""
        return not (self.small(k) or self.small(n - k))

    def hidden_cells(self, counts: Sequence[float], total_shown: bool = True) -> np.ndarray:
        """Which cells of one row set to hide: primary (small) plus secondary (complement) suppression."""
        c = np.asarray(counts, dtype=float)
        hide = np.array([self.small(x) for x in c])
        if total_shown and hide.sum() == 1 and len(c) > 1:
            others = np.where(~hide)[0]
            hide[others[np.argmin(c[others])]] = True
        return hide

    def protect(self, table: pd.DataFrame, count: str = "n", by: Sequence[str] = (),
                shares: Sequence[str] = ("share", "ci_low", "ci_high"), total: str | None = None,
                percent: bool = True) -> pd.DataFrame:
        """A display copy of a tidy table with counts and shares suppressed; everything as text."""
        out = table.copy()
        groups = [out.index] if not by else [idx for _, idx in out.groupby(list(by), sort=False).groups.items()]
        hide = pd.Series(False, index=out.index)
        for idx in groups:
            hide.loc[idx] = self.hidden_cells(out.loc[idx, count].to_numpy(float), total is not None)
        if total is not None:
            small_total = out[total].map(self.small)
            hide |= small_total
        comma = (lambda t: t.replace(".", ",")) if self.lang == "nl" else (lambda t: t)
        fmt_share = (lambda v: comma(f"{100 * v:.1f}%")) if percent else (lambda v: comma(f"{v:.3g}"))
        for col in shares:
            if col in out:
                out[col] = [self.mark if h or pd.isna(v) and h else ("" if pd.isna(v) else fmt_share(v))
                            for v, h in zip(out[col], hide, strict=True)]
        out[count] = [self.mark if h else self._thousands(int(v)) for v, h in zip(out[count], hide, strict=True)]
        if total is not None:
            out[total] = out[total].map(self.count)
        return out
