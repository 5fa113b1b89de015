"""``python -m ekc_analysis``: the same public functions a notebook calls.

Modules inside are private; this folder's public names are re-exported here.
"""

from __future__ import annotations

from ._main import main

__all__ = ["main"]
