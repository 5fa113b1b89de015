"""Disclosure control: no count below the threshold leaves the report, not even by subtraction.

Primary suppression shows every count below ``min_cell`` (default 10, zero included) as ``<10``.
Secondary suppression: wherever a total of a row set is shown (in the same table or anywhere else in
the report) and exactly one of its cells is hidden, the next smallest cell is hidden too, shown as
``x`` (hidden, but not small), so the small one cannot be recovered by subtraction. In a table with
strata (``by``) whose cells also add up across the strata (``across``, e.g. the funnel stages per
year adding up to the overall funnel), the rule is applied to rows and columns in turn until no row
or column has a single hidden cell. A share (and its interval) is shown only where its count is.
The table, the sentence and the figure of one row set take the same decision from these methods.

A report decides once, over every number it publishes, in a :class:`~.ledger.Ledger` (built by
:func:`.published.build_ledger`) and hands it to its ``Disclosure``; the tables, CSV files,
sentences and captions then read each decision by key (:meth:`Disclosure.cell`,
:meth:`Disclosure.key_hidden`, :meth:`Disclosure.show`) instead of deciding per table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ._ledger import Ledger


@dataclass(frozen=True)
class Disclosure:
    min_cell: int = 10
    lang: str = "en"  # thousands separator: 1,500 in English, 1.500 in Dutch
    secondary: str = "x"  # a cell hidden only so that a small one cannot be recovered
    ledger: Ledger | None = field(default=None, compare=False, repr=False)  # the report's decisions

    def with_ledger(self, ledger: Ledger) -> Disclosure:
        return replace(self, ledger=ledger)

    def _ledger(self) -> Ledger:
        if self.ledger is None:
            raise ArgumentError("this Disclosure has no ledger: build one with reporting.published.build_ledger")
        return self.ledger

    def mark_of(self, key: str) -> str:
        """The ledger's decision for a key: '' (shown), ``<10`` (small) or ``x`` (hidden to protect one)."""
        return self._ledger().mark(key)

    def key_hidden(self, key: str) -> bool:
        return self._ledger().hidden(key)

    def cell(self, key: str) -> str:
        """A registered count as the report prints it: its mark, or the number with thousands separators."""
        return self.mark_of(key) or self._thousands(int(round(self._ledger().counts[key])))

    def show(self, table: pd.DataFrame, marks: Sequence[str], count: str = "n",
             shares: Sequence[str] = ("share", "ci_low", "ci_high"), total: str | None = None,
             total_marks: Sequence[str] | None = None, percent: bool = True,
             share_marks: Sequence[str] | None = None) -> pd.DataFrame:
        """A display copy of a tidy table whose counts carry the ledger's ``marks`` (one per row), its shares
        ``share_marks`` (default: those of the counts)."""
        sm = marks if share_marks is None else share_marks
        out = table.copy()
        comma = (lambda t: t.replace(".", ",")) if self.lang == "nl" else (lambda t: t)
        fmt_share = (lambda v: comma(f"{100 * v:.1f}%")) if percent else (lambda v: comma(f"{v:.3g}"))
        for col in shares:
            if col in out:
                out[col] = [m if m else ("" if pd.isna(v) else fmt_share(v))
                            for v, m in zip(out[col], sm, strict=True)]
        out[count] = [m or self._thousands(int(round(v))) for v, m in zip(table[count], marks, strict=True)]
        if total is not None:
            tm = total_marks if total_marks is not None else [""] * len(out)
            out[total] = [m or self._thousands(int(round(v))) for v, m in zip(table[total], tm, strict=True)]
        return out

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
        """A share k/n may be shown when neither k nor n − k is small (a row set of two cells)."""
        return not (self.small(k) or self.small(n - k))

    def metrics_hidden(self, table: pd.DataFrame) -> pd.Series:
        """Per row of a ``plans()`` table: is its estimate hidden? A share when its numerator or the rest of
        its denominator is small, a mean (agreements per plan) when it rests on few plans."""
        share = table["metric"] != "agreements_per_plan"
        k = table["estimate"] * table["n"]
        return pd.Series([not self.share_ok(a, n) if s else self.small(n)
                          for s, a, n in zip(share, k, table["n"], strict=True)], index=table.index)

    def hidden_grid(self, counts: np.ndarray, row_totals: bool = True, column_totals: bool = False,
                    hide: np.ndarray | None = None) -> np.ndarray:
        """Cells to hide in a grid of counts (rows × columns) whose row and/or column totals are shown.

        Starts from the small cells (and any cells in ``hide``); then, while some row (or column)
        whose total is shown has exactly one hidden cell, hides its smallest shown cell as well.
        """
        c = np.atleast_2d(np.asarray(counts, dtype=float))
        small = np.isnan(c) | (c < self.min_cell)
        hidden = small if hide is None else small | np.atleast_2d(hide)
        hidden = hidden.copy()
        views = ([hidden] if row_totals else []) + ([hidden.T] if column_totals else [])
        values = ([c] if row_totals else []) + ([c.T] if column_totals else [])
        changed = True
        while changed:
            changed = False
            for h, v in zip(views, values, strict=True):
                for i in np.flatnonzero(h.sum(axis=1) == 1):
                    shown = np.flatnonzero(~h[i])
                    if len(shown):
                        h[i, shown[np.argmin(v[i, shown])]] = True
                        changed = True
        return hidden

    def hidden_cells(self, counts: Sequence[float] | np.ndarray, total_shown: bool = True) -> np.ndarray:
        """Which cells of one row set to hide: primary (small) plus secondary (complement) suppression."""
        return self.hidden_grid(np.asarray(counts, dtype=float)[None, :], row_totals=total_shown)[0]

    def shown_counts(self, counts: Sequence[float] | np.ndarray, total_shown: bool = True) -> list[str]:
        """How each count of one row set is shown: ``<10`` (small), ``x`` (hidden to protect a small
        one) or the number."""
        c = np.asarray(counts, dtype=float)
        return self._texts(c, self.hidden_cells(c, total_shown))

    def _texts(self, counts: np.ndarray, hide: np.ndarray) -> list[str]:
        return [self.mark if self.small(x) else self.secondary if h else self._thousands(int(round(x)))
                for x, h in zip(counts, hide, strict=True)]

    def is_shown(self, text: str) -> bool:
        return text not in (self.mark, self.secondary)

    def hidden(self, table: pd.DataFrame, count: str = "n", by: Sequence[str] = (), across: str | None = None,
               total: str | None = None, total_shown: bool | None = None) -> pd.Series:
        """Per row of a tidy table: is its count hidden? (The decision :meth:`protect` displays.)

        ``by`` splits the table into row sets (strata); ``total`` names a column holding each row
        set's total, whose small values hide the whole row set; ``total_shown`` says whether that
        total can be read anywhere in the report (default: when ``total`` is given); ``across``
        names the column whose values repeat in every row set and whose cells add up over the
        strata to a total shown elsewhere (2-D secondary suppression).
        """
        row_totals = total is not None if total_shown is None else total_shown
        counts = table[count].to_numpy(dtype=float)
        start = np.isnan(counts) | (counts < self.min_cell)
        if total is not None:
            start |= table[total].map(self.small).to_numpy(dtype=bool)
        if not by:
            hide = self.hidden_grid(counts[None, :], row_totals, hide=start[None, :])[0]
            return pd.Series(hide, index=table.index)
        keys = list(by)
        if across is None:
            out = pd.Series(False, index=table.index)
            for idx in table.groupby(keys, sort=False).indices.values():
                out.iloc[idx] = self.hidden_grid(counts[idx][None, :], row_totals, hide=start[idx][None, :])[0]
            return out
        position = pd.Series(np.arange(len(table)), index=pd.MultiIndex.from_frame(table[[*keys, across]]))
        grid_pos = position.unstack(across)  # strata × categories, positions into the table
        pos = grid_pos.to_numpy(dtype=float)
        present = ~np.isnan(pos)
        safe = np.where(present, pos, 0).astype(int)
        grid = np.where(present, counts[safe], 0.0)  # a missing cell is a zero count
        hide = self.hidden_grid(grid, row_totals, column_totals=True, hide=np.where(present, start[safe], True))
        out = np.zeros(len(table), dtype=bool)
        out[safe[present]] = hide[present]
        return pd.Series(out, index=table.index)

    def protect(self, table: pd.DataFrame, count: str = "n", by: Sequence[str] = (), across: str | None = None,
                shares: Sequence[str] = ("share", "ci_low", "ci_high"), total: str | None = None,
                total_shown: bool | None = None, percent: bool = True) -> pd.DataFrame:
        """A display copy of a tidy table with counts and shares suppressed; everything as text."""
        hide = self.hidden(table, count, by, across, total, total_shown).to_numpy()
        out = table.copy()
        comma = (lambda t: t.replace(".", ",")) if self.lang == "nl" else (lambda t: t)
        fmt_share = (lambda v: comma(f"{100 * v:.1f}%")) if percent else (lambda v: comma(f"{v:.3g}"))
        for col in shares:
            if col in out:
                out[col] = [self.secondary if h else ("" if pd.isna(v) else fmt_share(v))
                            for v, h in zip(out[col], hide, strict=True)]
        out[count] = self._texts(table[count].to_numpy(dtype=float), hide)
        if total is not None:
            out[total] = out[total].map(self.count)
        return out
