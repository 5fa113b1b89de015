"""Numbers and tables as a reader sees them: decimal comma in Dutch, small counts suppressed."""

from __future__ import annotations

from collections.abc import Callable, Collection

import numpy as np
import pandas as pd

from ..i18n import Lang, label
from ._disclosure import Disclosure
from ._text import text


class Numbers:
    """Numbers as a reader sees them in ``lang``: decimal comma in Dutch, suppressed when small."""

    def __init__(self, lang: Lang, d: Disclosure) -> None:
        self.lang, self.d = lang, d
        self.hidden = text("hidden", lang)  # a suppressed share in a sentence: "a share not shown"

    def num(self, x: float, digits: int = 1) -> str:
        s = f"{x:,.{digits}f}".replace("-", "\u2212")  # a real minus sign, as in print
        return s.replace(",", " ").replace(".", ",").replace(" ", ".") if self.lang == "nl" else s

    def pct(self, x: float) -> str:
        return "–" if not np.isfinite(x) else self.num(100 * x) + "%"

    def pp(self, x: float) -> str:
        """A difference of two shares in percentage points: ``9,3 %-punt`` / ``9.3 pp`` (never ``0,09``)."""
        return "–" if not np.isfinite(x) else f"{self.num(100 * x)} {label('percentage_points', self.lang)}"

    def euro(self, x: float) -> str:
        """An amount in euro without cents: ``€ 4.585`` / ``€ 4,585``."""
        return "–" if not np.isfinite(x) else f"€ {self.num(x, 0)}"

    def interval(self, lo: float, hi: float, fmt: Callable[[float], str] | None = None) -> str:
        """The one interval style of the report: both bounds as the estimate is shown, an en dash between."""
        fmt = fmt or (lambda v: self.num(v, 2))
        return f"{fmt(lo)} – {fmt(hi)}"

    def share(self, shown: bool, share: float, lo: float, hi: float) -> str:
        """``69,4% (95%-BI 67,0% – 71,7%)``, or the suppression mark where its count is not ``shown``."""
        if not shown:
            return self.hidden
        return f"{self.pct(share)} ({text('ci', self.lang)} {self.interval(lo, hi, self.pct)})"

    def estimate(self, e: float, lo: float, hi: float, digits: int = 2,
                 fmt: Callable[[float], str] | None = None) -> str:
        fmt = fmt or (lambda v: self.num(v, digits))
        return f"{fmt(e)} ({text('ci', self.lang)} {self.interval(lo, hi, fmt)})"

    def of_measure(self, measure: str, outcome: str = "", money: Collection[str] = ()) -> Callable[[float], str]:
        """How an estimate of ``measure`` (of ``outcome``) is shown: risk differences in percentage points,
        differences in costs (``costs`` or a column in ``money``) in euro, everything else with two decimals."""
        if measure in RISK_DIFFERENCES:
            return self.pp
        if (outcome in MONEY or outcome in money) and measure in MEAN_DIFFERENCES:
            return self.euro
        return lambda v: self.num(v, 2)


RISK_DIFFERENCES = {"risk_difference", "adjusted_risk_difference"}
MEAN_DIFFERENCES = {"mean_difference", "adjusted_mean_difference", "mean_difference_bca", "bca_mean_difference"}
MONEY = {"costs"}


def table_html(frame: pd.DataFrame, lang: Lang) -> str:
    """HTML of a display table with translated headers; a long table (over 15 rows) may break across pages."""
    renamed = frame.rename(columns=lambda c: text("ci", lang) if c == "ci" else
                           text(f"col_{c}", lang) if f"col_{c}" in _COLUMN_KEYS else c)
    widest = max((sum(len(str(v)) for v in row) for row in frame.itertuples(index=False)), default=0)
    classes = "data" + (" long" if len(frame) > 15 else "") + (" wide" if widest > 100 else "")
    return renamed.to_html(index=False, border=0, classes=classes, na_rep="", escape=True)


_COLUMN_KEYS = {f"col_{c}" for c in ("stage", "n", "share", "ci_low", "ci_high", "denominator", "execution", "metric",
                                     "estimate", "reference", "difference", "year")}


def level_words(level: str, lang: Lang) -> str:
    """'non_western=1' → 'non-western background: yes'; 'wave=2' → 'wave 2'; a bare name translated."""
    name, eq, value = level.partition("=")
    if not eq:
        return label(name, lang)
    yes_no = {"1": ("ja", "yes"), "True": ("ja", "yes"), "0": ("nee", "no"), "False": ("nee", "no")}
    if value in yes_no:
        return f"{label(name, lang)}: {yes_no[value][0 if lang == 'nl' else 1]}"
    return f"{label(name, lang)} {label(value, lang)}"


def effect_table(table: pd.DataFrame, lang: Lang, nb: Numbers, *, names: Callable[[str], str] | None = None,
                 money: Collection[str] = ()) -> pd.DataFrame:
    """An effect table as a reader sees it: translated names (``names``: outcome column -> its name; default
    the package's labels), estimate with its interval (costs, and the columns in ``money``, in euro), p-value."""
    rows = []
    for r in table.itertuples(index=False):
        row = {}
        if "outcome" in table:
            row[text("col_outcome", lang)] = (names or (lambda c: label(c, lang)))(str(r.outcome))
        name = label(str(r.measure), lang)
        contrast = getattr(r, "contrast", None)
        if contrast is not None and not pd.isna(contrast) and table["contrast"].nunique() > 1:
            parts = str(contrast).split(" vs ")
            shown = f" {label('vs', lang)} ".join(label(p, lang) for p in parts) if len(parts) == 2 else \
                label(str(contrast), lang)
            name = f"{name}, {shown}"
        level = getattr(r, "level", None)
        row[text("col_measure", lang)] = name if level is None or pd.isna(level) else \
            f"{name} ({level_words(str(level), lang)})"
        fmt = nb.of_measure(str(r.measure), str(getattr(r, "outcome", "")), money)
        ci = "" if pd.isna(r.ci_low) else nb.interval(r.ci_low, r.ci_high, fmt)
        statistic = getattr(r, "statistic", np.nan)
        if pd.isna(r.estimate) and not pd.isna(statistic):  # a test, not an estimate: its statistic
            df = getattr(r, "df", np.nan)
            row[text("col_estimate", lang)] = f"{nb.num(statistic, 2)}" + ("" if pd.isna(df) else f" (df {df:g})")
        else:
            row[text("col_estimate", lang)] = "" if pd.isna(r.estimate) else fmt(r.estimate)
        row[text("ci", lang)] = ci
        p = r.p_value
        row["p"] = "" if pd.isna(p) else ("<" + nb.num(0.001, 3) if p < 0.001 else nb.num(p, 3))
        for col, key in (("n_treated", "col_n_fgc"), ("n_control", "col_n_control"), ("k", "col_k")):
            if col in table:
                value = getattr(r, col)
                row[text(key, lang)] = value if isinstance(value, str) else nb.d.count(value)
        rows.append(row)
    return pd.DataFrame(rows)
