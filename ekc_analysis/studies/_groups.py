"""Checks at the door for study comparisons: columns, the two groups, which is treated, missing rows.

Every comparison (trial, cohort, costs) starts here, so a researcher gets the same clear message
whichever function they call.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning, shown
from ..i18n import Message
from ..intake import normalise

FGC_WORDS = frozenset({"fgc", "ekc", "ek_c", "eigen_kracht", "eigen_kracht_conferentie", "conference",
                       "conferentie", "intervention", "interventie", "treatment", "treated", "experimental",
                       "experiment", "fgdm"})


@dataclass(frozen=True)
class Groups:
    """The analysed rows, with ``arm`` 1 for the FGC (treated) group and 0 for the comparison group."""

    data: pd.DataFrame
    arm: np.ndarray
    treated: object
    control: object
    excluded: dict[str, int]

    @property
    def n_treated(self) -> int:
        return int(self.arm.sum())

    @property
    def n_control(self) -> int:
        return int((1 - self.arm).sum())

    def note(self) -> str | None:
        if not any(self.excluded.values()):
            return None
        return Message("note_complete_case_rows", {"x_treated": self.excluded["treated"], "treated": str(self.treated),
                                                   "x_control": self.excluded["control"], "control": str(self.control)})


def check_columns(df: pd.DataFrame, columns: Sequence[str], what: str = "column") -> None:
    if not isinstance(df, pd.DataFrame):
        raise ArgumentError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ArgumentError(f"no {what} {', '.join(map(repr, missing))} in the data; columns are: "
                            f"{', '.join(map(str, df.columns))}")


def two_groups(df: pd.DataFrame, group: str, treated: object = None, needed: Sequence[str] = ()) -> Groups:
    """Code ``group`` as arm 1 (FGC) / 0 and drop rows missing any of ``needed`` (counted per arm).

    ``treated`` names the FGC group. Without it: with groups 0/1 or False/True, 1/True is
    treated; with text labels, a label such as ``fgc``, ``ekc``, ``conference`` or ``intervention``
    is; otherwise name it.
    """
    check_columns(df, [group, *needed])
    levels = pd.unique(df[group].dropna())
    if len(levels) != 2:
        listed = ", ".join(map(shown, levels[:6]))
        raise ArgumentError(f"group={group!r} must have exactly two groups; found {len(levels)}: {listed}")
    if treated is None:
        as_set = {bool(v) if isinstance(v, (bool, np.bool_)) else v for v in levels}
        if as_set <= {0, 1}:
            treated = next(v for v in levels if v == 1)
        else:
            hits = [v for v in levels if normalise(v) in FGC_WORDS]
            if len(hits) != 1:
                raise ArgumentError(f"treated=None: cannot tell which of {shown(levels[0])} and {shown(levels[1])} is "
                                    f"the FGC group; pass treated={shown(levels[0])} or treated={shown(levels[1])}")
            treated = hits[0]
    elif treated not in set(levels):
        raise ArgumentError(f"treated={shown(treated)} is not a group of {group!r}; groups are "
                            f"{shown(levels[0])} and {shown(levels[1])}")
    control = next(v for v in levels if v != treated)
    data = df[df[group].notna()]
    arm_all = (data[group] == treated).to_numpy().astype(int)
    complete = data[list(needed)].notna().all(axis=1).to_numpy() if needed else np.ones(len(data), bool)
    excluded = {"treated": int(((arm_all == 1) & ~complete).sum()),
                "control": int(((arm_all == 0) & ~complete).sum())}
    data, arm = data[complete], arm_all[complete]
    for name, n in (("treated", arm.sum()), ("control", (1 - arm).sum())):
        if n == 0:
            label = treated if name == "treated" else control
            raise ArgumentError(f"the {name} group {shown(label)} has no rows with complete data for "
                                f"{', '.join(needed)}; nothing to compare")
    groups = Groups(data, arm, treated, control, excluded)
    note = groups.note()
    if note:
        warnings.warn(Message("warn_complete_cases", {"note": note}), StatisticalWarning, stacklevel=3)
    return groups


def binary_values(y: pd.Series, outcome: str) -> np.ndarray:
    """0/1 values of a binary outcome, or an error naming what else was found."""
    if pd.api.types.is_bool_dtype(y.dtype):
        return y.to_numpy(dtype=float)
    values = pd.to_numeric(y, errors="coerce")
    bad = y[values.isna() | ~values.isin([0, 1])]
    if len(bad):
        raise ArgumentError(f"outcome={outcome!r} is treated as binary but holds values other than 0/1: "
                            f"{', '.join(map(shown, pd.unique(bad)[:5]))}; recode it or pass kind='continuous'")
    return values.to_numpy(dtype=float)


def levels_of(s: pd.Series) -> list[str]:
    """The levels of a text covariate, the first being the reference (dropped from the design).

    A pandas Categorical keeps its own order (the categories present in the data); otherwise the
    levels are sorted as text (code-point order, which can differ from R's locale order, e.g. for
    ``<=20``, ``20-50``, ``>50``): make the column a Categorical to choose the reference.
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        present = set(s.dropna().astype(str))
        return [str(c) for c in s.cat.categories if str(c) in present]
    return sorted(pd.unique(s.dropna().astype(str)))


def is_categorical(s: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype))


def reference_note(data: pd.DataFrame, covariates: Sequence[str]) -> str | None:
    """One sentence naming the reference level of every text covariate, or None if there is none."""
    refs = [f"{c} = {levels_of(data[c])[0]!r}" for c in covariates if c in data and is_categorical(data[c])
            and len(levels_of(data[c]))]
    if not refs:
        return None
    return Message("note_reference_levels", {"levels": ", ".join(refs)})


def design(data: pd.DataFrame, arm: np.ndarray, covariates: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Design matrix [const, arm, covariates]; text covariates as treatment-coded dummies (as R), the
    reference level first in :func:`levels_of`."""
    parts = [np.ones(len(arm)), arm.astype(float)]
    names = ["(Intercept)", "arm"]
    for c in covariates:
        s = data[c]
        if not is_categorical(s):
            parts.append(s.to_numpy(dtype=float))
            names.append(c)
        else:
            text = s.astype(str)
            for lev in levels_of(s)[1:]:
                parts.append((text == lev).to_numpy(dtype=float))
                names.append(f"{c}{lev}")
    return np.column_stack(parts), names
