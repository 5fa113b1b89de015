"""Parts the notes of several estimators share: lists of texts, effective sample sizes, names of measures.

A list whose items are messages becomes one nested message (``note_list``), so that every item is still
rendered in the reader's language; the English text (``str()``) is the items joined by ", ".
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..i18n import Message

MEASURES = frozenset({"risk_difference", "adjusted_risk_difference", "mean_difference", "adjusted_mean_difference",
                      "risk_ratio", "odds_ratio", "adjusted_odds_ratio", "hazard_ratio"})


def joined(items: Sequence[str], key: str = "note_list") -> str:
    """The items as one text: ``a, b, c`` (``key="note_sentences"``: ``a b c``); messages stay messages."""
    parts = list(items)
    if not parts:
        return ""
    if not any(isinstance(p, Message) for p in parts):
        return (", " if key == "note_list" else " ").join(parts)
    text = parts[-1]
    for part in reversed(parts[:-1]):
        text = Message(key, {"first": part, "rest": text})
    return text


def kish_sizes(ess: pd.DataFrame) -> str:
    """Kish's effective sample size per group, ``fgc 226.0 of 257, traditional 323.8 of 343``."""
    return joined([Message("note_ess_group", {"group": str(r.group), "ess": float(r.ess), "n": int(r.n)})
                   for r in ess.itertuples()])


def measure_words(measure: str) -> str:
    """A measure in words inside a sentence (``risk_difference`` → risk difference / risicoverschil)."""
    return Message(f"note_measure_{measure}") if measure in MEASURES else measure.replace("_", " ")
