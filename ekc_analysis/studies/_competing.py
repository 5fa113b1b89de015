"""Competing risks: re-referral when follow-up can also end for other reasons.

Sundell & Vinnerljung followed children three years for re-referral; in a registry follow-up also
ends because a child turns 18, moves abroad or is placed, and re-referrals come from different
sources (family, school, police). ``1 − Kaplan–Meier`` with those ends censored overstates how many
children are re-referred; the Aalen–Johansen cumulative incidence does not.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning, shown
from ..i18n import Message
from ..intake import MissingWeights, normalise
from ..results import Result, standard_errors
from ..stats._competing import gray_test
from ..stats._cox import fit_cox
from ..stats._effects import Estimate, wald
from ..stats._fine_gray import fine_gray
from ._competing_adjusted import (
    NAN,
    Setup,
    adjusted_note,
    adjusted_rows,
    case_weights,
    complete_covariates,
    curves,
    design_warnings,
    difference_rows,
    proportionality,
    weighted_rows,
)
from ._groups import Groups, check_columns, two_groups
from ._imputation_pool import pools_imputations
from ._wording import joined

COLUMNS = ["measure", "level", "time", "estimate", "ci_low", "ci_high", "p_value", "n_treated", "n_control",
           "events_treated", "events_control", "statistic", "df", "se"]
CENSORED_WORDS = frozenset({"0", "censor", "censored", "gecensureerd", "none", "geen", "no_event"})


def _status_codes(values: pd.Series, status: str) -> tuple[np.ndarray, list[object]]:
    """Code ``status`` 0 = censored, 1..K = the causes in sorted order; return codes and cause labels."""
    numeric = pd.to_numeric(values, errors="coerce")
    if numeric.notna().all():
        if (numeric < 0).any():
            raise ArgumentError(f"status={status!r} has negative values; use 0 for censored and 1, 2, ... for "
                                f"causes, got {float(numeric.min()):g}")
        as_int = numeric.to_numpy(float)
        numbers = sorted({int(v) if float(v).is_integer() else float(v) for v in as_int if v != 0})
        lookup = {float(c): i + 1 for i, c in enumerate(numbers)}
        return np.array([0 if v == 0 else lookup[float(v)] for v in as_int], dtype=int), list(numbers)
    text = values.astype(str)
    censored = text.map(lambda v: normalise(v) in CENSORED_WORDS).to_numpy()
    causes = sorted(set(text[~censored]))
    lookup_text = {c: i + 1 for i, c in enumerate(causes)}
    return np.array([0 if c else lookup_text[v] for v, c in zip(text, censored, strict=True)], dtype=int), causes


def _cause_specific(s: Setup, k: int) -> Estimate:
    """Cox HR of arm for cause k (other causes censored; strata, entry and cluster as given), unweighted."""
    frame = pd.DataFrame({"__t": s.t, "__e": (s.codes == k).astype(float), "arm": s.arm.astype(float)})
    _, table = fit_cox(frame, "__t", "__e", ["arm"], alpha=s.alpha, cluster=s.clusters, entry=s.entry,
                       strata=None if s.strata is None else s.data[s.strata].to_numpy())
    row = table.set_index("term").loc["arm"]
    return wald(float(row["coef"]), float(row["se"]), s.alpha, exp=True)


def _crude_rows(s: Setup, g: Groups) -> list[dict[str, object]]:
    """Crude Fine–Gray and cause-specific ratios and Gray's test, one set per cause."""
    rows: list[dict[str, object]] = []
    for k in s.order:
        level = s.causes[k - 1]
        ev = (int(((s.codes == k) & (s.arm == 1)).sum()), int(((s.codes == k) & (s.arm == 0)).sum()))
        base = {"level": level, "n_treated": g.n_treated, "n_control": g.n_control, "events_treated": ev[0],
                "events_control": ev[1]}
        if min(ev) == 0:
            group = Message("warn_group_fgc" if ev[0] == 0 else "warn_group_comparison")
            warnings.warn(Message("warn_competing_no_events", {"cause": str(level), "group": group}),
                          StatisticalWarning, stacklevel=3)
            sub, csh = NAN, NAN
        else:
            fit = fine_gray(s.t, s.codes, s.arm[:, None].astype(float), cause=k, cluster=s.clusters)
            if not fit.converged:
                warnings.warn(Message("warn_fine_gray_no_convergence", {"cause": str(level)}), StatisticalWarning,
                              stacklevel=3)
            sub = wald(float(fit.coef[0]), float(fit.se[0]), s.alpha, exp=True)
            csh = _cause_specific(s, k)
        stat, p, dof = gray_test(s.t, s.codes, s.arm, cause=k)
        for measure, e, test in (("subdistribution_hazard_ratio", sub, (np.nan, np.nan)),
                                 ("cause_specific_hazard_ratio", csh, (np.nan, np.nan)),
                                 ("gray_test", Estimate(np.nan, np.nan, np.nan, p), (stat, dof))):  # a test
            rows.append({"measure": measure, "estimate": e.estimate, "ci_low": e.ci_low, "ci_high": e.ci_high,
                         "p_value": e.p_value, **base, "statistic": test[0], "df": test[1], "se": e.se,
                         "reference_df": e.df})
    return rows


@pools_imputations
def competing_risks(df: pd.DataFrame, time: str, status: str, group: str, treated: object = None,
                    covariates: Sequence[str] = (), weights: object = None, *, cause: object = 1,
                    times: Sequence[float] = (1, 2, 3), cluster: str | None = None, strata: str | None = None,
                    entry: str | None = None, alpha: float = 0.05,
                    missing_weights: MissingWeights = "error") -> Result:
    """Cumulative incidence of each way follow-up ends, FGC versus comparison, with competing risks.

    Parameters
    ----------
    df : DataFrame
        One row per child.
    time : str
        Years (or any unit) from the start of follow-up to the first event or the end of follow-up.
    status : str
        0 (or ``"censored"``, ``"censor"``) when follow-up ended without an event; otherwise the cause: numbers
        (1 = re-referral, 2 = turned 18, ...) or labels (``"police"``, ``"school"``, ``"moved"``).
    group, treated
        The two groups and which is FGC (see :func:`ekc_analysis.compare`).
    cause : number or label
        The event of interest (re-referral); it comes first in the table. Every cause gets its rows.
    times : sequence of float
        Times at which ``result.incidence`` reads the curves.
    covariates : sequence of str
        Baseline covariates: adds ``adjusted_subdistribution_hazard_ratio`` (Fine–Gray with group +
        covariates, = ``cmprsk::crr(cov1 = )``) and ``adjusted_cause_specific_hazard_ratio`` (= ``coxph(Surv(time,
        status == cause) ~ group + covariates)``). Rows with a missing covariate leave these two only (counted in
        ``settings["n_missing_covariates"]``, with a warning).
    weights : str or array, optional
        Case weights (a column name or values aligned to ``df``, e.g. :func:`ekc_analysis.propensity_weights`):
        the curves, ``.incidence`` and ``cif_difference`` are weighted (= ``survfit(..., weights = )``, robust
        infinitesimal-jackknife errors) and so is the adjusted cause-specific Cox model (robust SE). Fine–Gray
        and Gray's test stay unweighted (``crr`` and ``cuminc`` take no weights). A StatisticalWarning is raised
        when a group's effective sample size (Kish) is below 50 % of its rows or below 30; the sizes are in
        ``result.effective_size`` and a note.
    missing_weights : {"error", "drop"}
        A missing weight is refused (``"error"``, the default); ``"drop"`` leaves those rows out of the weighted
        estimates only, and ``settings["weights_dropped"]`` counts them.
    cluster : str, optional
        Column of clusters (e.g. ``family_id``: siblings share a family). The Fine–Gray SE becomes a
        sandwich over clusters; the cause-specific Cox SE becomes cluster-robust
        (= ``coxph(..., cluster = family)``); the curves' and differences' errors sum each family's influence
        (the grouped jackknife of ``survfit(..., id = , cluster = )``). Gray's test assumes independent rows.
    strata : str, optional
        Cause-specific Cox models stratified (``strata()``); curves stay per group.
    entry : str, optional
        Time at which follow-up starts (left truncation): Cox risk sets and Aalen–Johansen curves of
        ``Surv(entry, time, status)``; Fine–Gray and Gray's test ignore it.

    Returns
    -------
    Result
        ``.to_frame()``: ``measure`` ∈ ``subdistribution_hazard_ratio`` (Fine–Gray, = ``cmprsk::crr``),
        ``cause_specific_hazard_ratio`` (Cox with the other causes censored, Efron ties),
        ``gray_test`` (Gray's test of equal cumulative incidence, = ``cmprsk::cuminc``: a test, so its
        chi-square is in ``statistic`` with ``df``, and ``estimate`` and the interval are NaN);
        ``level`` = the cause; ratios are FGC versus comparison, their intervals on the ratio scale.
        ``cif_difference``: FGC minus comparison cumulative incidence at each of ``times`` (column ``time``;
        weighted with ``weights``; Wald interval from both curves' (cluster-summed) influences).
        Columns ``measure, level, time, estimate, ci_low, ci_high, p_value, n_treated, n_control,
        events_treated, events_control, statistic, df, se``.
        ``.cif``: ``group, cause, time, cif, ci_low, ci_high`` (+ ``se``, ``at_risk``) at every
        distinct time, Aalen–Johansen with R ``survfit``'s standard errors and log-scale intervals;
        ``.incidence``: the same at ``times`` beside ``one_minus_km``, the naive 1 − Kaplan–Meier.

    Examples
    --------
    >>> import pandas as pd, ekc_analysis as ekc
    >>> df = pd.read_csv(ekc.sample_path("cohort.csv"))
    >>> df["end"] = df["event"].where(df["age"] + df["time"] < 17, 2)  # reaching 17 ends follow-up
    >>> res = ekc.competing_risks(df, "time", "end", "group", treated="fgc")
    >>> sorted(set(res.to_frame()["measure"]))
    ['cause_specific_hazard_ratio', 'cif_difference', 'gray_test', 'subdistribution_hazard_ratio']
    """
    g, s = _setup(df, time, status, group, treated, weights, cause, times, cluster, strata, entry, alpha)
    names = {1: g.treated, 0: g.control}
    design_warnings(s, names)
    sw, has, dropped, ess = weighted_rows(s, names, missing_weights)
    complete = complete_covariates(s.data, covariates)
    rows = _crude_rows(s, g) + adjusted_rows(s, covariates, complete, has) + difference_rows(sw, times)
    ph = proportionality(s, covariates, complete)
    cif, inc = curves(sw, names, times)
    notes = _notes(s, g, covariates, weights is not None, entry, ph, cluster, int((~complete).sum()), ess, dropped)
    title = Message("title_competing_risks", {"status": status, "cause": str(s.causes[s.order[0] - 1])})
    return Result("competing_risks", pd.DataFrame(rows, columns=COLUMNS), title, tuple(notes),
                  {"cif": cif, "incidence": inc, "standard_errors": standard_errors(rows),
                   **({} if ess is None else {"effective_size": ess})},
                  {"treated": g.treated, "control": g.control, "cause": s.causes[s.order[0] - 1],
                   "causes": tuple(s.causes), "times": tuple(times), "cluster": cluster, "strata": strata,
                   "entry": entry, "covariates": tuple(covariates), "weighted": weights is not None,
                   "missing_weights": missing_weights, "weights_dropped": dropped,
                   "n_missing_covariates": int((~complete).sum()),
                   "proportionality_p": {s.causes[k - 1]: v[1] for k, v in ph.items()},
                   "alpha": alpha, "percent_columns": ()})


def _setup(df: pd.DataFrame, time: str, status: str, group: str, treated: object, weights: object, cause: object,
           times: Sequence[float], cluster: str | None, strata: str | None, entry: str | None,
           alpha: float) -> tuple[Groups, Setup]:
    """Check the arguments and put the analysed rows into arrays."""
    needed = [time, status] + [c for c in (cluster, strata, entry) if c]
    check_columns(df, needed)
    g = two_groups(df, group, treated, needed=needed)
    data = g.data.assign(arm=g.arm)
    t = pd.to_numeric(data[time], errors="coerce")
    if t.isna().any() or (t < 0).any():
        bad = data.loc[t.isna() | (t < 0), time].iloc[0]
        bad = bad.item() if isinstance(bad, np.generic) else bad
        raise ArgumentError(f"time={time!r} must hold non-negative numbers; found {shown(bad)}")
    data[time] = t.astype(float)
    if not all(isinstance(x, numbers.Real) and not isinstance(x, bool) for x in times):
        raise ArgumentError(f"times must be numbers (follow-up times at which to read the curves); got {list(times)!r}")
    start = None
    if entry:
        start = pd.to_numeric(data[entry], errors="coerce").to_numpy(float)
        if not np.isfinite(start).all() or (start >= data[time].to_numpy()).any():
            raise ArgumentError(f"entry={entry!r} must be a number before {time!r} on every row; "
                                f"{int((~(start < data[time].to_numpy())).sum())} row(s) are not")
    codes, causes = _status_codes(data[status], status)
    if not causes:
        raise ArgumentError(f"status={status!r} holds no events, only censored rows (0); nothing to compare")
    labels = [str(c) for c in causes]
    if str(cause) not in labels:
        raise ArgumentError(f"cause={shown(cause)} is not a value of status={status!r}; "
                            f"causes are: {', '.join(labels)}")
    main = labels.index(str(cause)) + 1
    order = [main] + [k for k in range(1, len(causes) + 1) if k != main]
    s = Setup(data, data[time].to_numpy(float), codes, g.arm, order, causes, case_weights(df, data, weights), start,
              data[cluster].to_numpy() if cluster else None, strata, alpha)
    return g, s


def _notes(s: Setup, g: Groups, covariates: Sequence[str], weighted: bool, entry: str | None,
           ph: dict[int, tuple[float, float]], cluster: str | None, n_missing: int,
           ess: pd.DataFrame | None = None, dropped: int = 0) -> list[str]:
    arm, codes = s.arm, s.codes
    names = {"treated": str(g.treated), "control": str(g.control)}
    counts = joined([Message("note_competing_cause_events", {
        "cause": str(s.causes[k - 1]), "n_treated": int(((codes == k) & (arm == 1)).sum()),
        "n_control": int(((codes == k) & (arm == 0)).sum()), **names}) for k in s.order])
    events = Message("note_competing_counts", {
        "n_treated": g.n_treated, "n_control": g.n_control, "counts": counts,
        "censored_treated": int(((codes == 0) & (arm == 1)).sum()),
        "censored_control": int(((codes == 0) & (arm == 0)).sum()), **names})
    how = Message("note_competing_aalen_johansen", {"how": Message("note_competing_weighted") if weighted else "",
                                                    "weights": ", weights = w" if weighted else ""})
    notes: list[str] = [events, how, Message("note_competing_fine_gray"), Message("note_competing_cause_specific"),
                        Message("note_competing_gray")]
    if covariates or weighted:
        notes.append(adjusted_note(covariates, weighted, s.strata, entry, n_missing, ess, dropped))
    if ph:
        notes.append(Message("note_competing_proportional", {"ps": joined([
            Message("note_p_of", {"p": v[1], "cause": str(s.causes[k - 1])}) for k, v in ph.items()])}))
    if s.clusters is not None:
        notes.append(Message("note_competing_cluster", {"cluster": cluster, "n_clusters": len(pd.unique(s.clusters))}))
    note = g.note()
    if note:
        notes.append(note)
    return notes
