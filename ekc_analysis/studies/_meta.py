"""Pool published effects of FGC in a random-effects meta-analysis (REML by default, as metafor)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats as st

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message
from ..results import Result
from ..stats._meta import egger, meta_regression, pool
from ..stats._small_study import pet_peese, trim_and_fill
from ._groups import check_columns
from ._meta_multilevel import three_level_result


def meta_analysis(df: pd.DataFrame, effect: str, se: str, method: Literal["REML", "DL", "FE"] = "REML", *,
                  hksj: bool | Literal["adhoc", "adhoc-sj"] = "adhoc-sj", study: str | None = None,
                  subgroup: str | None = None,
                  exp: bool = False, alpha: float = 0.05) -> Result:
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
    hksj : bool, "adhoc" or "adhoc-sj"
        The interval of the pooled effect. ``True``: Hartung–Knapp–Sidik–Jonkman, the standard error rescaled
        by the observed spread and t on k − 1 degrees of freedom (= metafor ``rma(..., test = "knha")``);
        ``"adhoc"``: HKSJ never below the usual standard error (Röver, Knapp & Friede 2015; metafor
        ``test = "adhoc"``); ``"adhoc-sj"`` (the default): HKSJ never below the standard error the pool would
        have with the Sidik–Jonkman τ² (when that exceeds the REML τ²; the prediction interval uses that τ²
        too); ``False``: metafor's default Wald z interval. The default is chosen on a seeded simulation
        (``benchmarks/sim_meta_intervals.py``, 2,000 replicates a cell; study sizes 40–1,500, true effect 0):

        ======  =====  =====  =====  ======  ========  =========  =========
        k       τ²     z      HKSJ   ad hoc  PM+HKSJ   profile    adhoc-sj
        ======  =====  =====  =====  ======  ========  =========  =========
        5       0      96.8   94.5   99.6    94.5      98.0       100.0
        5       0.02   85.5   90.0   93.2    90.7      89.4       97.6
        5       0.05   83.8   90.9   92.5    91.8      87.5       96.0
        5       0.10   85.8   92.0   93.1    93.3      88.1       95.6
        10      0      96.5   95.2   98.6    95.3      97.2       99.8
        10      0.02   88.7   91.6   93.0    92.0      90.8       97.2
        10      0.05   91.0   94.2   94.8    94.6      92.7       96.0
        10      0.10   91.2   94.2   94.7    94.5      92.6       95.2
        ======  =====  =====  =====  ======  ========  =========  =========

        Only ``"adhoc-sj"`` covers at least 94 % in every cell (it is conservative when τ² = 0, where the
        studies agree anyway); its prediction interval covered 95.3–100 %. ``tests/test_meta_coverage.py``
        keeps the claim.
    study : str, optional
        Column naming the studies (shown in ``.studies`` and the forest plot). When a study holds several
        effects (re-referral by family, school and police), the effects are pooled in a three-level model
        (effects within studies, = metafor ``rma.mv(yi, vi, random = ~ 1 | study/effect)``): row ``pooled``
        is model-based (t on k − 1 df, metafor ``test = "t"``; z with ``hksj=False``), row ``pooled_robust``
        has CR2 errors by study with Satterthwaite df (= clubSandwich ``coef_test(fit, vcov = "CR2")``);
        ``settings`` hold ``sigma2_study`` and ``sigma2_effect``.
    subgroup : str, optional
        Column grouping the studies (e.g. ``design``: randomised vs cohort): ``result.subgroups`` pools
        each group separately, and the test of a difference between groups is the QM test of a
        mixed-effects meta-regression on the group (= ``rma(..., mods = ~ factor(design))``).
    exp : bool
        Effects are on the log scale: report the pooled estimate and intervals exponentiated.

    Returns
    -------
    Result
        One row: ``measure, estimate, ci_low, ci_high, p_value, tau2, i2, q, q_p, k, pi_low,
        pi_high`` (prediction interval for a new study: t on k − 2 df, = metafor
        ``predict(..., pi.type = "riley")``); ``result.studies`` holds the study rows with their
        weights, ``result.egger`` Egger's test for small-study effects (k ≥ 3), ``result.trimfill``
        (trim-and-fill, = metafor ``trimfill``) and ``result.pet_peese`` (PET and PEESE limit estimates and
        the conditional choice), each a sensitivity analysis with little power below ten studies; with ``subgroup``
        ``result.subgroups`` and ``result.subgroup_test``.

    Examples
    --------
    Four studies: the pool is computed, with the caveat that below ten studies τ² is poorly known (a
    :class:`~ekc_analysis.errors.StatisticalWarning`, caught here to show it):

    >>> import warnings, pandas as pd, ekc_analysis as ekc
    >>> d = pd.DataFrame({"y": [0.1, 0.3, -0.2, 0.25], "se": [0.1, 0.2, 0.15, 0.12]})
    >>> with warnings.catch_warnings(record=True, action="always") as caught:
    ...     res = ekc.meta_analysis(d, "y", "se")
    >>> round(float(res.to_frame()["estimate"].iloc[0]), 3)
    0.106
    >>> print(caught[0].message)  # doctest: +ELLIPSIS
    only 4 studies: τ² is poorly known; ... read it as a rough range
    """
    check_columns(df, [effect, se] + ([study] if study else []))
    y = pd.to_numeric(df[effect], errors="coerce").to_numpy(float)
    s = pd.to_numeric(df[se], errors="coerce").to_numpy(float)
    ok = np.isfinite(y) & np.isfinite(s)
    if (s[ok] <= 0).any():
        raise ArgumentError(f"se={se!r}: standard errors must be positive; got {s[ok][s[ok] <= 0][:3].tolist()}")
    if ok.sum() < 2:
        raise ArgumentError(f"a meta-analysis needs at least two studies with {effect} and {se}; found {ok.sum()}")
    if hksj not in (False, True, "adhoc", "adhoc-sj"):
        raise ArgumentError(f"hksj={hksj!r}: choose 'adhoc-sj' (the default), 'adhoc', True (HKSJ) or False (z)")
    if method not in ("REML", "DL", "FE"):
        raise ArgumentError(f"method={method!r}: choose 'REML', 'DL' or 'FE'")
    if study and df.loc[ok, study].duplicated().any():
        if subgroup:
            raise ArgumentError("subgroup= with several effects per study is not supported; pool each subgroup "
                                "in its own call")
        return three_level_result(df, effect, y[ok], s[ok], df.loc[ok, study].to_numpy(), t_test=bool(hksj),
                                  exp=exp, alpha=alpha, dropped=int(len(df) - ok.sum()))
    p = pool(y[ok], s[ok], method, alpha, hksj=hksj)
    f = np.exp if exp else (lambda x: x)
    label = f"pooled ({method}{_INTERVAL_LABEL[hksj]})"
    table = pd.DataFrame([{"measure": label, "estimate": f(p.estimate), "ci_low": f(p.ci_low),
                           "ci_high": f(p.ci_high), "p_value": p.p_value, "tau2": p.tau2, "i2": p.i2,
                           "q": p.q, "q_p": p.q_p, "k": p.k, "pi_low": f(p.pi_low), "pi_high": f(p.pi_high),
                           "se": p.se}])
    z = st.norm.isf(alpha / 2)
    names = df[study].astype(str).to_numpy()[ok] if study else np.array([f"study {i + 1}" for i in range(ok.sum())])
    studies = pd.DataFrame({"study": names, "effect": f(y[ok]), "se": s[ok], "ci_low": f(y[ok] - z * s[ok]),
                            "ci_high": f(y[ok] + z * s[ok]), "weight": 100 * p.weights})
    interval = _interval_note(hksj, p.k)
    spread = {"k": p.k, "method": method, "steps": p.iterations, "i2": float(p.i2), "q": float(p.q), "df": p.k - 1,
              "p": float(p.q_p)}
    heterogeneity = "note_meta_heterogeneity_reml" if method == "REML" else "note_meta_heterogeneity"
    notes: list[str] = [Message(heterogeneity, spread), interval, Message("note_meta_prediction")]
    if p.k < 10 and method != "FE":
        warnings.warn(_few_studies(p.k, hksj), StatisticalWarning, stacklevel=2)
    extras: dict[str, object] = {"studies": studies}
    if p.k >= 3:
        tables, found = _small_study_effects(y[ok], s[ok], method, alpha, f)
        extras.update(tables)
        notes += found
    if subgroup:
        tables, found = _subgroups(df.loc[ok, subgroup], y[ok], s[ok], method, alpha, hksj, f)
        extras.update(tables)
        notes += found
    if ok.sum() < len(df):
        notes.append(Message("note_meta_left_out", {"n": len(df) - int(ok.sum())}))
    if exp:
        notes.append(Message("note_meta_exp"))
    return Result("meta", table, Message("title_meta", {"effect": effect}), tuple(notes), extras,
                  {"method": method, "exp": exp, "alpha": alpha, "hksj": hksj, "percent_columns": ()})


_INTERVAL_LABEL = {False: "", True: ", HKSJ", "adhoc": ", HKSJ ad hoc", "adhoc-sj": ", HKSJ ad hoc (SJ)"}


def _interval_note(hksj: bool | str, k: int) -> str:
    if not hksj:
        return Message("note_meta_wald")
    key = {"adhoc": "note_meta_hksj_adhoc", "adhoc-sj": "note_meta_hksj_adhoc_sj"}.get(str(hksj), "note_meta_hksj")
    return Message(key, {"df": k - 1})


def _few_studies(k: int, hksj: bool | str) -> Message:
    """The warning below ten studies: what the intervals are worth there, in numbers."""
    key = ("warn_meta_few_studies_z" if not hksj else "warn_meta_few_studies_adhoc_sj" if hksj == "adhoc-sj"
           else "warn_meta_few_studies_pi")
    return Message(key, {"k": int(k)})


def _small_study_effects(y: np.ndarray, s: np.ndarray, method: str, alpha: float,
                         f: Callable[[float], float]) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Egger's test, trim-and-fill and PET-PEESE: three looks at funnel asymmetry, none a correction (tables,
    notes)."""
    k = y.size
    if np.ptp(s) <= 1e-9 * float(np.max(s)):
        return {}, [Message("note_meta_equal_se")]
    few = Message("note_meta_few") if k < 10 else Message("note_meta_enough")
    e = egger(y, s)
    notes: list[str] = [Message("note_meta_egger", {"t": float(e.t), "df": int(e.df), "p": float(e.p_value),
                                                    "few": few})]
    tf = trim_and_fill(y, s, method, alpha)
    notes.append(Message("note_meta_trimfill", {
        "k0": int(tf.k0), "studies": Message("note_meta_study" if tf.k0 == 1 else "note_meta_studies"),
        "side": Message(f"side_{tf.side}") if tf.side in ("left", "right") else str(tf.side),
        "estimate": float(f(tf.pooled.estimate)), "low": float(f(tf.pooled.ci_low)),
        "high": float(f(tf.pooled.ci_high)), "few": few}))
    pet, peese, chosen = pet_peese(y, s)
    pick = peese if chosen == "peese" else pet
    notes.append(Message("note_meta_pet_peese", {"estimate": float(f(pick.estimate)), "chosen": chosen.upper(),
                                                 "p": float(pet.p_value), "few": few}))
    return {
        "egger": pd.DataFrame([{"intercept": f(e.intercept), "slope": e.slope, "t": e.t, "df": e.df,
                                "p_value": e.p_value}]),
        "trimfill": pd.DataFrame([{"k0": tf.k0, "side": tf.side, "estimate": f(tf.pooled.estimate),
                                   "ci_low": f(tf.pooled.ci_low), "ci_high": f(tf.pooled.ci_high), "se": tf.pooled.se,
                                   "tau2": tf.pooled.tau2}]),
        "pet_peese": pd.DataFrame([{"method": m, "estimate": f(r.estimate), "se": r.se, "p_value": r.p_value,
                                    "df": r.df, "chosen": m == chosen} for m, r in (("pet", pet), ("peese", peese))]),
    }, notes


def _subgroups(groups: pd.Series, y: np.ndarray, s: np.ndarray, method: str, alpha: float, hksj: bool | str,
               f: Callable[[float], float]) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Each subgroup pooled on its own, and the mixed-effects QM test of a difference between them (tables,
    note)."""
    if groups.isna().any():
        raise ArgumentError(f"subgroup={groups.name!r} is missing for {int(groups.isna().sum())} studies")
    levels = sorted(pd.unique(groups.astype(str)))
    if len(levels) < 2:
        raise ArgumentError(f"subgroup={groups.name!r} has one value only ({levels[0]!r}); nothing to compare")
    label = groups.astype(str).to_numpy()
    rows = []
    for level in levels:
        inside = label == level
        k = int(inside.sum())
        if k == 1:
            rows.append({"subgroup": level, "k": 1, "estimate": f(y[inside][0]), "ci_low": np.nan,
                         "ci_high": np.nan, "tau2": np.nan, "i2": np.nan})
            continue
        g = pool(y[inside], s[inside], method, alpha, hksj=hksj)
        rows.append({"subgroup": level, "k": k, "estimate": f(g.estimate), "ci_low": f(g.ci_low),
                     "ci_high": f(g.ci_high), "tau2": g.tau2, "i2": g.i2})
    X = np.column_stack([np.ones(len(y))] + [(label == lev).astype(float) for lev in levels[1:]])
    reg = meta_regression(y, s, X)
    test = pd.DataFrame([{"qm": reg.qm, "df": reg.qm_df, "p_value": reg.qm_p, "tau2_residual": reg.tau2}])
    note = Message("note_meta_subgroups", {"name": str(groups.name), "qm": float(reg.qm), "df": int(reg.qm_df),
                                           "p": float(reg.qm_p), "tau2": float(reg.tau2)})
    return {"subgroups": pd.DataFrame(rows), "subgroup_test": test}, [note]
