"""The one result type every public function returns.

A :class:`Result` is a value: a tidy table, named extra tables, notes and the settings used.
``.to_frame()`` gives the tidy table (raw, unrounded numbers and canonical names: the data),
``.display(lang)`` the same table for reading (translated labels, one format per kind of number; see
:mod:`ekc_analysis.results`), ``.summary()`` plain text and ``_repr_html_()`` a notebook table built
from it, ``.plot()`` a figure where one fits.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ..i18n import Message

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

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
        One line saying what the table holds: usually a :class:`~ekc_analysis.i18n.Message` (a str
        holding the English text, rendered in the reader's language by ``summary``/``display``).
    notes : tuple of str
        Denominators, exclusions and their reasons, the method used; messages or plain strings.
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

    def __reduce__(self) -> tuple[object, ...]:  # a read-only mapping does not pickle: rebuilt from dicts
        return (Result, (self.kind, self.table, self.title, self.notes, dict(self.extras), dict(self.settings)))

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
        """The comparison with the published figures (see :mod:`ekc_analysis.describe`)."""
        if "reference" not in self.extras:
            raise AttributeError(f"a {self.kind} result has no published reference to compare with")
        return Result(f"{self.kind}_reference", self.extras["reference"],
                      Message("title_reference", {"title": self.title}),
                      tuple(n for n in self.notes if n.startswith("reference")))

    # --- display ----------------------------------------------------------------------------

    def display(self, lang: str | None = None) -> pd.DataFrame:
        """The table as a reader sees it: labels in ``lang`` (default: :func:`ekc_analysis.set_language`,
        else English), shares as percentages, differences of shares in percentage points, ratios with
        their interval on the ratio scale, counts with thousands separators, a decimal comma in Dutch,
        empty columns left out. Text only, for reading: the numbers are in :meth:`to_frame`.

        Examples
        --------
        >>> import ekc_analysis as ekc
        >>> ekc.plans(ekc.sample_data()).display("nl").iloc[0, 0]
        'Conferenties met een plan'
        """
        if self.kind == "table_one":  # the manuscript layout: one column per group
            from ._baseline_display import manuscript

            return manuscript(self, lang)
        from ._display import display_frame  # formatting and the language setting load on first display

        return display_frame(self, lang)

    def summary(self, lang: str | None = None) -> str:
        """Plain text for a terminal: title, the display table (see :meth:`display`), notes."""
        from ._display import notes, title

        heading = title(self, lang)
        lines = [heading, "=" * min(len(heading), 100)]
        with pd.option_context("display.width", 160, "display.max_columns", 30, "display.max_rows", 200,
                               "display.max_colwidth", 60):
            lines.append(self.display(lang).to_string(index=False))
        lines.extend(f"- {n}" for n in notes(self, lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<Result {self.kind}: {len(self.table)} rows; .summary() for text, .to_frame() for data>"

    def _repr_html_(self) -> str:
        from ._display import notes as shown_notes
        from ._display import title

        notes = "".join(f"<li>{html.escape(n)}</li>" for n in shown_notes(self))
        table = self.display().to_html(index=False, border=0, classes="ekc-result", na_rep="")

        return (f"<div><strong>{html.escape(title(self))}</strong>{table}"
                f"{'<ul>' + notes + '</ul>' if notes else ''}</div>")

    # --- exports (see :mod:`ekc_analysis.results`) ----------------------------------------------------

    def to_excel(self, path: str | Path, lang: str | None = None) -> Path:
        """Write the shown table (in ``lang``, default the current language; Dutch with the decimal comma),
        its title and notes, and a sheet ``data`` with the raw numbers, to an Excel file at ``path``."""
        from ._exports import to_excel

        return to_excel(self, path, lang)

    def to_docx(self, path: str | Path, lang: str | None = None) -> Path:
        """Write the title, the shown table (in ``lang``) and the notes to a Word document at ``path``."""
        from ._exports import to_docx

        return to_docx(self, path, lang)

    def to_latex(self, lang: str | None = None) -> str:
        """The shown table (in ``lang``) as a LaTeX ``table`` with booktabs rules, caption and notes."""
        from ._exports import to_latex

        return to_latex(self, lang)

    def plot(self, ax: Axes | None = None, lang: Literal["nl", "en"] = "en", which: str | None = None,
             **kwargs: object) -> Axes:
        """Draw the result; returns the Axes (nothing is shown or saved).

        The drawing lives in :mod:`ekc_analysis.figures` (imported here on demand, as pandas'
        ``DataFrame.plot`` hands over to its plotting backend).
        """
        from ..figures import _describe as plots  # the one sanctioned upward hand-over

        return plots.plot_result(self, ax=ax, lang=lang, which=which, **kwargs)


SE_COLUMNS = ["se", "reference_df"]


def standard_errors(rows: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """The standard error of each row's estimate on its interval's scale (log for ratios) and the df of the
    interval's t reference (inf: normal), one row per table row: what multiple imputation pools
    (:mod:`ekc_analysis.studies`). Kept beside the tidy table, as ``result.standard_errors``."""
    return pd.DataFrame(rows).reindex(columns=SE_COLUMNS).astype(float).reset_index(drop=True)


def finite(x: float) -> float:
    return float(x) if np.isfinite(x) else np.nan
