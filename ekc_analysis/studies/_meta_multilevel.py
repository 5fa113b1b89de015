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
        Message("note_meta_three_level", {"k": fit.k, "n_studies": fit.n_studies, "sigma2_study": fit.sigma2_study,
                                          "sigma2_effect": fit.sigma2_effect}),
        Message("note_meta_three_level_t" if t_test else "note_meta_three_level_z"),
        Message("note_meta_three_level_robust", {"df": fit.robust_df}),
    ]
    if fit.n_studies < 10:
        notes.append(Message("note_meta_three_level_few", {"n_studies": fit.n_studies, "df": fit.robust_df}))
    if dropped:
        notes.append(Message("note_meta_left_out", {"n": dropped}))
    if exp:
        notes.append(Message("note_meta_exp"))
    return Result("meta", table, Message("title_meta_multilevel", {"effect": effect}),
                  tuple(notes), {"studies": studies},
                  {"method": "REML", "exp": exp, "alpha": alpha, "hksj": t_test, "percent_columns": (),
                   "sigma2_study": fit.sigma2_study, "sigma2_effect": fit.sigma2_effect, "multilevel": True})
