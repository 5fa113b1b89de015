"""Pool published effects of FGC in a random-effects meta-analysis (REML by default, as metafor)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats as st

from .errors import ArgumentError
from .groups import check_columns
from .results import Result
from .stats.meta import pool


def meta_analysis(df: pd.DataFrame, effect: str, se: str, method: Literal["REML", "DL", "FE"] = "REML", *,
                  study: str | None = None, exp: bool = False, alpha: float = 0.05) -> Result:
    """Random-effects meta-analysis of one effect per study.

    Parameters
    ----------
    df : DataFrame
        One row per study, e.g. ``data/sample/meta_synthetic.csv`` (synthetic effects).
    effect, se : str
        Columns with the effect (log odds/risk/hazard ratios, or SMDs) and its standard error.
    method : {"REML", "DL", "FE"}
        τ² by restricted maximum likelihood (metafor's default), DerSimonian–Laird, or a
        fixed-effect model.
    study : str, optional
        Column naming the studies (shown in ``.studies`` and the forest plot).
    exp : bool
        Effects are on the log scale: report the pooled estimate and intervals exponentiated.

    Returns
    -------
    Result
        One row: ``measure, estimate, ci_low, ci_high, p_value, tau2, i2, q, q_p, k, pi_low,
        pi_high`` (prediction interval for a new study); ``result.studies`` holds the study rows with
        their weights.

    Examples
    --------
    >>> import pandas as pd, ekc_analysis as ekc
    >>> d = pd.DataFrame({"y": [0.1, 0.3, -0.2, 0.25], "se": [0.1, 0.2, 0.15, 0.12]})
    >>> round(float(ekc.meta_analysis(d, "y", "se").to_frame()["estimate"].iloc[0]), 3)
    0.106
    """
    check_columns(df, [effect, se] + ([study] if study else []))
    y = pd.to_numeric(df[effect], errors="coerce").to_numpy(float)
    s = pd.to_numeric(df[se], errors="coerce").to_numpy(float)
    ok = np.isfinite(y) & np.isfinite(s)
    if (s[ok] <= 0).any():
        raise ArgumentError(f"se={se!r}: standard errors must be positive; got {s[ok][s[ok] <= 0][:3].tolist()}")
    if ok.sum() < 2:
        raise ArgumentError(f"a meta-analysis needs at least two studies with {effect} and {se}; found {ok.sum()}")
    if method not in ("REML", "DL", "FE"):
        raise ArgumentError(f"method={method!r}: choose 'REML', 'DL' or 'FE'")
    p = pool(y[ok], s[ok], method, alpha)
    f = np.exp if exp else (lambda x: x)
    table = pd.DataFrame([{"measure": f"pooled ({method})", "estimate": f(p.estimate), "ci_low": f(p.ci_low),
                           "ci_high": f(p.ci_high), "p_value": p.p_value, "tau2": p.tau2, "i2": p.i2,
                           "q": p.q, "q_p": p.q_p, "k": p.k, "pi_low": f(p.pi_low), "pi_high": f(p.pi_high),
                           "se": p.se}])
    z = st.norm.isf(alpha / 2)
    names = df[study].astype(str).to_numpy()[ok] if study else np.array([f"study {i + 1}" for i in range(ok.sum())])
    studies = pd.DataFrame({"study": names, "effect": f(y[ok]), "se": s[ok], "ci_low": f(y[ok] - z * s[ok]),
                            "ci_high": f(y[ok] + z * s[ok]), "weight": 100 * p.weights})
    notes = [f"{p.k} studies; τ² by {method}" + (f" ({p.iterations} Fisher-scoring steps)" if method == "REML" else "")
             + f"; I² = {p.i2:.1f}%, Q = {p.q:.2f} on {p.k - 1} df (p = {p.q_p:.3g}).",
             "Prediction interval: where the effect of a new, comparable study would lie."]
    if ok.sum() < len(df):
        notes.append(f"{len(df) - int(ok.sum())} row(s) without an effect or standard error left out.")
    if exp:
        notes.append("Effects pooled on the log scale and shown exponentiated (ratios).")
    return Result("meta", table, f"Random-effects meta-analysis of {effect}", tuple(notes), {"studies": studies},
                  {"method": method, "exp": exp, "alpha": alpha, "percent_columns": ()})
