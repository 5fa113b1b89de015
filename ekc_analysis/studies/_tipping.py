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
    if not isinstance(imp, Imputations):
        raise ArgumentError("tipping_point needs imputations: ekc.impute(df, ...) or ekc.Imputations.from_long(...)")
    if outcome not in imp.data.columns or group not in imp.data.columns:
        raise ArgumentError(f"outcome={outcome!r} and group={group!r} must be columns of the imputed data")
    if not imp.imputed[outcome].any():
        raise ArgumentError(f"no value of {outcome!r} was imputed: there is nothing to shift")
    base = compare(imp, outcome, group, treated, **options)  # type: ignore[arg-type]
    binary = base.settings["kind"] == "binary"
    label = base.settings["treated"]
    arm = (imp.completed[0][group].astype(str) == str(label)).to_numpy()
    if measure is None:
        measure = ("adjusted_" if options.get("covariates") else "") + (
            "risk_difference" if binary else "mean_difference"
        )
    if deltas is None:
        sd = float(pd.to_numeric(imp.data[outcome]).std())
        grid = np.linspace(-2, 2, 17) if binary else np.round(np.linspace(-1, 1, 21) * sd, 10)
    else:
        grid = np.sort(np.asarray(list(deltas), dtype=float))
    rng = np.random.default_rng(seed)
    uniforms = [rng.uniform(size=int((imp.imputed[outcome].to_numpy() & arm).sum())) for _ in imp.completed]
    rows = []
    for delta in grid:
        shifted = _shifted(imp, outcome, arm, delta, binary, uniforms)
        r = base if delta == 0 else compare(shifted, outcome, group, treated, **options)  # type: ignore[arg-type]
        table = r.to_frame()
        row = table[table["measure"] == measure]
        if row.empty:
            raise ArgumentError(f"measure={measure!r} is not among {', '.join(table['measure'].astype(str))}")
        rows.append(
            {
                "delta": delta,
                **row.iloc[0][["measure", "estimate", "ci_low", "ci_high", "p_value", "df", "fmi"]].to_dict(),
            }
        )
    out = pd.DataFrame(rows)
    null = 1.0 if "ratio" in measure else 0.0
    tip = _crossing(grid, out["ci_low"].to_numpy(float), out["ci_high"].to_numpy(float), null)
    scale = "logit" if binary else "additive"
    notes = (
        f"Imputed {outcome} in the {label!s} arm shifted by delta "
        + (
            "on the log-odds scale (the imputed risk p becomes expit(logit(p) + delta))"
            if binary
            else "(added to each imputed value)"
        )
        + f"; observed values unchanged; {imp.m} imputations pooled by "
        "Rubin's rules at each delta.",
        (
            f"The interval of the {measure.replace('_', ' ')} starts or stops excluding no effect at delta = {tip:.3g}."
            if np.isfinite(tip)
            else f"Within deltas {grid[0]:g} to {grid[-1]:g} the conclusion does not change."
        ),
    )
    return Result(
        "tipping_point",
        out,
        Message("title_tipping_point", {"outcome": outcome}),
        notes,
        {},
        {
            "outcome": outcome,
            "group": group,
            "treated": label,
            "measure": measure,
            "null": null,
            "tipping_delta": tip,
            "scale": scale,
            "m": imp.m,
            "deltas": tuple(grid),
            "percent_columns": (),
        },
    )
