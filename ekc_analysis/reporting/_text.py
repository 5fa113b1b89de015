"""The report's sentences in Dutch and English, filled with numbers already made safe.

The words themselves live in the package's one catalogue (``ekc_analysis/_catalogue/_report*.py``, held under
``report_<key>``, English and Dutch side by side); this module only looks them up.
"""

from __future__ import annotations

from .._catalogue import MESSAGES, REPORT_PREFIX


def text(key: str, lang: str, **values: object) -> str:
    """The report's text ``key`` in ``lang`` ('en' or 'nl'), filled in with ``values``."""
    return MESSAGES[lang][REPORT_PREFIX + key].format(**values)


def text_or_none(key: str, lang: str) -> str | None:
    """The report's text ``key`` in ``lang`` as it stands, or None when the catalogue has no such key."""
    return MESSAGES[lang].get(REPORT_PREFIX + key)
