"""The :class:`Registry`: validated cases (and agreements) with derived columns."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..i18n import Lang, check_lang, render
from ._rules import case_positions
from ._schema import CLOSED_STATUSES


@dataclass(frozen=True)
class Registry:
    """Validated registration data of initiatives (cases) and, optionally, their agreements.

    Attributes
    ----------
    cases : DataFrame
        One row per initiative, canonical columns (see ``ekc_analysis.intake._schema.CASES``) plus the
        derived ``referral_year``, ``closed`` and, where the agreements table gave them,
        ``n_agreements``/``n_professional``.
    agreements : DataFrame or None
        One row per agreement, with ``case_id``.
    sources : tuple of str
        The files it was read from.
    notes : tuple of str
        What the loader did that a reader should know (encoding, skipped empty rows, ...): messages, whose
        ``str()`` is English and which :func:`ekc_analysis.i18n.render` gives in Dutch.
    synthetic : bool
        True for data made by :mod:`ekc_analysis.simulate`; reports then show a banner.
    as_of : Timestamp or None
        The extraction date: the registry describes the cases as they stood that day. ``load`` sets it
        (default today, with a note); "not yet due" follow-ups and the funnel's maturity count from it.
        None (a Registry built by hand) falls back to the latest date in the data.
    lang : {"en", "nl"}
        The language ``load`` was given: the summary shows the notes in it.
    """

    cases: pd.DataFrame
    agreements: pd.DataFrame | None = None
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    synthetic: bool = False
    agreement_case_rows: np.ndarray | None = field(default=None, repr=False, compare=False)
    """For every agreement, the row of its case in ``cases`` (-1 if none); the loader passes it."""
    as_of: pd.Timestamp | None = None
    _derived: bool = field(default=False, repr=False)
    lang: Lang = field(default="en", repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._derived:
            object.__setattr__(self, "cases", derive(self.cases))
            object.__setattr__(self, "_derived", True)
        if self.as_of is not None:
            object.__setattr__(self, "as_of", pd.Timestamp(self.as_of).normalize())
        if self.agreements is not None and self.agreement_case_rows is None:
            rows = case_positions(self.cases["case_id"], self.agreements["case_id"])
            object.__setattr__(self, "agreement_case_rows", rows)

    @property
    def extraction_date(self) -> pd.Timestamp:
        """``as_of``, or the latest date in the cases when it is not known."""
        if self.as_of is not None:
            return self.as_of
        latest = self.cases.select_dtypes("datetime").max().max()
        return pd.Timestamp(latest).normalize() if pd.notna(latest) else pd.Timestamp("today").normalize()

    @property
    def n_cases(self) -> int:
        return len(self.cases)

    @property
    def n_agreements(self) -> int:
        if self.agreements is not None:
            return len(self.agreements)
        if "n_agreements" in self.cases:
            return int(self.cases["n_agreements"].sum())
        return 0

    def summary(self, lang: Lang | None = None) -> str:
        """Counts, years, statuses, sources and the notes (in ``lang``, default the language of the load)."""
        c = self.cases
        counts = c["status"].value_counts().reindex(list(c["status"].cat.categories), fill_value=0)
        years = c["referral_date"].dt.year
        lines = [
            f"Registry{' (SYNTHETIC data)' if self.synthetic else ''}: {len(c):,} initiatives"
            + (f", {len(self.agreements):,} agreements" if self.agreements is not None else ""),
            f"  referrals {years.min()}–{years.max()}" if len(c) else "  no referrals",
            "  status: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()),
        ]
        if self.sources:
            lines.append("  from: " + ", ".join(self.sources))
        if self.as_of is not None:
            lines.append(f"  as of (extraction date): {self.as_of.date()}")
        lines.extend(f"  note: {render(n, check_lang(lang or self.lang))}" for n in self.notes)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        import html

        return "<pre>" + html.escape(self.summary()) + "</pre>"


def derive(cases: pd.DataFrame) -> pd.DataFrame:
    """Add the columns analyses group by: ``referral_year``, ``closed``."""
    out = cases.copy()
    if "referral_date" in out:
        out["referral_year"] = out["referral_date"].dt.year.astype("Int64")
    if "status" in out:
        out["closed"] = out["status"].isin(CLOSED_STATUSES).to_numpy()
    if "plan" not in out and "status" in out:
        # without a plan column a plan is known only for plans made without a conference
        out["plan"] = pd.array(np.where(out["status"].eq("plan_without_conference"), True, pd.NA),
                               dtype="boolean")
    return out

