"""The texts of the intake's rules, in English and Dutch: one entry per rule key.

A rule states its problem as :func:`problem` ``(key, **params)``: an :class:`~ekc_analysis.i18n.Message`
whose ``str()`` is the English text with the names in the data as they are (``case_id``). When the
problems are shown (:func:`~ekc_analysis.intake.localise`), the parameters below are put in the file's
own words and the text is rendered in the run's language:

- ``c``, ``c1``, ``c2``, ``case_id``, ``execution``, ``plan``, ``professional``: a column, shown as the
  file's header (``'Datum aanmelding'``);
- ``conference``, ``stopped``, ``s``: a status, shown as the file's word for it (``'Afgerond'``);
- ``allowed``: the categories of the column, each in the file's words.

Adding a rule: give it a key here with both texts (the same placeholders in each; a test checks),
and emit ``problem("key", ...)`` where it is checked.
"""

from __future__ import annotations

from .._catalogue import RULE_PREFIX as PREFIX
from ..i18n import Message

COLUMN_PARAMS = frozenset({"c", "c1", "c2", "case_id", "execution", "plan", "professional"})
STATUS_PARAMS = frozenset({"conference", "stopped", "s"})


def problem(key: str, **params: object) -> Message:
    """The problem of rule ``key`` with its parameters (``str()`` is the English text)."""
    return Message(PREFIX + key, params)


def rule_key(rule: object) -> str | None:
    """The key of a rule's problem (``'duplicate'``), None for a text no rule of the catalogue wrote."""
    key = getattr(rule, "key", None)
    return key[len(PREFIX):] if isinstance(key, str) and key.startswith(PREFIX) else None
