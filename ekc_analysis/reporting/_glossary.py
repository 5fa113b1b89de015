"""The report's glossary and its list of sources, in the reader's language.

Their words live in the package's catalogue (``ekc_analysis/_catalogue/_report_glossary.py``: the page's fixed
words, the figures' caption notes, the published figures and their sources, and the glossary as data).
"""

from __future__ import annotations

from .._catalogue import REPORT_GLOSSARY
from ..describe import EKC, HILHORST, SUNDELL, WODC, ZONMW
from ..i18n import Lang
from ._text import text, text_or_none

# the sources' keys in the catalogue (report_source_<key>); a source without one is named as describe names it
_SOURCE_KEYS = {EKC: "ekc", WODC: "wodc", ZONMW: "zonmw", SUNDELL: "sundell", HILHORST: "hilhorst"}


def glossary(lang: Lang) -> tuple[str, ...]:
    """The glossary's entries as the report lists them, ``term: meaning``."""
    side = 0 if lang == "en" else 1
    return tuple("{}: {}".format(*entry[side]) for entry in REPORT_GLOSSARY)


def _value(value: float, unit: str, lang: Lang) -> str:
    if unit == "share":
        return f"{100 * value:.0f}%"
    if unit == "relative change":
        return f"{100 * value:+.0f}%".replace("-", "−")
    if unit == "difference":
        return text("value_no_difference", lang) if value == 0 else f"{value:g}"
    if unit in ("hours", "years"):
        return text(f"value_{unit}", lang, value=f"{value:g}")
    return f"{value:,.0f}".replace(",", "." if lang == "nl" else ",")  # thousands: 1.500 in Dutch


def sources_list(lang: Lang) -> tuple[str, ...]:
    """One entry per source (authors or organisation, year, document, kind), with the figures taken from it."""
    from ..describe import REFERENCES, SOURCE_INFO

    by_source: dict[str, list[str]] = {}
    for ref in REFERENCES.values():
        what = text(f"reference_{ref.key}", lang)
        by_source.setdefault(ref.source, []).append(f"{what}: {_value(ref.value, ref.unit, lang)}")
    out = []
    for source, figures in by_source.items():
        key = _SOURCE_KEYS.get(source)
        name = (text_or_none(f"source_{key}", lang) if key else None) or source
        found = SOURCE_INFO.get(source, {}).get("kind")
        kind = found.render(lang) if found is not None else ""
        out.append(f"{name}" + (f" — {kind}" if kind else "") + ". " + text("source_figures", lang)
                   + ": " + "; ".join(figures) + ".")
    return tuple(out)
