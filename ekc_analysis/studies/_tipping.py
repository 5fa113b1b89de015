"""The delta-adjusted (missing-not-at-random) sensitivity analysis of multiply imputed outcomes: ``tipping_point``.

The imputed outcomes of the FGC arm are shifted by each delta and the comparison pooled again; the delta at
which the interval starts or stops excluding no effect is the tipping point. Drawn by
:func:`ekc_analysis.figures._imputation.tipping_point_plot` (``result.plot()``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ..results import Result
from ._compare import compare
from ._imputation import Imputations
from ._wording import measure_words


def _shifted(
    imp: Imputations, outcome: str, arm: np.ndarray, delta: float, binary: bool, uniforms: list[np.ndarray]
) -> Imputations:
    """The imputations with the treated arm's imputed outcomes shifted by ``delta``."""
    target = imp.imputed[outcome].to_numpy() & arm
    frames = []
    for frame, u in zip(imp.completed, uniforms, strict=True):
        f = frame.copy()
        y = np.array(pd.to_numeric(f[outcome]), dtype=float)
        if binary and target.any():
            p = y[target].mean()
            shifted = 1 / (1 + np.exp(-(np.log(p / (1 - p)) + delta))) if 0 < p < 1 else p
            new = y[target].copy()
            if shifted > p:  # a 0 becomes 1 with probability (p' - p) / (1 - p): the mean becomes p'
                new[(new == 0) & (u < (shifted - p) / (1 - p))] = 1
            elif shifted < p:
                new[(new == 1) & (u < (p - shifted) / p)] = 0
            y[target] = new
        elif target.any():
            y[target] += delta
        f[outcome] = y
        frames.append(f)
    return Imputations(imp.data, tuple(frames), imp.method + f"; delta {delta:g}", imp.seed)


def _crossing(deltas: np.ndarray, lo: np.ndarray, hi: np.ndarray, null: float) -> float:
    """The delta nearest 0 at which the interval starts or stops excluding ``null`` (linear interpolation)."""
    excludes = (lo > null) | (hi < null)
    found = []
    for i in range(len(deltas) - 1):
        if excludes[i] == excludes[i + 1]:
            continue
        bound = lo if (lo[i] - null) * (lo[i + 1] - null) <= 0 else hi
        step = bound[i + 1] - bound[i]
        found.append(deltas[i] + (null - bound[i]) * (deltas[i + 1] - deltas[i]) / step if step else deltas[i])
    return float(min(found, key=abs)) if found else np.nan


def tipping_point(
    imp: Imputations,
    outcome: str,
    group: str,
    treated: object = None,
    *,
    deltas: Sequence[float] | None = None,
    measure: str | None = None,
    seed: int = 0,
    **options: object,
) -> Result:
    """Delta-adjusted sensitivity analysis: how far may the missing outcomes of the FGC arm be from their MAR
    imputations before the conclusion changes?

    For each ``delta`` the imputed (never the observed) outcomes of the treated arm are shifted and the
    analysis is pooled again (:func:`ekc_analysis.compare` with ``options``, e.g. ``cluster="family_id"``,
    ``covariates=[...]``). A continuous outcome gets ``delta`` added. A binary outcome is shifted on the
    logit scale: in each imputation the share of events among the arm's imputed values, p, becomes
    expit(logit(p) + delta), by turning imputed 0s into 1s (delta > 0) or 1s into 0s (delta < 0) at random —
    with the same random numbers (from ``seed``) for every delta, so the curve is monotone. (This shifts the
    imputed risk, not the imputation model's linear predictor, so imputations made elsewhere,
    :meth:`Imputations.from_long`, can be used.)

    Returns
    -------
    Result
        One row per delta: ``delta, measure, estimate, ci_low, ci_high, p_value, df, fmi``;
        ``settings["tipping_delta"]``: the delta (interpolated between grid values; the crossing nearest 0)
        at which the interval starts or stops excluding no effect, NaN when it does not within the grid.
        ``.plot()`` draws the estimate and its interval against delta.
    """
    _check(imp, outcome, group)
    base = compare(imp, outcome, group, treated, **options)  # type: ignore[arg-type]
    binary = base.settings["kind"] == "binary"
    label = base.settings["treated"]
    arm = (imp.completed[0][group].astype(str) == str(label)).to_numpy()
    if measure is None:
        measure = ("adjusted_" if options.get("covariates") else "") + (
            "risk_difference" if binary else "mean_difference"
        )
    grid = _grid(imp, outcome, deltas, binary)
    rng = np.random.default_rng(seed)
    uniforms = [rng.uniform(size=int((imp.imputed[outcome].to_numpy() & arm).sum())) for _ in imp.completed]
    rows = []
    for delta in grid:
        shifted = _shifted(imp, outcome, arm, delta, binary, uniforms)
        r = base if delta == 0 else compare(shifted, outcome, group, treated, **options)  # type: ignore[arg-type]
        rows.append({"delta": delta, **_measure_row(r, measure)})
    out = pd.DataFrame(rows)
    null = 1.0 if "ratio" in measure else 0.0
    tip = _crossing(grid, out["ci_low"].to_numpy(float), out["ci_high"].to_numpy(float), null)
    return Result(
        "tipping_point",
        out,
        Message("title_tipping_point", {"outcome": outcome}),
        _notes(outcome, str(label), binary, imp.m, measure, tip, grid),
        {},
        {
            "outcome": outcome,
            "group": group,
            "treated": label,
            "measure": measure,
            "null": null,
            "tipping_delta": tip,
            "scale": "logit" if binary else "additive",
            "m": imp.m,
            "deltas": tuple(grid),
            "percent_columns": (),
        },
    )


def _check(imp: Imputations, outcome: str, group: str) -> None:
    if not isinstance(imp, Imputations):
        raise ArgumentError("tipping_point needs imputations: ekc.impute(df, ...) or ekc.Imputations.from_long(...)")
    if outcome not in imp.data.columns or group not in imp.data.columns:
        raise ArgumentError(f"outcome={outcome!r} and group={group!r} must be columns of the imputed data")
    if not imp.imputed[outcome].any():
        raise ArgumentError(f"no value of {outcome!r} was imputed: there is nothing to shift")


def _grid(imp: Imputations, outcome: str, deltas: Sequence[float] | None, binary: bool) -> np.ndarray:
    """The deltas, sorted; by default 17 log-odds shifts from −2 to 2, or 21 shifts of ±1 SD of the outcome."""
    if deltas is not None:
        return np.sort(np.asarray(list(deltas), dtype=float))
    sd = float(pd.to_numeric(imp.data[outcome]).std())
    return np.linspace(-2, 2, 17) if binary else np.round(np.linspace(-1, 1, 21) * sd, 10)


def _measure_row(r: Result, measure: str) -> dict[str, object]:
    """The pooled row of ``measure``: its estimate, interval, p-value, df and fmi."""
    table = r.to_frame()
    row = table[table["measure"] == measure]
    if row.empty:
        raise ArgumentError(f"measure={measure!r} is not among {', '.join(table['measure'].astype(str))}")
    return row.iloc[0][["measure", "estimate", "ci_low", "ci_high", "p_value", "df", "fmi"]].to_dict()


def _notes(outcome: str, arm: str, binary: bool, m: int, measure: str, tip: float,
           grid: np.ndarray) -> tuple[str, ...]:
    """How the imputed values were shifted, and where (if anywhere) the conclusion changes."""
    how = Message("note_tipping_logit" if binary else "note_tipping_additive")
    crossing = (Message("note_tipping_crossing", {"what": measure_words(measure), "tip": tip}) if np.isfinite(tip)
                else Message("note_tipping_none", {"low": float(grid[0]), "high": float(grid[-1])}))
    return Message("note_tipping_shift", {"outcome": outcome, "arm": arm, "how": how, "m": m}), crossing
