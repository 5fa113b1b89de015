"""Several effects per study (re-referral by family, school and police in one cohort): a three-level
random-effects model with a cluster-robust (CR2) test by study, so that effects of one study are not
counted as independent evidence."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as st

from ..i18n import Message
from ..results import Result
from ..stats._meta_multilevel import robust_interval, three_level


def three_level_result(df: pd.DataFrame, effect: str, y: np.ndarray, s: np.ndarray, study: np.ndarray, *,
                       t_test: bool, exp: bool, alpha: float, dropped: int) -> Result:
    """The ``meta_analysis(..., study=)`` result when a study contributes more than one effect."""
    fit = three_level(y, s**2, study)
    f = np.exp if exp else (lambda x: x)
    df_model = fit.k - 1
    crit = st.t.isf(alpha / 2, df_model) if t_test else st.norm.isf(alpha / 2)
    p_model = 2 * (st.t.sf(abs(fit.estimate / fit.se), df_model) if t_test else st.norm.sf(abs(fit.estimate / fit.se)))
    lo_r, hi_r, p_r = robust_interval(fit, alpha)
    total = fit.sigma2_study + fit.sigma2_effect
    pi = st.norm.isf(alpha / 2) * np.sqrt(fit.se**2 + total)
    rows = [
        {"measure": "pooled", "estimate": f(fit.estimate), "ci_low": f(fit.estimate - crit * fit.se),
         "ci_high": f(fit.estimate + crit * fit.se), "p_value": p_model, "se": fit.se,
         "df": float(df_model) if t_test else np.nan, "k": fit.k, "n_studies": fit.n_studies,
         "pi_low": f(fit.estimate - pi), "pi_high": f(fit.estimate + pi)},
        {"measure": "pooled_robust", "estimate": f(fit.estimate), "ci_low": f(lo_r), "ci_high": f(hi_r),
         "p_value": p_r, "se": fit.robust_se, "df": fit.robust_df, "k": fit.k, "n_studies": fit.n_studies,
         "pi_low": np.nan, "pi_high": np.nan},
    ]
    table = pd.DataFrame(rows)
    z = st.norm.isf(alpha / 2)
    studies = pd.DataFrame({"study": study.astype(str), "effect": f(y), "se": s, "ci_low": f(y - z * s),
                            "ci_high": f(y + z * s)})
    notes = [
        f"{fit.k} effects from {fit.n_studies} studies: three-level model (effects within studies, REML; "
        f"σ² between studies {fit.sigma2_study:.4g}, between effects within a study {fit.sigma2_effect:.4g}), "
        "as metafor rma.mv(random = ~ 1 | study/effect).",
        ("Model-based interval: t on k − 1 df (metafor test = \"t\")." if t_test else
         "Model-based interval: z (metafor's default)."),
        f"Robust interval (pooled_robust): CR2 by study with Satterthwaite df ({fit.robust_df:.1f}), as "
        "clubSandwich coef_test; it does not rely on the model's correlation structure.",
    ]
    if fit.n_studies < 10:
        notes.append(f"Only {fit.n_studies} studies: the robust interval rests on few clusters; its df "
                     f"({fit.robust_df:.1f}) say how little.")
    if dropped:
        notes.append(f"{dropped} row(s) without an effect or standard error left out.")
    if exp:
        notes.append("Effects pooled on the log scale and shown exponentiated (ratios).")
    return Result("meta", table, Message("title_meta_multilevel", {"effect": effect}),
                  tuple(notes), {"studies": studies},
                  {"method": "REML", "exp": exp, "alpha": alpha, "hksj": t_test, "percent_columns": (),
                   "sigma2_study": fit.sigma2_study, "sigma2_effect": fit.sigma2_effect, "multilevel": True})
