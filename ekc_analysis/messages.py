"""Messages about a file in the reader's words: headers that resemble a known field, problems folded
into one line per kind, and the rules of the intake that :mod:`ekc_analysis.intake` translates.
"""

from __future__ import annotations


def column_letter(position: int) -> str:
    """The spreadsheet letter of a column position (0 → A, 26 → AA)."""
    out = ""
    n = position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out
