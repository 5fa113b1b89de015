"""How a result reads in a notebook or terminal: translated labels, one format per kind of number.

The tidy table of a :class:`~ekc_analysis.results._result.Result` is the data (raw, unrounded numbers,
canonical names); this module makes the *display* of it, used by ``Result.display()``,
``Result.summary()`` and ``Result._repr_html_()``:

* category values (``plan_without_conference``) and column names (``ci_low``) in the reader's
  language (:func:`set_language`, ``"en"`` by default), from :mod:`ekc_analysis.i18n`;
* columns that hold nothing (e.g. ``level`` all empty) left out;
* the format decided per row by what the row is, not per column: a share (``plan_rate``, a funnel
  stage) is a percentage, a difference of shares (a risk difference, the distance to a published
  share) is in percentage points, a ratio is a ratio with its interval on the ratio scale, a mean is
  a number; counts are whole numbers with thousands separators and p-values ``<0.001`` or three
  decimals; Dutch uses a decimal comma;
* a standard error beside ratios is headed "SE (log scale)", since it belongs to the log ratio.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

import numpy as np
import pandas as pd

from ..i18n import LABELS, Lang, check_lang, label, render


class Result(Protocol):
    """What a display needs of a :class:`ekc_analysis.results._result.Result` (this module sits below it)."""

    @property
    def kind(self) -> str: ...
    @property
    def table(self) -> pd.DataFrame: ...
    @property
    def settings(self) -> Mapping[str, object]: ...

LANGUAGES: tuple[Lang, ...] = ("en", "nl")
_SETTING: dict[str, Lang] = {"lang": "en"}

# kinds of result whose value rows are all shares of a whole
SHARE_KINDS = frozenset({"funnel", "execution", "benchmark", "end_states", "funnel_reference",
                         "execution_reference"})
# rows that are shares whatever the table (the name in metric / measure)
SHARE_NAMES = frozenset({"plan_rate", "professional_share", "share", "risk", "cif", "event_probability",
                         "incidence", "detectable_p_treated"})
# columns holding the row's value (and its interval) or a difference from a reference value
VALUE_COLUMNS = ("estimate", "ci_low", "ci_high", "share", "lower", "upper", "pi_low", "pi_high", "reference",
                 "lower_95", "upper_95", "lower_998", "upper_998", "effect", "ci_limit", "exact", "risk_ratio_scale")
REFERENCE_DIFFERENCE_COLUMNS = ("difference", "ci_low", "ci_high")
COUNT_COLUMNS = frozenset({"n", "n_treated", "n_control", "denominator", "events_treated", "events_control", "k",
                           "events", "n_at_risk", "at_risk", "n_initiatives", "n_closed", "n_ongoing", "plans",
                           "conferences", "plan_unknown", "families_control", "families_treated", "n_clusters"})
P_COLUMNS = frozenset({"p_value", "p_holm", "p_bh", "q_p"})
KEY_COLUMNS = ("stage", "metric", "measure", "execution", "outcome", "contrast", "level", "group", "state",
               "test", "sample", "flag", "covariate")
PERCENT_SCALE_COLUMNS = frozenset({"i2"})  # already 0–100
SHARE_COLUMNS = frozenset({"p_control", "p_treated", "power", "alpha", "ongoing_share"})  # shares in any row
MEAN_PAIRS = ("mean_treated", "mean_control")  # two means of one row, shown with the same decimals


def check_language(lang: object) -> Lang:
    """``lang`` as ``"nl"`` or ``"en"`` (any case, surrounding blanks ignored), else an ArgumentError
    (:func:`ekc_analysis.i18n.check_lang`)."""
    return check_lang(lang)


def set_language(lang: str) -> None:
    """Set the language of result displays in this session: ``"en"`` (default) or ``"nl"`` (any case).

    Notebook tables (``_repr_html_``), ``summary()`` and ``display()`` use it unless given ``lang=``;
    the data (``to_frame()``) never changes.

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> ekc.set_language("NL"); ekc.get_language()
    'nl'
    >>> ekc.set_language("en")
    """
    _SETTING["lang"] = check_language(lang)


def get_language() -> Lang:
    """The language set with :func:`set_language` (``"en"`` unless changed)."""
    return _SETTING["lang"]


# --- numbers -----------------------------------------------------------------------------------------

def _localise(text: str, lang: Lang) -> str:
    """English digits (``1,019.5``) as ``lang`` writes them (``1.019,5`` in Dutch)."""
    if lang != "nl":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fixed(x: float, digits: int, lang: Lang) -> str:
    """``x`` with ``digits`` decimals and thousands separators; empty for a missing value."""
    if x is None or pd.isna(x):
        return ""
    if not np.isfinite(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:,.{digits}f}"
    if float(text.replace(",", "")) == 0:  # no "-0.00"
        text = text.lstrip("-")
    return _localise(text, lang)


def count(x: float, lang: Lang) -> str:
    """A whole number with thousands separators (``1,019`` / ``1.019``)."""
    if x is None or pd.isna(x):
        return ""
    return fixed(float(x), 0 if float(x).is_integer() else 1, lang)


def percent(x: float, lang: Lang, digits: int = 1) -> str:
    """A share as a percentage: ``0.889`` → ``88.9%`` (``88,9%``)."""
    return "" if x is None or pd.isna(x) else fixed(100 * x, digits, lang) + "%"


def points(x: float, lang: Lang, digits: int = 1) -> str:
    """A difference of shares in percentage points: ``-0.007`` → ``-0.7 pp`` (``-0,7 %-punt``)."""
    return "" if x is None or pd.isna(x) else f"{fixed(100 * x, digits, lang)} {label('percentage_points', lang)}"


def p_value(x: float, lang: Lang) -> str:
    """``<0.001`` or three decimals."""
    if x is None or pd.isna(x):
        return ""
    return "<" + fixed(0.001, 3, lang) if x < 0.001 else fixed(x, 3, lang)


def ratio(x: float, lang: Lang) -> str:
    """A ratio: two decimals, three significant digits when below 0.1."""
    if x is None or pd.isna(x):
        return ""
    if 0 < abs(x) < 0.1:
        return _localise(f"{x:.2g}" if abs(x) >= 0.01 else f"{x:.3g}", lang)
    return fixed(x, 2, lang)


def digits_for(values: list[float]) -> int:
    """Decimals for a number and its interval, from the largest of them: 15.1, 0.23, 1,234."""
    finite = [abs(v) for v in values if v is not None and not pd.isna(v) and np.isfinite(v)]
    if not finite:
        return 2
    top = max(finite)
    return 0 if top >= 1000 else 1 if top >= 10 else 2 if top >= 0.1 or top == 0 else 3


# --- what a row is ---------------------------------------------------------------------------------------

def _name(row: pd.Series) -> str:
    for col in ("metric", "measure"):
        if col in row.index and isinstance(row[col], str):
            return row[col]
    return ""


def row_kind(row: pd.Series, result: Result) -> str:
    """``test``, ``ratio``, ``points`` (a difference of shares), ``share`` or ``number``."""
    name = _name(row)
    statistic = row.get("statistic", np.nan)
    if pd.notna(statistic) and pd.isna(row.get("estimate", np.nan)):
        return "test"
    if name.endswith("ratio") or "_ratio" in name or "(ratio of" in name or name == "e_value":
        return "ratio"
    if result.kind == "meta" and result.settings.get("exp"):
        return "ratio"
    if "risk_difference" in name:
        return "points"
    if name in ("n_per_arm", "n_control"):  # a sample size (power)
        return "count"
    if result.kind in SHARE_KINDS or name in SHARE_NAMES:
        return "share"
    return "number"


# --- labels ----------------------------------------------------------------------------------------------

def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def value_label(value: object, lang: Lang) -> str:
    """A category value as a reader of ``lang`` reads it (``held vs cau`` → ``Held a conference vs Care as
    usual``); numbers and dates as they are."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    if not isinstance(value, str):
        return _localise(str(value), lang) if isinstance(value, float) else str(value)
    parts = value.split(" vs ")
    if len(parts) == 2:
        return f" {label('vs', lang)} ".join(_capital(value_label(p, lang)) for p in parts)
    pooled = re.fullmatch(r"pooled \((.*)\)", value)
    if pooled and value not in LABELS[lang]:
        return f"{label('pooled', lang)} ({pooled.group(1)})"
    if "=" in value and value not in LABELS[lang]:  # a level such as non_western=1 or wave=2
        key, _, level = value.partition("=")
        return _capital(f"{label(key, lang)} = {label(level, lang)}")
    return _capital(label(value, lang))


def column_label(column: str, lang: Lang, result: Result, ratios: bool) -> str:
    """The heading of ``column``: ``col_<name>`` in :mod:`ekc_analysis.i18n`, else the name spoken."""
    level = int(round(100 * (1 - float(result.settings.get("alpha", 0.05)))))  # type: ignore[arg-type]
    if column in ("ci_low", "ci_high") and result.kind.endswith("_reference"):
        column = f"difference_{column}"
    if ratios and column in ("se", "tau2"):
        column = f"{column}_log"
    text = LABELS[lang].get(f"col_{result.kind}_{column}", LABELS[lang].get(f"col_{column}"))
    if text is None:
        return _capital(label(column, lang)) if column in LABELS[lang] else _capital(column.replace("_", " "))
    return text.replace("{level}", str(level))


# --- the display table -----------------------------------------------------------------------------------

def _empty(s: pd.Series) -> bool:
    return bool(s.isna().all()) or bool((s.astype(str).str.strip() == "").all())


def display_frame(result: Result, lang: object = None) -> pd.DataFrame:
    """The table of ``result`` as it is shown: translated, formatted per row, empty columns left out."""
    lang_ = get_language() if lang is None else check_language(lang)
    table = result.table.reset_index(drop=True)
    keep = [c for c in table.columns if not _empty(table[c])]
    table = table[keep]
    reference = result.kind.endswith("_reference")
    forced = result.settings.get("percent_columns", ())
    forced = tuple(forced) if isinstance(forced, (list, tuple)) else ()
    kinds = [row_kind(row, result) for _, row in table.iterrows()]
    ratios = "ratio" in kinds
    shown = pd.DataFrame(index=table.index)
    for col in table.columns:
        cells = _column_cells(table, col, ratios, lang_)
        shown[col] = cells if cells is not None else [_value(table, i, col, kind, reference, forced, lang_)
                                                      for i, kind in zip(table.index, kinds, strict=True)]
    shown.columns = [column_label(str(c), lang_, result, ratios) for c in table.columns]
    return shown.reset_index(drop=True)


def _column_cells(table: pd.DataFrame, col: str, ratios: bool, lang: Lang) -> list[str] | None:
    """The cells of ``col`` when the column says how they read (a key, a p-value, a count, text, ...);
    None when each row decides (see :func:`_value`)."""
    s = table[col]
    if col in KEY_COLUMNS and not pd.api.types.is_numeric_dtype(s):
        return [value_label(v, lang) for v in s]
    if col in MEAN_PAIRS:
        return [fixed(v, digits_for([table.loc[i, c] for c in MEAN_PAIRS if c in table]), lang)
                for i, v in s.items()]
    named = _named_cells(s, col, ratios, lang)
    if named is not None:
        return named
    if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
        return [value_label(v, lang) if isinstance(v, str) and "_" in v and " " not in v
                else ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)) for v in s]
    return None


def _named_cells(s: pd.Series, col: str, ratios: bool, lang: Lang) -> list[str] | None:
    """The cells of a column whose name fixes its format (p-values, counts, shares, test statistics, ...)."""
    numeric = pd.api.types.is_numeric_dtype(s)
    if col in P_COLUMNS:
        return [p_value(v, lang) for v in s]
    if col in COUNT_COLUMNS and numeric:
        return [count(v, lang) for v in s]
    if col in PERCENT_SCALE_COLUMNS:
        return ["" if pd.isna(v) else fixed(v, 1, lang) + "%" for v in s]
    if col in SHARE_COLUMNS and numeric:
        return [percent(v, lang) for v in s]
    if col == "tau2" and not ratios:
        return ["" if pd.isna(v) else _localise(f"{v:.3g}", lang) for v in s]
    if col in ("statistic", "q", "qm", "t"):
        return [fixed(v, 2, lang) for v in s]
    if col == "df":
        return ["" if pd.isna(v) else count(v, lang) for v in s]
    if col in ("smd", "fmi") or "r_squared" in str(col):
        return [fixed(v, 3, lang) for v in s]
    return None


def _value(table: pd.DataFrame, i: object, col: str, kind: str, reference: bool, forced: tuple[str, ...],
           lang: Lang) -> str:
    v = table.loc[i, col]
    if v is None or pd.isna(v):
        return ""
    v = float(v)
    row = table.loc[i]
    differences = REFERENCE_DIFFERENCE_COLUMNS if reference else ("difference",)
    if col in forced:
        return percent(v, lang)
    if kind == "share":
        if col in differences:
            return points(v, lang)
        if col in VALUE_COLUMNS or col == "se":
            return percent(v, lang) if col != "se" else points(v, lang)
    if kind == "points" and (col in VALUE_COLUMNS or col in differences or col == "se"):
        return points(v, lang)
    if kind == "count" and col in VALUE_COLUMNS:
        return count(v, lang)
    if kind == "ratio" and col in VALUE_COLUMNS:
        return ratio(v, lang)
    if kind == "ratio" and col in ("se", "tau2"):  # on the log scale: three decimals, headed so
        return fixed(v, 3, lang)
    if col in VALUE_COLUMNS or col in differences or col == "se":
        related = [row[c] for c in ("estimate", "share", "effect", "ci_low", "ci_high") if c in row.index]
        return fixed(v, digits_for([float(x) for x in related if pd.notna(x)] or [v]), lang)
    if float(v).is_integer():  # a year or a code: no thousands separator
        return str(int(v))
    return _localise(f"{v:.4g}", lang)


def title(result: Result, lang: object = None) -> str:
    """The result's title in the display language, with column names and levels in words
    ('Effect of FGC on safety at 12 months'): a :class:`~ekc_analysis.i18n.Message` rendered; a plain
    string title (from code that builds its own Result) as it is."""
    chosen = check_language(lang if lang is not None else get_language())
    return render(getattr(result, "title", "") or result.kind, chosen)


def notes(result: Result, lang: object = None) -> list[str]:
    """The result's notes in the display language (messages rendered, plain strings as they are)."""
    chosen = check_language(lang if lang is not None else get_language())
    return [render(n, chosen) for n in getattr(result, "notes", ())]
