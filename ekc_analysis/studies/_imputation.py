"""Multiple imputation: :func:`impute`, :class:`Imputations` (the delta-adjusted
:func:`~ekc_analysis.studies._tipping.tipping_point` builds on them).

``imp = ekc.impute(df, m=20, cluster="family_id", seed=1)`` fills every missing value ``m`` times by
chained equations (:mod:`ekc_analysis.stats`: predictive mean matching for numbers, logistic and
multinomial models for categories; every other variable, the outcome and the group included, predicts each
one; with ``cluster=`` also the mean of the other family members). Every estimator given ``imp`` instead of
a frame pools by Rubin's rules (:mod:`ekc_analysis.studies`). ``Imputations.from_long`` takes
imputations made in R (``mice::complete(imp, "long", include = TRUE)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ArgumentError, shown
from ..stats._mice import Column, impute_once

MAX_LEVELS = 20  # a text column with more distinct values is an identifier, not a category


@dataclass(frozen=True)
class Imputations:
    """``m`` completed copies of one incomplete frame.

    Attributes
    ----------
    data : DataFrame
        The incomplete data (NaN where a value was imputed).
    completed : tuple of DataFrame
        The ``m`` completed frames, each with the index and columns of ``data``.
    method : str
        How they were made.
    """

    data: pd.DataFrame
    completed: tuple[pd.DataFrame, ...]
    method: str = "chained equations"
    seed: int | None = None

    @property
    def m(self) -> int:
        return len(self.completed)

    @property
    def imputed(self) -> pd.DataFrame:
        """True where a value was missing and is imputed."""
        return self.data.isna() & self.completed[0].notna()

    def complete(self, i: int) -> pd.DataFrame:
        """The ``i``-th completed frame (1-based, as ``mice::complete``; 0 gives the incomplete data)."""
        if not 0 <= i <= self.m:
            raise ArgumentError(f"i={i!r}: choose 0 (the incomplete data) to {self.m}")
        return (self.data if i == 0 else self.completed[i - 1]).copy()

    def __len__(self) -> int:
        return self.m

    def __repr__(self) -> str:
        n = int(self.imputed.to_numpy().sum())
        return f"<Imputations m={self.m}: {len(self.data)} rows, {n} values imputed ({self.method})>"

    @classmethod
    def from_long(cls, long_df: pd.DataFrame, imputation: str = ".imp", id: str = ".id") -> Imputations:
        """Imputations made elsewhere, stacked: R's ``mice::complete(imp, "long", include = TRUE)``.

        ``imputation`` numbers the copies; 0 must be the incomplete data (needed to know which values are
        imputed: without it :func:`tipping_point` cannot shift them). ``id`` (dropped when present) is
        mice's row number.
        """
        if imputation not in long_df.columns:
            raise ArgumentError(
                f"imputation={imputation!r} is not a column; columns: {', '.join(map(str, long_df.columns[:8]))}"
            )
        drop = [c for c in (imputation, id) if c in long_df.columns]
        numbers = sorted(pd.unique(long_df[imputation]))
        if 0 not in numbers:
            raise ArgumentError(
                f"no rows with {imputation} == 0: export with complete(imp, 'long', include = TRUE) so "
                "that the incomplete data come along"
            )
        parts = {k: long_df[long_df[imputation] == k].drop(columns=drop).reset_index(drop=True) for k in numbers}
        sizes = {len(p) for p in parts.values()}
        if len(sizes) != 1 or len(numbers) < 3:
            raise ArgumentError(
                f"{imputation}: every imputation needs the same rows and at least two imputations "
                f"besides 0; got {len(numbers) - 1} imputations of sizes {sorted(sizes)}"
            )
        completed = tuple(parts[k] for k in numbers if k != 0)
        return cls(parts[0], completed, "imported")


def _default_variables(df: pd.DataFrame, cluster: str | None) -> list[str]:
    out = []
    for c in df.columns:
        s = df[c]
        if c == cluster or str(c) == "id" or str(c).endswith("_id") or pd.api.types.is_datetime64_any_dtype(s):
            continue
        numeric = pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)
        if not numeric and s.nunique() > MAX_LEVELS:
            continue
        out.append(c)
    return out


def _column(s: pd.Series) -> tuple[Column, list[object] | None]:
    """Encode one variable; returns the column and what decodes it (None for numbers, else the levels)."""
    values = s.dropna()
    levels = sorted(pd.unique(values), key=str) if not pd.api.types.is_numeric_dtype(s) else sorted(pd.unique(values))
    if len(levels) < 2:
        raise ArgumentError(f"{s.name!r} has fewer than two observed values: nothing to impute it from")
    numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
    if numeric and not isinstance(s.dtype, pd.CategoricalDtype) and len(levels) > 2:
        return Column(str(s.name), "numeric", pd.to_numeric(s).to_numpy(float)), None
    index = {v: i for i, v in enumerate(levels)}
    codes = s.map(lambda v: index.get(v, np.nan) if pd.notna(v) else np.nan).to_numpy(float)
    return Column(str(s.name), "binary" if len(levels) == 2 else "categorical", codes, len(levels)), levels


def impute(
    df: pd.DataFrame,
    m: int = 20,
    *,
    variables: Sequence[str] | None = None,
    cluster: str | None = None,
    seed: int | None = None,
    iterations: int = 10,
) -> Imputations:
    """Multiple imputation by chained equations (as R's ``mice``), reproducible from ``seed``.

    Parameters
    ----------
    df : DataFrame
        One row per child or family; missing values as NaN/None.
    m : int
        Number of imputations (20 is a good default; more when the fraction of missing information is high).
    variables : sequence of str, optional
        The variables of the imputation model: each incomplete one is imputed from all others. Include the
        outcome and the group (an imputation model without the outcome biases the effect towards none).
        Default: every column except ``cluster``, columns named ``id`` or ``*_id``, dates and text columns
        with more than 20 distinct values. Columns left out are copied unchanged.
    cluster : str, optional
        Family labels (e.g. ``"family_id"``): every model then also uses the mean of the other members of
        the family for each variable, keeping siblings alike.
    seed : int, optional
        Same seed, same imputations.
    iterations : int
        Rounds of the chained equations (mice's ``maxit``; 10 here).

    Returns
    -------
    Imputations
        Pass it to ``compare``, ``survival``, ``competing_risks``, ``rate_ratio``: they pool by Rubin's rules.
    """
    if not isinstance(m, (int, np.integer)) or m < 2:
        raise ArgumentError(f"m={m!r}: give the number of imputations as a whole number of at least 2, e.g. m=20")
    chosen = list(variables) if variables is not None else _default_variables(df, cluster)
    unknown = [c for c in [*chosen, *([cluster] if cluster else [])] if c not in df.columns]
    if unknown:
        raise ArgumentError(f"not columns of the data: {', '.join(map(shown, unknown))}")
    encoded = [_column(df[c]) for c in chosen]
    codes = None
    if cluster is not None:
        if df[cluster].isna().any():
            raise ArgumentError(f"cluster={cluster!r} has missing labels; every row needs its family")
        codes = pd.factorize(df[cluster].astype(str))[0]
    streams = np.random.SeedSequence(seed).spawn(m)
    completed = []
    for stream in streams:
        values = impute_once([c for c, _ in encoded], np.random.default_rng(stream), codes, iterations)
        frame = df.copy()
        for (col, levels), v in zip(encoded, values, strict=True):
            miss = np.isnan(col.codes)
            if not miss.any():
                continue
            if levels is None:
                frame[col.name] = v
            else:
                decoded = pd.Series([levels[int(i)] for i in v], index=df.index)
                frame[col.name] = (
                    df[col.name].where(~miss, decoded)
                    if df[col.name].dtype != object
                    else df[col.name].astype(object).where(~miss, decoded)
                )
        completed.append(frame)
    return Imputations(
        df.copy(),
        tuple(completed),
        f"chained equations ({iterations} iterations" + (f", cluster {cluster}" if cluster else "") + ")",
        seed,
    )
