"""The Result type and its display (to_frame, summary, display(lang)).

Modules inside are private; this folder's public names are re-exported here.
"""

from __future__ import annotations

from ._display import get_language, set_language
from ._result import Result, standard_errors

__all__ = ["Result", "get_language", "set_language", "standard_errors"]
