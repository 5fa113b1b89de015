"""Time to an event in a cohort or trial: Kaplan–Meier, log-rank, Cox hazard ratios, RMST.

Sundell & Vinnerljung (2004) followed children three years for re-referral; :func:`survival`
compares such follow-up between FGC and comparison children, with the designs real registries
have: children clustered in families (``cluster``), follow-up that starts after the origin of the
time scale (``entry``, left truncation), strata with their own baseline hazard (``strata``),
propensity weights, and the restricted mean survival time when hazards are not proportional.
Every number is that of R's ``survival`` package (``coxph``, ``survfit``, ``survdiff``, ``cox.zph``).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message
from ..intake import MissingWeights, as_columns, canonical_order, effective_sizes, warn_effective_size, weights_argument
from ..intake import missing_weights as weights_kept
from ..results import Result, standard_errors
from ..stats._cox import fit_cox, hazard_ratio, ph_test
from ..stats._effects import Estimate, wald
from ..stats._survival import kaplan_meier, logrank, restricted_mean, survival_at
from ._groups import Groups, binary_values, check_columns, design, reference_note, two_groups
from ._imputation_pool import pools_imputations
from ._wording import kish_sizes

EFFECT_COLUMNS = ["measure", "level", "estimate", "ci_low", "ci_high", "p_value", "n_treated", "n_control", "statistic",
                  "df"]
MIN_EVENTS_PER_PARAMETER = 10
MIN_CLUSTERS = 30


def _covariate_columns(data: pd.DataFrame, covariates: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    X, names = design(data, np.zeros(len(data)), list(covariates))
    return X[:, 2:], names[2:]


def _warn(message: Message, depth: int = 0) -> None:
    """A StatisticalWarning at the user's call of :func:`survival`, from a helper ``depth`` calls below it."""
    warnings.warn(message, StatisticalWarning, stacklevel=3 + depth)


@pools_imputations
def survival(df: pd.DataFrame, time: str, event: str, group: str, treated: object = None,
             covariates: Sequence[str] = (), weights: str | pd.Series | np.ndarray | None = None, *,
             cluster: str | pd.Series | np.ndarray | None = None, entry: str | pd.Series | np.ndarray | None = None,
             strata: str | pd.Series | np.ndarray | None = None, tau: float | None = None,
             times: Sequence[float] = (1, 2, 3), alpha: float = 0.05,
             missing_weights: MissingWeights = "error") -> Result:
    """Time to an event, FGC versus comparison: Kaplan–Meier, log-rank, Cox (Efron ties) and RMST.

    Parameters
    ----------
    df : DataFrame
        One row per child (or family).
    time, event : str
        Follow-up time and whether it ended in the event (0/1).
    group, treated : str, object
        The two groups and which one is FGC (see :func:`ekc_analysis.studies._groups.two_groups`).
    covariates : sequence of str
        Baseline covariates of the adjusted Cox model (text columns become indicators).
    weights : str, Series or array, optional
        Case weights, e.g. :func:`ekc_analysis.propensity_weights`: a weighted Cox model with robust
        errors, and weighted Kaplan–Meier curves and RMST with R's robust (infinitesimal-jackknife)
        variance. A column name, a Series aligned by index (so a sorted or shuffled frame keeps each
        row's weight) or an array in row order (see :mod:`ekc_analysis.intake`). Weights must be
        non-negative and finite; the results do not change when all weights are multiplied by a
        constant. A StatisticalWarning is raised when a group's effective sample size (Kish) is
        below 50 % of its rows or below 30.
    missing_weights : {"error", "drop"}
        A missing weight among the analysed rows is an error by default; ``"drop"`` leaves those rows
        out of the weighted estimates only, and ``settings["weights_dropped"]`` counts them.
    cluster : str, Series or array, optional
        The cluster (e.g. ``family_id``): every Cox model gets the cluster sandwich
        variance (R's ``cluster()``), curves and RMST the clustered infinitesimal jackknife.
    entry : str, Series or array, optional
        Time at which follow-up starts (left truncation): risk sets of ``Surv(entry, time, event)``.
    strata : str, Series or array, optional
        Cox models and the log-rank test stratified (``strata()``); the curves are per group.
    tau : float, optional
        Horizon of the restricted mean survival time. With it, ``.rmst`` holds the RMST per group and
        the table a row ``rmst_difference`` (FGC − comparison, SEs combined as independent groups).
    times : sequence of float
        Times at which ``.event_probability`` reads the curves.

    Returns
    -------
    Result
        Rows (``measure``): ``hazard_ratio`` (crude Cox), ``adjusted_hazard_ratio`` (with
        ``covariates``), ``weighted_hazard_ratio`` (with ``weights``; robust SE), ``logrank`` (a test:
        its chi-square in ``statistic`` on ``df`` = 1, ``estimate`` and the interval NaN),
        ``rmst_difference`` (with ``tau``); each FGC versus comparison, with the numbers analysed in
        ``n_treated``/``n_control``. Columns ``measure, level, estimate, ci_low, ci_high, p_value,
        n_treated, n_control, statistic, df``; ratios and their intervals are on the ratio scale.
        Crude estimates use every row complete in time, event, group (and entry, strata, cluster);
        adjusted ones the rows also complete in the covariates. Extra tables: ``km`` (``group, time,
        survival, ci_low, ci_high, at_risk`` (weighted when weights are given, with the weights scaled to
        mean 1, so it does not depend on their scale), ``n_at_risk``
        (children, unweighted), ``events, censored``), ``rmst`` (``group, tau, rmst, se, ci_low,
        ci_high``), ``event_probability``
        (1 − Kaplan–Meier at ``times``, with the number at risk at each time), ``ph_test`` (R's
        ``cox.zph``), ``model`` (coefficients of the adjusted, else the crude model). ``incidence`` is
        ``event_probability`` under its old name and column, kept for compatibility: 1 − KM is the
        cumulative incidence only when no competing event ends follow-up (else see
        ``ekc.competing_risks``).

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> cohort = ekc.simulate_cohort(400, seed=1)
    >>> res = ekc.survival(cohort, "time", "event", "group", tau=3)
    >>> res.to_frame()["measure"].tolist()
    ['hazard_ratio', 'logrank', 'rmst_difference']
    """
    d = _prepared(df, time, event, group, treated, covariates, weights, cluster=cluster, entry=entry,
                  strata=strata, tau=tau, missing_weights=missing_weights)
    fits = _fits(d, covariates, alpha)
    km, prob, rmst, rmst_rows = _curves(d, times, tau, alpha)
    rows = [*fits.rows, *rmst_rows]
    ph, ph_notes = _ph_check(d, fits, covariates)
    n_clusters = _cluster_count(d)
    notes = _notes(d.g, d.data, fits.model_data, covariates, d.w_all, d.wdata, event, fits.observed, fits.expected,
                   {"entry": d.entry, "strata": d.strata, "cluster": d.cluster}, n_clusters)
    if d.w_all is not None:
        notes.insert(1, _weighted_note(d.ess, d.dropped, tau is not None))
    notes += ph_notes
    if tau is not None:
        notes.append(Message("note_survival_rmst", {"tau": tau}))
    notes.append(Message("note_survival_event_probability"))
    extras = {"km": km, "event_probability": prob, "incidence": prob.rename(columns={"event_probability": "incidence"}),
              "ph_test": ph, "standard_errors": standard_errors(rows),
              "model": fits.model if fits.model is not None else pd.DataFrame(columns=["term", "coef", "se"])}
    if tau is not None:
        extras["rmst"] = rmst
    if d.ess is not None:
        extras["effective_size"] = d.ess
    return Result("survival", pd.DataFrame(rows, columns=EFFECT_COLUMNS), Message("title_survival", {"event": event}),
                  tuple(notes), extras,
                  {"treated": d.g.treated, "control": d.g.control, "times": tuple(times), "alpha": alpha, "tau": tau,
                   "cluster": d.cluster, "entry": d.entry, "strata": d.strata, "percent_columns": (),
                   "weighted": d.w_all is not None, "missing_weights": missing_weights, "weights_dropped": d.dropped})


@dataclass(frozen=True)
class _Prepared:
    """The analysed rows (``arm`` 1 = FGC) and the design columns, after the argument checks."""

    data: pd.DataFrame
    g: Groups
    time: str
    event: str
    entry: str | None
    strata: str | None
    cluster: str | None
    w_all: pd.Series | None  # weights of the rows that have one, scaled to mean 1
    has: pd.Series | None  # which rows have a weight
    dropped: int
    ess: pd.DataFrame | None

    @property
    def extra(self) -> list[str]:
        return [c for c in (self.entry, self.strata, self.cluster) if c is not None]

    @property
    def names(self) -> dict[int, object]:
        return {1: self.g.treated, 0: self.g.control}

    @property
    def wdata(self) -> pd.DataFrame:
        return self.data if self.w_all is None else self.data[self.has]

    @property
    def w(self) -> np.ndarray | None:
        return None if self.w_all is None else self.w_all.to_numpy()


def _prepared(df: pd.DataFrame, time: str, event: str, group: str, treated: object, covariates: Sequence[str],
              weights: str | pd.Series | np.ndarray | None, *, cluster: str | pd.Series | np.ndarray | None,
              entry: str | pd.Series | np.ndarray | None, strata: str | pd.Series | np.ndarray | None,
              tau: float | None, missing_weights: MissingWeights) -> _Prepared:
    """Check the arguments and build the analysed rows; warns when the weights' effective size is small."""
    w_series = weights_argument(df, weights)
    df, named = as_columns(df, {"entry": entry, "strata": strata, "cluster": cluster})
    entry_c, strata_c, cluster_c = named["entry"], named["strata"], named["cluster"]
    extra = [c for c in (entry_c, strata_c, cluster_c) if c is not None]
    check_columns(df, [time, event, *covariates, *extra])
    g = two_groups(df, group, treated, needed=[time, event, *extra])
    data = g.data.assign(arm=g.arm)
    if w_series is not None:
        data = data.assign(_weight_=w_series.loc[data.index].to_numpy())
    data = canonical_order(data, [time, event, "arm", *extra, *covariates, "_weight_"])
    data[event] = binary_values(data[event], event)
    t_all = pd.to_numeric(data[time])
    if (t_all < 0).any():
        raise ArgumentError(f"time={time!r} has negative values; follow-up time starts at 0")
    if entry_c is not None and (pd.to_numeric(data[entry_c]) >= t_all).any():
        bad = int((pd.to_numeric(data[entry_c]) >= t_all).sum())
        raise ArgumentError(f"entry={entry_c!r} must be before {time!r}; {bad} row(s) enter at or after their end")
    w_all, has, dropped, ess = None, None, 0, None
    if w_series is not None:
        has, dropped = weights_kept(data["_weight_"], missing_weights)
        w_all = data["_weight_"][has]
        w_all = w_all / w_all.mean() if w_all.mean() > 0 else w_all  # the estimates are scale-free: mean 1
        ess = effective_sizes(w_all.to_numpy(), data["arm"].to_numpy()[has], {1: g.treated, 0: g.control})
        warn_effective_size(ess, "survival(weights=)", stacklevel=4)
    if tau is not None and not tau > 0:
        raise ArgumentError(f"tau={tau!r}: give the RMST horizon as a positive time, e.g. tau=3")
    return _Prepared(data, g, time, event, entry_c, strata_c, cluster_c, w_all, has, dropped, ess)


def _row(measure: str, e: Estimate, sub: pd.DataFrame, statistic: float = np.nan,
         df: float = np.nan) -> dict[str, object]:
    a = sub["arm"].to_numpy()
    return {"measure": measure, "level": None, "estimate": e.estimate, "ci_low": e.ci_low,
            "ci_high": e.ci_high, "p_value": e.p_value, "n_treated": int(a.sum()),
            "n_control": int(len(a) - a.sum()), "statistic": statistic, "df": df, "se": e.se,
            "reference_df": e.df}


@dataclass(frozen=True)
class _Fits:
    """The hazard-ratio and log-rank rows, and the model whose coefficients and PH test are reported."""

    rows: list[dict[str, object]]
    model: pd.DataFrame | None
    model_data: pd.DataFrame
    columns: list[str]
    cov_rows: pd.DataFrame
    observed: float
    expected: float


def _cox(d: _Prepared, sub: pd.DataFrame, columns: list[str], alpha: float,
         w: np.ndarray | None = None) -> pd.DataFrame:
    _, table = fit_cox(sub, d.time, d.event, columns, weights=w, alpha=alpha, entry=d.entry, strata=d.strata,
                       cluster=d.cluster)
    return table


_NAN = Estimate(np.nan, np.nan, np.nan, np.nan)


def _fits(d: _Prepared, covariates: Sequence[str], alpha: float) -> _Fits:
    """Crude, adjusted and weighted Cox models and the log-rank test, with their caveats as warnings."""
    data, event, arm = d.data, d.event, d.data["arm"].to_numpy()
    events = {a: int(data.loc[arm == a, event].sum()) for a in (1, 0)}
    empty = [a for a in (1, 0) if events[a] == 0]
    if empty:
        _warn(Message("warn_survival_no_events", {"group": str(d.names[empty[0]])}), depth=1)
    crude = _cox(d, data, ["arm"], alpha) if not empty else None
    rows = [_row("hazard_ratio", hazard_ratio(crude, alpha=alpha) if crude is not None else _NAN, data)]
    model, model_data, columns, cov_rows = crude, data, ["arm"], data
    if covariates:
        model, model_data, columns, cov_rows = _adjusted(d, covariates, alpha, bool(empty))
        rows.append(_row("adjusted_hazard_ratio", hazard_ratio(model, alpha=alpha) if model is not None else _NAN,
                         cov_rows))
    elif 0 < events[1] + events[0] < MIN_EVENTS_PER_PARAMETER:
        _warn(Message("warn_survival_few_events", {"n": events[1] + events[0]}), depth=1)
    if d.w_all is not None:
        wt = _cox(d, d.wdata, ["arm"], alpha, d.w) if not empty else None
        rows.append(_row("weighted_hazard_ratio", hazard_ratio(wt, alpha=alpha) if wt is not None else _NAN,
                         d.wdata))
    chi2, p, observed, expected = logrank(data[d.time].to_numpy(float), data[event].to_numpy(float), arm,
                                          entry=None if d.entry is None else data[d.entry].to_numpy(float),
                                          strata=None if d.strata is None else data[d.strata].to_numpy())
    rows.append(_row("logrank", Estimate(np.nan, np.nan, np.nan, p), data, statistic=chi2, df=1))  # a test
    return _Fits(rows, model, model_data, columns, cov_rows, observed, expected)


def _adjusted(d: _Prepared, covariates: Sequence[str], alpha: float,
              empty: bool) -> tuple[pd.DataFrame | None, pd.DataFrame, list[str], pd.DataFrame]:
    """The adjusted Cox model on the complete cases: (table or None, model rows, columns, complete rows)."""
    data, event = d.data, d.event
    complete = data[list(covariates)].notna().all(axis=1)
    adj = data[complete]
    X, cov_names = _covariate_columns(adj, covariates)
    base = adj[list(dict.fromkeys([d.time, event, "arm", *d.extra]))]
    model_data = pd.concat([base, pd.DataFrame(X, columns=cov_names, index=adj.index)], axis=1)
    columns = ["arm", *cov_names]
    if (~complete).any():
        _warn(Message("warn_survival_missing_covariates", {"n": int((~complete).sum())}), depth=2)
    adj_events = int(adj[event].sum())
    if adj_events < MIN_EVENTS_PER_PARAMETER * len(columns):
        _warn(Message("warn_survival_events_per_parameter", {"events": adj_events, "parameters": len(columns),
                                                             "per": MIN_EVENTS_PER_PARAMETER}), depth=2)
    adj_empty = not empty and adj[event].groupby(adj["arm"]).sum().reindex([0, 1], fill_value=0).min() == 0
    if adj_empty:
        _warn(Message("warn_survival_adjusted_no_events"), depth=2)
    model = _cox(d, model_data, columns, alpha) if not empty and not adj_empty else None
    return model, model_data, columns, adj


def _curves(d: _Prepared, times: Sequence[float], tau: float | None,
            alpha: float) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, list[dict[str, object]]]:
    """Kaplan–Meier curves, event probabilities at ``times`` and the RMST per group (with its difference row)."""
    wdata, w = d.wdata, d.w
    curves, probabilities, rmst = [], [], []
    areas: dict[int, tuple[float, float]] = {}
    for a in (1, 0):
        sub = wdata[wdata["arm"] == a]
        ww = None if w is None else w[wdata["arm"].to_numpy() == a]
        args = {"entry": None if d.entry is None else sub[d.entry].to_numpy(float),
                "cluster": None if d.cluster is None else sub[d.cluster].to_numpy()}
        st, se = sub[d.time].to_numpy(float), sub[d.event].to_numpy(float)
        curve = kaplan_meier(st, se, ww, alpha, **args)
        curves.append(curve.assign(group=d.names[a], n_at_risk=_children_at_risk(d, sub, curve)))
        probabilities += [_probability(curve, t, d.names[a]) for t in times]
        if tau is not None:
            if tau > st.max():
                _warn(Message("warn_survival_tau_beyond", {"tau": float(tau), "group": str(d.names[a]),
                                                           "last": float(st.max())}), depth=1)
            area, area_se = restricted_mean(st, se, tau, ww, **args)
            areas[a] = (area, area_se)
            ci = wald(area, area_se, alpha)
            rmst.append({"group": d.names[a], "tau": tau, "rmst": area, "se": area_se,
                         "ci_low": ci.ci_low, "ci_high": ci.ci_high})
    rows = []
    if tau is not None:
        (a1, se1), (a0, se0) = areas[1], areas[0]
        rows.append(_row("rmst_difference", wald(a1 - a0, float(np.hypot(se1, se0)), alpha), wdata))
    km = pd.concat(curves, ignore_index=True)[["group", "time", "survival", "ci_low", "ci_high", "at_risk",
                                               "events", "censored", "n_at_risk"]]
    return km, pd.DataFrame(probabilities), pd.DataFrame(rmst), rows


def _children_at_risk(d: _Prepared, sub: pd.DataFrame, curve: pd.DataFrame) -> np.ndarray:
    """Children at risk at each curve time (unweighted counts, for the figure's table when curves are weighted)."""
    ordered = np.sort(sub[d.time].to_numpy(float))
    at = curve["time"].to_numpy(float)
    n_at_risk = len(ordered) - np.searchsorted(ordered, at, side="left")
    if d.entry is not None:
        starts = np.sort(sub[d.entry].to_numpy(float))
        n_at_risk = n_at_risk - (len(starts) - np.searchsorted(starts, at, side="left"))
    return n_at_risk


def _probability(curve: pd.DataFrame, t: float, group: object) -> dict[str, object]:
    at = survival_at(curve, t)
    return {"group": group, "time": t, "event_probability": 1 - at["survival"],
            "ci_low": 1 - at["ci_high"], "ci_high": 1 - at["ci_low"], "at_risk": at["at_risk"]}


def _ph_check(d: _Prepared, fits: _Fits, covariates: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """R's cox.zph on the reported model, and the note (and warning) when proportional hazards look doubtful."""
    ph = pd.DataFrame(columns=["term", "statistic", "df", "p_value"])
    if fits.model is None:
        return ph, []
    md, columns = fits.model_data, fits.columns
    terms = {"arm": [0]}
    for c in covariates:  # a factor's dummies form one term
        dummies = design(fits.cov_rows, np.zeros(len(fits.cov_rows)), [c])[1][2:]
        terms[c] = [columns.index(name) for name in dummies]
    ph = ph_test(md[d.time].to_numpy(float), md[d.event].to_numpy(float), md[columns].to_numpy(float),
                 fits.model.set_index("term").loc[columns, "coef"].to_numpy(float), terms,
                 entry=None if d.entry is None else md[d.entry].to_numpy(float),
                 strata=None if d.strata is None else md[d.strata].to_numpy())
    doubtful = ph[(ph["p_value"] < 0.05) & (ph["term"] != "GLOBAL")]
    if not len(doubtful):
        return ph, []
    text = ", ".join(doubtful["term"])
    _warn(Message("warn_survival_ph", {"terms": text}), depth=1)
    return ph, [Message("note_survival_ph", {"terms": text})]


def _cluster_count(d: _Prepared) -> int | None:
    """The number of clusters; warns when there are too few for cluster-robust errors."""
    if d.cluster is None:
        return None
    n_clusters = int(d.data[d.cluster].nunique())
    if n_clusters < MIN_CLUSTERS:
        _warn(Message("warn_survival_few_clusters", {"n_clusters": n_clusters, "cluster": repr(d.cluster),
                                                     "minimum": MIN_CLUSTERS}), depth=1)
    return n_clusters


def _notes(g: Groups, data: pd.DataFrame, model_data: pd.DataFrame, covariates: Sequence[str],
           w_all: pd.Series | None, wdata: pd.DataFrame, event: str, observed: float, expected: float,
           keys: dict[str, str | None], n_clusters: int | None) -> list[str]:
    arm = data["arm"].to_numpy()
    names = {"treated": str(g.treated), "control": str(g.control)}
    ev = data[event].to_numpy()
    crude = Message("note_survival_crude_tests" if w_all is not None else "note_survival_crude_curves")
    notes: list[str] = [Message("note_survival_crude", {
        "what": crude, "n_treated": int(arm.sum()), "events_treated": int(ev[arm == 1].sum()),
        "n_control": int(len(arm) - arm.sum()), "events_control": int(ev[arm == 0].sum()), "observed": observed,
        "expected": expected, **names})]
    if covariates:
        a = model_data["arm"].to_numpy()
        notes.append(Message("note_survival_adjusted", {
            "covariates": ", ".join(covariates), "n_treated": int(a.sum()), "n_control": int(len(a) - a.sum()),
            "events": int(model_data[event].sum()), **names}))
        if reference_note(data, covariates):
            notes.append(reference_note(data, covariates) or "")
    notes.append(_method_note(keys, n_clusters, wdata if w_all is not None else None))
    notes.append(Message("note_survival_km"))
    return notes


def _method_note(keys: dict[str, str | None], n_clusters: int | None, wdata: pd.DataFrame | None) -> str:
    """The Cox models: ties, strata, delayed entry, clusters, weights."""
    weights: str = ""
    if wdata is not None:
        a = wdata["arm"].to_numpy()
        weights = Message("note_survival_weights", {"n_treated": int(a.sum()), "n_control": int(len(a) - a.sum())})
    return Message("note_survival_method", {
        "strata": Message("note_survival_strata", {"strata": keys["strata"]}) if keys["strata"] else "",
        "entry": Message("note_survival_entry", {"entry": keys["entry"]}) if keys["entry"] else "",
        "cluster": (Message("note_survival_cluster", {"n_clusters": n_clusters, "cluster": keys["cluster"]})
                    if keys["cluster"] else ""),
        "weights": weights})


def _weighted_note(ess: pd.DataFrame | None, dropped: int, rmst: bool) -> str:
    """The note that says which results are weighted, on how many rows, with what effective size."""
    return Message("note_survival_weighted", {
        "what": Message("note_survival_weighted_what_rmst" if rmst else "note_survival_weighted_what"),
        "sizes": "" if ess is None else kish_sizes(ess),
        "dropped": Message("note_survival_weights_dropped", {"n": dropped}) if dropped else ""})
