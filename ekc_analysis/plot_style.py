"""Conventions every figure shares (the lowest plotting layer: it imports no other plotting module)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def legend_outside(ax: Axes, **kwargs: Any) -> None:
    """The legend to the right of the axes, never on the data (constrained layout makes room for it)."""
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **kwargs)
