"""Conventions every figure shares (the lowest plotting layer: it imports no other plotting module)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def legend_outside(ax: Axes, below: float = 0.62, above: bool = False, **kwargs: Any) -> None:
    """The legend in one row outside the plotting area, never on the data.

    By default it sits a fixed ``below`` inches under the axes (room for the tick labels and the axis
    label), not a fraction of the axes' height, so the figure's constrained layout makes room for it in
    one pass; ``above=True`` puts it over the top right corner instead (for figures with a table below).
    """
    from matplotlib.transforms import ScaledTranslation

    handles, _ = ax.get_legend_handles_labels()
    ncols = kwargs.pop("ncols", min(max(len(handles), 1), 3))
    if above:
        ax.legend(frameon=False, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=ncols, borderaxespad=0.2,
                  **kwargs)
        return
    anchor = ax.transAxes + ScaledTranslation(0, -below, ax.figure.dpi_scale_trans)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(0.0, 0.0), bbox_transform=anchor, ncols=ncols,
              borderaxespad=0.0, **kwargs)


def decimal_commas(fig: object) -> None:
    """Dutch figures: tick labels with a decimal comma (0,5 jaar), wherever an axis uses matplotlib's
    default number formatter (axes with their own formatter, such as years or percentages, keep it)."""
    from matplotlib.ticker import ScalarFormatter

    class _Comma(ScalarFormatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return super().__call__(x, pos).replace(".", ",")

    for ax in fig.axes:  # type: ignore[attr-defined]
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(_Comma())
