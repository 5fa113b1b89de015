"""Three or more groups: contrasts against a reference group, an omnibus test, and honest wording.

The WODC/UvA study of families under a supervision order compared families that held a conference,
families that were offered one but did not hold it, and care as usual. Each group is compared with
the reference group (``reference="cau"``) by the two-group machinery of :func:`ekc.compare`; an
omnibus test asks whether the groups differ at all; and the wording says what a contrast is: only a
contrast between arms of a randomised allocation is "analysed as randomised". Families who held a
conference against families who did not selected themselves: that difference is not an effect of FGC.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ._groups import check_columns

Design = Literal["randomised", "observational"]
DESIGNS = ("randomised", "observational")


def group_levels(df: pd.DataFrame, group: str) -> list[object]:
    """The groups in ``group``, in sorted order (numbers as numbers, text as text)."""
    check_columns(df, [group])
    levels = list(pd.unique(df[group].dropna()))
    try:
        return sorted(levels)  # type: ignore[type-var]
    except TypeError:
        return sorted(levels, key=str)


def check_design(design: object, self_selected: Sequence[object], levels: Sequence[object],
                 reference: object, group: str) -> None:
    if design not in DESIGNS:
        raise ArgumentError(f"design={design!r}: choose 'randomised' (allocation by lot) or 'observational'")
    shown = ", ".join(repr(_plain(v)) for v in levels)
    if reference is not None and not any(_same(reference, v) for v in levels):
        raise ArgumentError(f"reference={_plain(reference)!r} is not a group of {group!r}; groups are: {shown}")
    unknown = [v for v in self_selected if not any(_same(v, lev) for lev in levels)]
    if unknown:
        raise ArgumentError(f"self_selected names groups that {group!r} does not have: "
                            f"{', '.join(repr(_plain(v)) for v in unknown)}; groups are: {shown}")


def _plain(value: object) -> object:
    """A numpy scalar as the Python value, so messages read 1, not np.int64(1)."""
    return value.item() if isinstance(value, np.generic) else value


def _same(a: object, b: object) -> bool:
    return a == b or str(a) == str(b)


def contrast_name(treated: object, control: object) -> str:
    return f"{_plain(treated)!s} vs {_plain(control)!s}"


@dataclass(frozen=True)
class Contrast:
    """One contrast as it is built: which groups, how they came about, and whether the treated group is
    the FGC arm. Only ``design == "randomised"`` contrasts are worded as randomised, and only an
    ``fgc`` treated group is called FGC (not "offered, not held" against care as usual)."""

    treated: object
    control: object
    design: Design = "randomised"
    fgc: bool = True
    self_selected: tuple[object, ...] = ()

    @property
    def name(self) -> str:
        return contrast_name(self.treated, self.control)

    def wording(self, n_treated: int, n_control: int) -> str:
        """What the contrast is, in one sentence the reader cannot misread."""
        return wording(self.treated, self.control, n_treated, n_control, self.design, self.self_selected,
                       fgc=self.fgc)


def wording(treated: object, control: object, n_treated: int, n_control: int, design: Design,
            self_selected: Sequence[object], *, fgc: bool = True) -> str:
    """What the contrast is, in one sentence the reader cannot misread (see :class:`Contrast`)."""
    arms = {"treated": str(_plain(treated)), "control": str(_plain(control)), "n_treated": n_treated,
            "n_control": n_control}
    chosen = [v for v in (treated, control) if any(_same(v, s) for s in self_selected)]
    if chosen:
        names = [repr(_plain(v)) for v in chosen]
        who = names[0] if len(names) == 1 else Message("pair", {"a": names[0], "b": names[1]})
        return Message("note_contrast_self_selected", {**arms, "who": who})
    if design == "randomised":
        return Message("note_contrast_itt" if fgc else "note_contrast_randomised", arms)
    return Message("note_contrast_observed_fgc" if fgc else "note_contrast_observed", arms)


def omnibus(y: np.ndarray, codes: np.ndarray, kind: str, levels: Sequence[object]) -> tuple[float, float, str, float]:
    """Do the groups differ at all (no covariates, no clusters)? Returns (statistic, p-value, what was
    computed, degrees of freedom: of the chi-square, or the numerator ones of an F).

    Binary: Pearson's chi-square on the k × 2 table (= ``chisq.test(correct = FALSE)``); continuous:
    Welch's heteroscedastic one-way ANOVA (= ``oneway.test(var.equal = FALSE)``). Adjusted for
    covariates or clustered: :func:`ekc_analysis.studies._contrast_tests.wald_groups`.
    """
    from scipy import stats

    k = len(levels)
    if kind == "binary":
        table = np.array([[np.sum((codes == j) & (y == 1)), np.sum((codes == j) & (y == 0))] for j in range(k)])
        if (table.sum(axis=0) == 0).any():
            return np.nan, np.nan, Message("omnibus_chi2_not_computable"), k - 1
        stat, p, dof, expected = stats.chi2_contingency(table, correction=False)
        small = int((expected < 5).sum())
        return float(stat), float(p), Message("omnibus_chi2_small" if small else "omnibus_chi2",
                                              {"k": k, "df": int(dof), "small": small}), int(dof)
    groups = [y[codes == j] for j in range(k)]
    stat, p, df2 = _welch_anova(groups)
    return stat, p, Message("omnibus_welch", {"k": k, "df1": k - 1, "df2": float(df2)}), k - 1


def _welch_anova(groups: Sequence[np.ndarray]) -> tuple[float, float, float]:
    """Welch (1951) F for equal means with unequal variances (R's ``oneway.test(var.equal = FALSE)``):
    (F, p, denominator df)."""
    from scipy import stats

    n = np.array([g.size for g in groups], float)
    if (n < 2).any():
        return np.nan, np.nan, np.nan
    m = np.array([g.mean() for g in groups])
    v = np.array([g.var(ddof=1) for g in groups])
    if (v == 0).any():
        return np.nan, np.nan, np.nan
    w = n / v
    k = len(groups)
    mw = (w @ m) / w.sum()
    a = (w @ (m - mw) ** 2) / (k - 1)
    tmp = ((1 - w / w.sum()) ** 2 / (n - 1)).sum() / (k**2 - 1)
    f = a / (1 + 2 * (k - 2) * tmp)
    df2 = 1 / (3 * tmp)
    return float(f), float(stats.f.sf(f, k - 1, df2)), float(df2)
