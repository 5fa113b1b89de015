"""Compare in an observational cohort, in the style of Sundell & Vinnerljung (2004).

FGC children and children from traditional investigations differ at baseline, so: check
balance, weight by the propensity score, follow re-referrals over three years with
Kaplan–Meier curves, the log-rank test and Cox models (crude, adjusted, weighted with robust
errors), rate ratios for repeated re-referrals, and E-values for unmeasured confounding.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message
from ..intake import MissingWeights, as_columns, canonical_order, effective_sizes, warn_effective_size, weights_argument
from ..intake import missing_weights as weights_kept
from ..results import Result, standard_errors
from ..stats._effects import wald
from ..stats._models import check_small_sample, logistic
from ._groups import Groups, design, is_categorical, levels_of, reference_note, two_groups
from ._imputation_pool import pools_imputations
from ._wording import joined, kish_sizes, measure_words

EFFECT_COLUMNS = ["measure", "level", "estimate", "ci_low", "ci_high", "p_value", "n_treated", "n_control"]


def _covariate_columns(data: pd.DataFrame, covariates: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    X, names = design(data, np.zeros(len(data)), list(covariates))
    return X[:, 2:], names[2:]


def _weighted_moments(x: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    m = float(np.average(x, weights=w))
    return m, float(np.average((x - m) ** 2, weights=w))


def balance(df: pd.DataFrame, group: str, covariates: Sequence[str],
            weights: str | pd.Series | np.ndarray | None = None, *, treated: object = None,
            missing_weights: MissingWeights = "error") -> Result:
    """Standardised mean differences of baseline covariates, before and (with ``weights``) after weighting.

    SMD = (mean FGC − mean comparison) / sqrt((var FGC + var comparison) / 2), with the unweighted
    variances in the denominator for both rows (so weighting moves only the numerator, as in
    R's ``cobalt``). Text covariates enter as one indicator per level. ``|SMD|`` < 0.1 is the usual
    threshold for balance.

    ``weights`` is a column name, a Series aligned by index or an array in row order (see
    :mod:`ekc_analysis.intake`); a missing weight is an error unless ``missing_weights="drop"``,
    which leaves those rows out of the weighted rows only and counts them in
    ``settings["weights_dropped"]``. A StatisticalWarning is raised when a group's effective sample
    size (Kish, in ``result.effective_size``) is below 50 % of its rows or below 30.
    """
    w_series = weights_argument(df, weights)
    frame = df if w_series is None else df.assign(_weight_=w_series.to_numpy())
    frame = canonical_order(frame, [group, *covariates, "_weight_"])
    g = two_groups(frame, group, treated, needed=list(covariates))
    X, names = _covariate_columns(g.data, covariates)
    w, has, dropped, ess = None, np.ones(len(g.arm), bool), 0, None
    if w_series is not None:
        has, dropped = weights_kept(g.data["_weight_"], missing_weights)
        w = g.data["_weight_"].to_numpy()
        ess = effective_sizes(w[has], g.arm[has], {1: g.treated, 0: g.control})
        warn_effective_size(ess, "balance(weights=)")
    rows = []
    t, c = g.arm == 1, g.arm == 0
    for j, name in enumerate(names):
        x = X[:, j]
        sd = np.sqrt((x[t].var(ddof=1) + x[c].var(ddof=1)) / 2)
        samples = [("unweighted", np.ones(len(x)), np.ones(len(x), bool))]
        if w is not None:
            samples.append(("weighted", w, has))
        for label, ww, keep in samples:
            m1 = np.average(x[t & keep], weights=ww[t & keep])
            m0 = np.average(x[c & keep], weights=ww[c & keep])
            rows.append({"covariate": name, "sample": label, "mean_treated": m1, "mean_control": m0,
                         "smd": (m1 - m0) / sd if sd > 0 else np.nan})
    table = pd.DataFrame(rows)
    worst = table.groupby("sample")["smd"].apply(lambda s: s.abs().max())
    notes = _balance_notes(g, worst, ess, dropped)
    if reference_note(g.data, covariates):
        notes.append(reference_note(g.data, covariates) or "")
    return Result("balance", table, Message("title_balance"), tuple(notes),
                  {} if ess is None else {"effective_size": ess},
                  settings={"percent_columns": (), "treated": g.treated, "weighted": w is not None,
                            "missing_weights": missing_weights, "weights_dropped": dropped})


def _balance_notes(g: Groups, worst: pd.Series, ess: pd.DataFrame | None, dropped: int) -> list[str]:
    """Group sizes, the largest |SMD| per sample, and the effective sizes of the weighted rows."""
    samples = {"unweighted": "note_sample_unweighted", "weighted": "note_sample_weighted"}
    largest = joined([Message("note_balance_sample", {"sample": Message(samples[k]) if k in samples else str(k),
                                                      "smd": float(v)}) for k, v in worst.items()])
    notes: list[str] = [Message("note_balance_sizes", {"n_treated": g.n_treated, "treated": str(g.treated),
                                                       "n_control": g.n_control, "control": str(g.control)}),
                        Message("note_balance_largest", {"worst": largest})]
    if ess is not None:
        notes.append(Message("note_balance_weighted", {
            "sizes": kish_sizes(ess),
            "dropped": Message("note_balance_dropped", {"n": dropped}) if dropped else ""}))
    return notes


def propensity_weights(df: pd.DataFrame, group: str, covariates: Sequence[str],
                       estimand: Literal["ATE", "ATT"] = "ATE", *, stabilized: bool = True,
                       trim: float | None = None, treated: object = None) -> pd.Series:
    """Inverse-probability weights from a logistic propensity model, aligned to ``df``.

    ATE: 1/ps for FGC, 1/(1 − ps) for comparison children; ATT: 1 for FGC, ps/(1 − ps) for
    comparison children. Stabilised (default): ATE weights times the share of each group, ATT
    comparison weights rescaled to sum to the comparison group's size. ``trim`` clips the
    propensity score to [trim, 1 − trim]. Rows with missing covariates get NaN.

    The Series' ``attrs`` hold ``propensity`` (scores), ``arm``, ``ess`` (effective sample size per
    group) and the settings; a :class:`StatisticalWarning` flags extreme weights.

    With three or more groups (held / offered, not held / care as usual) the propensity comes from a
    multinomial logit and the ATE weights are 1 / P(own group | x); ``attrs["balance"]`` gives the
    standardised differences for every pair of groups (:mod:`ekc_analysis.studies`).

    Children within families need no cluster here: the weights are point estimates per child. The
    clustering matters for the uncertainty of the weighted *outcome* model, so pass ``cluster=`` there
    (``ekc.survival(..., weights=w, cluster="family_id")``, ``ekc.rate_ratio(..., cluster=...)``);
    :func:`balance` describes the sample and needs none either.
    """
    if estimand not in ("ATE", "ATT"):
        raise ArgumentError(f"estimand={estimand!r}: choose 'ATE' or 'ATT'")
    if trim is not None and not 0 < trim < 0.5:
        raise ArgumentError(f"trim={trim!r}: give a propensity bound between 0 and 0.5, e.g. 0.01")
    if group in df and df[group].dropna().nunique() > 2:
        from ._propensity_multi import multinomial_weights

        return multinomial_weights(df, group, covariates, estimand, stabilized=stabilized, trim=trim, treated=treated)
    g = two_groups(df, group, treated, needed=list(covariates))
    X, names = design(g.data, np.zeros(len(g.data)), list(covariates))
    X = np.delete(X, 1, axis=1)
    names = [names[0], *names[2:]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        fit = logistic(X, g.arm.astype(float), names, firth_fallback=False)
    params = fit.params
    if fit.separated:
        params = _quasi_separated(g, covariates, X)
    ps = 1 / (1 + np.exp(-(X @ params)))
    if trim is not None:
        ps = np.clip(ps, trim, 1 - trim)
    t = g.arm == 1
    share = t.mean()
    if estimand == "ATE":
        w = np.where(t, 1 / ps, 1 / (1 - ps))
        if stabilized:
            w = w * np.where(t, share, 1 - share)
    else:
        w = np.where(t, 1.0, ps / (1 - ps))
        if stabilized:
            w[~t] *= (~t).sum() / w[~t].sum()
    ess = {str(g.treated): float(w[t].sum() ** 2 / (w[t] ** 2).sum()),
           str(g.control): float(w[~t].sum() ** 2 / (w[~t] ** 2).sum())}
    out = pd.Series(np.nan, index=df.index, name=f"weight_{estimand.lower()}")
    out.loc[g.data.index] = w
    out.attrs.update({"propensity": pd.Series(ps, index=g.data.index), "arm": pd.Series(g.arm, index=g.data.index),
                      "ess": ess, "estimand": estimand, "stabilized": stabilized, "trim": trim,
                      "treated": g.treated, "control": g.control,
                      "coefficients": dict(zip(names, params, strict=True))})
    n = {str(g.treated): int(t.sum()), str(g.control): int((~t).sum())}
    low = [k for k in ess if ess[k] < 0.5 * n[k]]
    if w.max() > 10 * w.mean() or low:
        sizes = joined([Message("warn_ess_group", {"group": k, "ess": v, "n": n[k]}) for k, v in ess.items()])
        warnings.warn(Message("warn_extreme_weights", {"largest": float(w.max()), "mean": float(w.mean()),
                                                       "sizes": sizes}), StatisticalWarning, stacklevel=2)
    return out


def _quasi_separated(g: Groups, covariates: Sequence[str], X: np.ndarray) -> np.ndarray:
    """Coefficients when a text covariate has levels found in one group only (quasi-separation).

    Each such level is named with its count and a warning says what to do; the propensity of its
    rows goes to 0 or 1 and the other coefficients are the maximum-likelihood ones. When no level
    explains the separation (a numeric covariate splits the groups) there is no overlap at all.
    """
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    pure = []
    for c in covariates:
        s = g.data[c]
        if not is_categorical(s):
            continue
        text = s.astype(str).to_numpy()
        for level in levels_of(s):
            inside = text == level
            arms = set(g.arm[inside].tolist())
            if len(arms) == 1:
                who = g.treated if arms == {1} else g.control
                n = int(inside.sum())
                pure.append(Message("warn_quasi_level_one" if n == 1 else "warn_quasi_level",
                                    {"column": str(c), "level": repr(level), "n": n, "group": str(who)}))
    if not pure:
        raise ArgumentError(f"the covariates {', '.join(covariates)} separate the two groups completely: there is "
                            "no overlap, so no weighting can make them comparable; drop or coarsen the covariate "
                            "that separates them, or restrict the cohort to where both groups occur")
    warnings.warn(Message("warn_quasi_separation", {"levels": joined(pure, "warn_parts")}), StatisticalWarning,
                  stacklevel=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the divergence of the separated terms is what was just reported
        res = GLM(g.arm.astype(float), X, family=families.Binomial()).fit(maxiter=50)
    return np.asarray(res.params)


@pools_imputations
def rate_ratio(df: pd.DataFrame, count: str, exposure: str, group: str, treated: object = None,
               covariates: Sequence[str] = (), *, cluster: str | pd.Series | np.ndarray | None = None,
               alpha: float = 0.05, small_sample: str = "satterthwaite") -> Result:
    """Re-referral rates per person-year: Poisson and negative-binomial rate ratios (log exposure offset).

    The negative-binomial model estimates its dispersion by maximum likelihood and reports
    coefficient errors given that dispersion, as R's ``MASS::glm.nb``. With ``cluster`` (e.g.
    ``"family_id"``: siblings share a family) both rate ratios get CR2 cluster-robust errors with t on
    Satterthwaite df (= ``clubSandwich::coef_test(fit, vcov = "CR2", cluster = ..., test =
    "Satterthwaite")``) or, with ``small_sample="naive"``, on G − 1 df (``test = "naive-t"``); the ``df``
    column gives the df used, and fewer than 30 clusters raise a StatisticalWarning. ``cluster`` is a
    column name, a Series aligned by index or an array in row order; the result does not depend on the
    order of the rows.
    """
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    df, named = as_columns(df, {"cluster": cluster})
    cluster = named["cluster"]
    df = canonical_order(df, [group, count, exposure, *covariates, *([cluster] if cluster else [])])
    g = two_groups(df, group, treated, needed=[count, exposure, *covariates, *([cluster] if cluster else [])])
    y = pd.to_numeric(g.data[count]).to_numpy(float)
    t = pd.to_numeric(g.data[exposure]).to_numpy(float)
    if (t <= 0).any():
        raise ArgumentError(f"exposure={exposure!r} must be positive; {(t <= 0).sum()} row(s) are not")
    if (y < 0).any() or (y % 1 != 0).any():
        raise ArgumentError(f"count={count!r} must hold non-negative whole numbers")
    X, names = design(g.data, g.arm, list(covariates))
    offset = np.log(t)
    rows = []
    pois = GLM(y, X, family=families.Poisson(), offset=offset).fit(tol=1e-10)
    nb, theta = _negative_binomial(y, X, offset)
    nb_alpha = 1 / theta
    labels = g.data[cluster].astype(str).to_numpy() if cluster else None
    satterthwaite = check_small_sample(small_sample)
    n_clusters = 0
    for measure, res in (("poisson_rate_ratio", pois), ("negative_binomial_rate_ratio", nb)):
        if labels is None:
            e = wald(float(res.params[1]), float(res.bse[1]), alpha, exp=True)
        else:
            from ..stats._sandwich import Satterthwaite, cr2

            mu = np.asarray(res.mu)
            variance = mu if measure == "poisson_rate_ratio" else mu + mu**2 / theta
            cov, n_clusters = cr2(X, y - mu, labels, mu, variance)
            dof = (Satterthwaite(X, labels, mu, variance).df(np.eye(X.shape[1])[1]) if satterthwaite
                   else n_clusters - 1)
            e = wald(float(res.params[1]), float(np.sqrt(cov[1, 1])), alpha, exp=True, df=dof)
        rows.append({"measure": measure, "level": None, "estimate": e.estimate, "ci_low": e.ci_low,
                     "ci_high": e.ci_high, "p_value": e.p_value, "n_treated": g.n_treated, "n_control": g.n_control,
                     "df": e.df, "se": e.se, "reference_df": e.df})
    rates = pd.DataFrame({"group": [g.treated, g.control],
                          "events": [y[g.arm == 1].sum(), y[g.arm == 0].sum()],
                          "person_years": [t[g.arm == 1].sum(), t[g.arm == 0].sum()]})
    rates["rate"] = rates["events"] / rates["person_years"]
    dispersion = float(pois.pearson_chi2 / pois.df_resid)
    adjusted = Message("note_rate_adjusted", {"covariates": ", ".join(covariates)}) if covariates else ""
    notes: tuple[str, ...] = (Message("note_rate_offset", {"offset": exposure, "adjusted": adjusted}),
                              Message("note_rate_dispersion", {"dispersion": dispersion, "theta": 1 / nb_alpha}))
    if cluster:
        df_words = (Message("note_rate_df_satterthwaite") if satterthwaite
                    else Message("note_rate_df_naive", {"df": n_clusters - 1}))
        notes += (Message("note_rate_cluster", {"cluster": cluster, "n_clusters": n_clusters, "df": df_words}),)
    if cluster and n_clusters < 30:
        warnings.warn(Message("warn_rate_few_clusters", {"n_clusters": n_clusters, "cluster": str(cluster)}),
                      StatisticalWarning, stacklevel=2)
    return Result("rate_ratio", pd.DataFrame(rows, columns=[*EFFECT_COLUMNS, "df"]),
                  Message("title_rate_ratio", {"count": count, "exposure": exposure}),
                  notes, {"rates": rates, "standard_errors": standard_errors(rows)},
                  {"percent_columns": (), "theta": 1 / nb_alpha})


def _negative_binomial(y: np.ndarray, X: np.ndarray, offset: np.ndarray) -> tuple[Any, float]:
    """NB2 regression with theta by maximum likelihood, alternating as ``MASS::glm.nb`` does."""
    from scipy import optimize, special
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    def theta_ml(mu: np.ndarray) -> float:
        def nll(log_theta: float) -> float:
            th = np.exp(log_theta)
            return -float(np.sum(special.gammaln(th + y) - special.gammaln(th) - special.gammaln(y + 1)
                                 + th * np.log(th / (th + mu)) + y * np.log(mu / (th + mu))))
        return float(np.exp(optimize.minimize_scalar(nll, bounds=(-10, 20), method="bounded",
                                                     options={"xatol": 1e-10}).x))

    fit = GLM(y, X, family=families.Poisson(), offset=offset).fit(tol=1e-10)
    theta = theta_ml(fit.mu)
    for _ in range(50):
        fit = GLM(y, X, family=families.NegativeBinomial(alpha=1 / theta), offset=offset).fit(tol=1e-10)
        new = theta_ml(fit.mu)
        if abs(np.log(new / theta)) < 1e-9:
            theta = new
            break
        theta = new
    fit = GLM(y, X, family=families.NegativeBinomial(alpha=1 / theta), offset=offset).fit(tol=1e-10)
    return fit, theta


def e_value(estimate: float, ci_low: float | None = None, ci_high: float | None = None, *,
            measure: Literal["risk_ratio", "rate_ratio", "hazard_ratio", "odds_ratio", "smd",
                             "mean_difference"] = "risk_ratio",
            rare: bool | None = None, prevalence: float | None = None, sd: float | None = None) -> Result:
    """E-value (VanderWeele & Ding 2017): how strong an unmeasured confounder would have to be.

    Ratios are first put on the risk-ratio scale. A hazard or odds ratio of a rare outcome (below
    15 % by the end of follow-up) approximates a risk ratio; of a common one it does not, and is
    converted: HR → (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)), OR → √OR (VanderWeele 2017). Say which with
    ``prevalence`` (the share with the outcome, e.g. re-referred within three years) or ``rare``;
    without either, a hazard or odds ratio is treated as common — the conservative choice (a smaller
    E-value) — with a warning. A rate ratio is taken as a risk ratio. A standardised mean difference
    ``d`` (``measure="smd"``, e.g. Hedges' g; or ``"mean_difference"`` with the outcome's ``sd``) is
    put on the risk-ratio scale as ``exp(0.91·d)``, its interval as ``exp(0.91·d ± 1.78·SE)`` with the
    SE read from the interval (VanderWeele & Ding 2017; = EValue::evalues.MD). The E-value of the
    interval uses the limit closest to 1 (1 if it crosses 1).

    Examples
    --------
    >>> round(float(e_value(3.9, 1.8, 8.7).to_frame()["estimate"].iloc[0]), 2)
    7.26
    """
    if measure in ("smd", "mean_difference"):
        return _e_value_difference(estimate, ci_low, ci_high, measure, sd)
    rare = _is_rare(estimate, ci_low, ci_high, measure, rare, prevalence)
    rr = _risk_ratio_scale(estimate, measure, rare)
    limit = np.nan
    if ci_low is not None and ci_high is not None:
        lo, hi = _risk_ratio_scale(ci_low, measure, rare), _risk_ratio_scale(ci_high, measure, rare)
        limit = 1.0 if lo <= 1 <= hi else _e_value_rr(lo if rr > 1 else hi)
    table = pd.DataFrame([{"measure": "e_value", "estimate": _e_value_rr(rr), "ci_limit": limit,
                           "risk_ratio_scale": rr}])
    notes: list[str] = [Message("note_e_value")]
    if measure in ("hazard_ratio", "odds_ratio"):
        shown = Message("note_e_value_prevalence", {"prevalence": prevalence}) if prevalence is not None else ""
        notes.append(Message("note_e_value_rare" if rare else "note_e_value_common",
                             {"what": measure_words(measure), "prevalence": shown}))
    return Result("e_value", table, Message("title_e_value", {"measure": measure, "estimate": estimate}), tuple(notes),
                  settings={"percent_columns": ()})


def _is_rare(estimate: float, ci_low: float | None, ci_high: float | None, measure: str, rare: bool | None,
             prevalence: float | None) -> bool | None:
    """Whether the outcome is rare (below 15 %), from ``prevalence`` or ``rare``, after the checks of a ratio;
    a hazard or odds ratio without either is taken as common, with a warning."""
    if estimate <= 0 or (ci_low is not None and ci_low <= 0) or (ci_high is not None and ci_high <= 0):
        raise ArgumentError("e_value takes ratios (> 0), not differences or log ratios; for a mean difference "
                            "pass measure='smd' (standardised) or measure='mean_difference' with sd=")
    if prevalence is not None:
        if not 0 <= prevalence <= 1:
            raise ArgumentError(f"prevalence={prevalence!r}: give the share with the outcome, between 0 and 1")
        if rare is not None and rare != (prevalence < 0.15):
            raise ArgumentError(f"rare={rare} contradicts prevalence={prevalence:g} (rare means below 0.15); "
                                "give one of them")
        rare = prevalence < 0.15
    if measure in ("hazard_ratio", "odds_ratio") and rare is None:
        warnings.warn(Message("warn_e_value_rare", {"what": measure_words(measure)}), StatisticalWarning,
                      stacklevel=3)
        rare = False
    return rare


def _risk_ratio_scale(x: float, measure: str, rare: bool | None) -> float:
    """A ratio on the risk-ratio scale: a hazard or odds ratio of a common outcome converted (VanderWeele 2017)."""
    if measure == "hazard_ratio" and not rare:
        return float((1 - 0.5 ** np.sqrt(x)) / (1 - 0.5 ** np.sqrt(1 / x)))
    if measure == "odds_ratio" and not rare:
        return float(np.sqrt(x))
    return float(x)


def _e_value_rr(rr: float) -> float:
    rr = rr if rr >= 1 else 1 / rr
    return float(rr + np.sqrt(rr * (rr - 1)))


def _e_value_difference(estimate: float, ci_low: float | None, ci_high: float | None, measure: str,
                        sd: float | None) -> Result:
    """E-value of a (standardised) mean difference via RR ≈ exp(0.91 d) (VanderWeele & Ding 2017)."""
    if measure == "mean_difference":
        if sd is None or not sd > 0:
            raise ArgumentError("measure='mean_difference' needs sd= (the outcome's standard deviation) to "
                                "standardise it; or pass the standardised difference with measure='smd'")
        estimate = estimate / sd
        ci_low = None if ci_low is None else ci_low / sd
        ci_high = None if ci_high is None else ci_high / sd
    d = float(estimate)
    rr = float(np.exp(0.91 * d))
    limit = np.nan
    if ci_low is not None and ci_high is not None:
        se = (ci_high - ci_low) / (2 * 1.959963984540054)
        lo, hi = np.exp(0.91 * d - 1.78 * se), np.exp(0.91 * d + 1.78 * se)
        limit = 1.0 if lo <= 1 <= hi else _e_value_rr(lo if rr > 1 else hi)
    table = pd.DataFrame([{"measure": "e_value", "estimate": _e_value_rr(rr), "ci_limit": limit,
                           "risk_ratio_scale": rr}])
    notes = (Message("note_e_value"), Message("note_e_value_smd", {"d": d}))
    return Result("e_value", table, Message("title_e_value_smd", {"estimate": d}), notes,
                  settings={"percent_columns": ()})
