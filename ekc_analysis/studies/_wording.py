"""Parts the notes of several estimators share: lists of texts, effective sample sizes, names of measures.

A list whose items are messages becomes one nested message (``note_list``, :func:`ekc_analysis.i18n.joined`), so
that every item is still rendered in the reader's language; the English text (``str()``) is the items joined by ", ".
"""

from __future__ import annotations

import pandas as pd

from ..i18n import Message, joined

MEASURES = frozenset({"risk_difference", "adjusted_risk_difference", "mean_difference", "adjusted_mean_difference",
                      "risk_ratio", "odds_ratio", "adjusted_odds_ratio", "hazard_ratio"})


def kish_sizes(ess: pd.DataFrame) -> str:
    """Kish's effective sample size per group, ``fgc 226.0 of 257, traditional 323.8 of 343``."""
    return joined([Message("note_ess_group", {"group": str(r.group), "ess": float(r.ess), "n": int(r.n)})
                   for r in ess.itertuples()])


def measure_words(measure: str) -> str:
    """A measure in words inside a sentence (``risk_difference`` → risk difference / risicoverschil)."""
    return Message(f"note_measure_{measure}") if measure in MEASURES else measure.replace("_", " ")
