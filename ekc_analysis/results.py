"""The one result type every public function returns.

A :class:`Result` is a value: a tidy table, named extra tables, notes and the settings used.
``.to_frame()`` gives the tidy table, ``.summary()`` plain text, ``_repr_html_()`` a notebook
table, ``.plot()`` a figure where one fits. Numbers are stored unrounded and rounded only when shown.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

SHARE_COLUMNS = ("share", "ci_low", "ci_high", "estimate", "difference", "reference", "lower", "upper")


@dataclass(frozen=True)
class Result:
    """Tidy estimates with their denominators, notes and provenance.

    Attributes
    ----------
    kind : str
        What was estimated (``funnel``, ``plans``, ``execution``, ``compare``, ...); it picks the plot.
    table : DataFrame
        One row per estimate (see ``to_frame``).
    title : str
        One line saying what the table holds.
    notes : tuple of str
        Denominators, exclusions and their reasons, the method used.
    extras : mapping of str to DataFrame
        Further named tables, also reachable as attributes (``result.reference``, ``result.km``).
    settings : mapping
        The arguments that produced the result.
    """

    kind: str
    table: pd.DataFrame
    title: str = ""
    notes: tuple[str, ...] = ()
    extras: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    settings: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extras", MappingProxyType(dict(self.extras)))
        object.__setattr__(self, "settings", MappingProxyType(dict(self.settings)))

    def __getattr__(self, name: str) -> pd.DataFrame:
        extras = self.__dict__.get("extras", {})
        if name in extras:
            return extras[name].copy()
        raise AttributeError(f"{type(self).__name__} of kind {self.__dict__.get('kind')!r} has no "
                             f"attribute {name!r}; extra tables: {', '.join(extras) or 'none'}")

    def to_frame(self) -> pd.DataFrame:
        """The tidy table: one row per estimate, key columns first."""
        return self.table.copy()

    def versus_reference(self) -> Result:
        """The comparison with the published figures (see :mod:`ekc_analysis.references`)."""
        if "reference" not in self.extras:
            raise AttributeError(f"a {self.kind} result has no published reference to compare with")
        return Result(f"{self.kind}_reference", self.extras["reference"],
                      f"{self.title} — versus the published figures",
                      tuple(n for n in self.notes if n.startswith("reference")))

    # --- display ----------------------------------------------------------------------------

    def _formatted(self) -> pd.DataFrame:
        shown = self.table.copy()
        percent = self.settings.get("percent_columns", SHARE_COLUMNS if "share" in shown else ())
        percent = percent if isinstance(percent, (list, tuple)) else ()
        for col in shown.columns:
            s = shown[col]
            if col in percent and pd.api.types.is_float_dtype(s):
                shown[col] = s.map(lambda v: "" if pd.isna(v) else f"{100 * v:.1f}%")
            elif col == "p_value":
                shown[col] = s.map(lambda v: "" if pd.isna(v) else ("<0.001" if v < 0.001 else f"{v:.3f}"))
            elif pd.api.types.is_float_dtype(s):
                shown[col] = s.map(lambda v: "" if pd.isna(v) else f"{v:.4g}")
        return shown

    def summary(self) -> str:
        """Plain text for a terminal: title, table, notes."""
        lines = [self.title or self.kind, "=" * min(len(self.title or self.kind), 100)]
        with pd.option_context("display.width", 120, "display.max_columns", 20, "display.max_rows", 200):
            lines.append(self._formatted().to_string(index=False))
        lines.extend(f"- {n}" for n in self.notes)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<Result {self.kind}: {len(self.table)} rows; .summary() for text, .to_frame() for data>"

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        table = self._formatted().to_html(index=False, border=0, classes="ekc-result", na_rep="")
        return (f"<div><strong>{html.escape(self.title or self.kind)}</strong>{table}"
                f"{'<ul>' + notes + '</ul>' if notes else ''}</div>")

    def plot(self, ax: Axes | None = None, lang: Literal["nl", "en"] = "en", which: str | None = None,
             **kwargs: object) -> Axes:
        """Draw the result; returns the Axes (nothing is shown or saved).

        The drawing lives in :mod:`ekc_analysis.plots` (imported here on demand, as pandas'
        ``DataFrame.plot`` hands over to its plotting backend).
        """
        from . import plots  # the one sanctioned upward hand-over

        return plots.plot_result(self, ax=ax, lang=lang, which=which, **kwargs)


def finite(x: float) -> float:
    return float(x) if np.isfinite(x) else np.nan
