"""Trial companions of :func:`ekc_analysis.compare`: costs, power and the CONSORT flow."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ..results import Result
from ..stats import _power as pw
from ..stats._bootstrap import bca_mean_difference
from ..stats._effects import welch
from ._groups import binary_values, check_columns, two_groups


def costs(df: pd.DataFrame, cost: str, group: str, treated: object = None, *, n_boot: int = 5000,
          seed: int = 2015, alpha: float = 0.05, progress: bool | None = None) -> Result:
    """Difference in mean costs per family (FGC − control): Welch interval, and a BCa bootstrap beside it.

    Costs are skewed, but what a budget needs is the difference in *means*, and with trial-sized arms
    Welch's t interval for it keeps its coverage: in seeded simulations of log-normal costs (SD of the
    log 0.9, arms 229 : 99 and 150 : 150, 2,000 trials; ``tests/test_estimator_coverage.py``) it
    covered 95.3 % and 95.3 %, while the BCa bootstrap covered 91.9 % and 91.4 % and a bootstrap-t
    about 93 % (Thompson & Barber 2000 reach the same advice). The BCa interval (seeded, resampling
    within each arm; a progress bar on a terminal for long runs) is reported as ``mean_difference_bca``
    for comparison with studies that use it.

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> trial = ekc.load_study(ekc.sample_path("trial.csv"))
    >>> ekc.costs(trial, "costs", "group", n_boot=500).to_frame()["measure"].tolist()
    ['mean_difference', 'mean_difference_bca']
    """
    if n_boot < 200:
        raise ArgumentError(f"n_boot={n_boot}: use at least 200 replicates (1,000+ for a BCa interval)")
    g = two_groups(df, group, treated, needed=[cost])
    y = pd.to_numeric(g.data[cost], errors="coerce").to_numpy(dtype=float)
    if np.isnan(y).any():
        raise ArgumentError(f"cost={cost!r} holds values that are not numbers")
    y1, y0 = y[g.arm == 1], y[g.arm == 0]
    est, lo, hi, boot = bca_mean_difference(y1, y0, n_boot, alpha, seed, progress)
    w, _ = welch(y1, y0, alpha)
    table = pd.DataFrame([
        {"outcome": cost, "measure": "mean_difference", "estimate": w.estimate, "ci_low": w.ci_low,
         "ci_high": w.ci_high, "p_value": w.p_value, "n_treated": y1.size, "n_control": y0.size},
        {"outcome": cost, "measure": "mean_difference_bca", "estimate": est, "ci_low": lo, "ci_high": hi,
         "p_value": np.nan, "n_treated": y1.size, "n_control": y0.size}])
    arms = pd.DataFrame({"group": [g.treated, g.control], "n": [y1.size, y0.size], "mean": [y1.mean(), y0.mean()],
                         "median": [np.median(y1), np.median(y0)], "sd": [y1.std(ddof=1), y0.std(ddof=1)]})
    notes = (Message("note_costs_method", {"n_boot": n_boot, "seed": seed}),
             Message("note_costs_means", {"treated": float(y1.mean()), "control": float(y0.mean())}))
    return Result("costs", table, Message("title_costs", {"cost": cost}), notes,
                  {"arms": arms, "bootstrap": pd.DataFrame({"replicate": boot})},
                  {"n_boot": n_boot, "seed": seed, "alpha": alpha, "percent_columns": ()})


def power(outcome: Literal["binary", "continuous"] = "binary", *, n: float | None = None,
          p_control: float | None = None, p_treated: float | None = None, delta: float | None = None,
          sd: float = 1.0, power: float = 0.8, alpha: float = 0.05, allocation: float = 1.0,
          icc: float | None = None, cluster_size: float | None = None) -> Result:
    """Sample size, or the smallest detectable effect for a given ``n``, for two arms.

    Binary: give ``p_control`` and ``p_treated`` (→ n) or ``p_control`` and ``n`` (→ the detectable
    ``p_treated``). Continuous: give ``delta`` (→ n) or ``n`` (→ the detectable difference), in units
    of ``sd``. With equal arms and no clusters the formulas are R's ``power.prop.test`` and
    ``power.t.test`` (two-sided).

    Parameters
    ----------
    allocation : float
        FGC arm size over comparison arm size, e.g. ``229 / 99`` for ZonMw. ``n`` (given or returned)
        is then the comparison arm; the FGC arm is ``allocation · n``.
    icc, cluster_size : float, optional
        Children within families: the intraclass correlation and the mean number of children per
        family. The variance is multiplied by the design effect ``1 + (cluster_size − 1)·icc`` and
        the t test has (families − 2) df. Unequal family sizes raise the design effect further
        (Eldridge et al. 2006); use a larger ``cluster_size`` to be safe.

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> ekc.power("continuous", delta=0.4).to_frame()[["estimate", "exact"]].round(2).iloc[0].tolist()
    [100.0, 99.08]
    """
    _check_power(power, alpha, allocation, icc, cluster_size)
    m = cluster_size or 1.0
    de = 1 + (m - 1) * (icc or 0.0)
    k = allocation
    est, measure = _size_or_effect(outcome, n=n, p_control=p_control, p_treated=p_treated, delta=delta, sd=sd,
                                   power=power, alpha=alpha, k=k, de=de, m=m)
    unequal = allocation != 1.0
    if measure == "n_per_arm" and unequal:
        measure = "n_control"
    exact = est
    sizes = measure in ("n_per_arm", "n_control")
    if sizes:  # people come whole: round up (the exact value stays beside it)
        est = float(np.ceil(est - 1e-9))
    n_control = est if sizes else n
    table = pd.DataFrame([{"outcome": outcome, "measure": measure, "estimate": est, "exact": exact, "power": power,
                           "alpha": alpha, "n": n, "p_control": p_control, "p_treated": p_treated,
                           "delta": delta, "sd": sd, "allocation": allocation, "design_effect": de,
                           "n_control": n_control, "n_treated": _whole(n_control, k),
                           "families_control": _whole(n_control, 1 / m), "families_treated": _whole(n_control, k / m)}])
    notes: list[str] = [Message("note_power_rounded" if sizes else "note_power_detectable")]
    if unequal:
        notes.append(Message("note_power_unequal", {"allocation": allocation}))
    if icc is not None:
        notes.append(Message("note_power_clustered", {"m": m, "icc": icc, "de": de}))
    shape = Message("shape_equal") if not unequal else Message("shape_unequal", {"allocation": allocation})
    return Result("power", table, Message("title_power_clustered" if icc else "title_power",
                                           {"outcome": outcome, "shape": shape}),
                  tuple(notes), settings={"percent_columns": ()})


def _check_power(power: float, alpha: float, allocation: float, icc: float | None, cluster_size: float | None) -> None:
    if not 0 < power < 1 or not 0 < alpha < 1:
        raise ArgumentError(f"power={power!r} and alpha={alpha!r} must lie between 0 and 1")
    if not allocation > 0:
        raise ArgumentError(f"allocation={allocation!r}: give the FGC arm size over the comparison arm size (> 0)")
    if (icc is None) != (cluster_size is None):
        raise ArgumentError("give icc and cluster_size together (the intraclass correlation and the mean number of "
                            "children per family)")
    if icc is not None and cluster_size is not None and (not 0 <= icc < 1 or cluster_size < 1):
        raise ArgumentError(f"icc={icc!r} must lie in [0, 1) and cluster_size={cluster_size!r} be at least 1")


def _size_or_effect(outcome: str, *, n: float | None, p_control: float | None, p_treated: float | None,
                    delta: float | None, sd: float, power: float, alpha: float, k: float, de: float,
                    m: float) -> tuple[float, str]:
    """The sample size (without ``n``) or the smallest detectable effect (with it), and the measure's name."""
    if outcome == "binary":
        if p_control is None or not 0 < p_control < 1:
            raise ArgumentError(f"p_control={p_control!r}: give the expected risk without FGC, between 0 and 1")
        if n is not None:
            return pw.detectable_proportion(n, p_control, power, alpha, k, de), "detectable_p_treated"
        if p_treated is None:
            raise ArgumentError("give p_treated (for the sample size) or n (for the detectable effect)")
        return pw.n_two_proportions(p_control, p_treated, power, alpha, k, de), "n_per_arm"
    if outcome == "continuous":
        if n is not None:
            return pw.detectable_difference(n, sd, power, alpha, k, de, m), "detectable_difference"
        if delta is None:
            raise ArgumentError("give delta (for the sample size) or n (for the detectable effect)")
        return pw.n_two_means(delta, sd, power, alpha, k, de, m), "n_per_arm"
    raise ArgumentError(f"outcome={outcome!r}: choose 'binary' or 'continuous'")


def _whole(n: float | None, factor: float) -> float | None:
    """``n · factor`` rounded up to whole people or families."""
    return None if n is None else float(np.ceil(n * factor - 1e-9))


def consort(df: pd.DataFrame, group: str, treated: object = None, *, compliance: str | None = None,
            outcome: str | None = None, eligible: int | None = None, excluded: Mapping[str, int] | None = None,
            declined_reason: str | None = None, lost_reason: str | None = None,
            design: Literal["randomised", "observational"] = "randomised") -> Result:
    """The CONSORT (trial) or STROBE (cohort) flow: assessed → excluded (with reasons) → randomised or
    included → allocated → conference held / declined (with reasons) → lost to follow-up (with reasons) →
    analysed, per arm.

    Parameters
    ----------
    eligible : int, optional
        Families or children assessed for eligibility (before randomisation; they are not in ``df``).
    excluded : mapping of reason to count, optional
        Why the assessed were not randomised (``{"declined to take part": 40, "not meeting criteria": 12}``);
        with ``eligible`` the counts must add up to ``eligible − len(df)``.
    compliance : str, optional
        Column: 1 when the conference was held; the others in the FGC arm count as ``declined``.
    declined_reason : str, optional
        Column with the reason a conference was not held (rows with a conference may leave it empty).
    outcome, lost_reason : str, optional
        Rows without ``outcome`` are lost to follow-up; ``lost_reason`` names why (empty: "not recorded").
    design : "randomised" or "observational"
        ``observational`` words the flow as STROBE ("included" instead of "randomised").

    The table has ``stage``, ``group``, ``reason`` (empty on totals) and ``n``. Analysed by intention to
    treat: every family followed up counts in its allocated arm.
    """
    if design not in ("randomised", "observational"):
        raise ArgumentError(f"design={design!r}: choose 'randomised' or 'observational'")
    g = two_groups(df, group, treated)
    check_columns(df, [c for c in (compliance, outcome, declined_reason, lost_reason) if c])
    start = "randomised" if design == "randomised" else "included"
    rows = _enrolment(len(g.data), eligible, excluded) + [{"stage": start, "group": "all", "n": len(g.data)}]
    for arm, name in ((1, g.treated), (0, g.control)):
        rows += _arm_flow(g.data[g.arm == arm], name, compliance, outcome, declined_reason if arm else None,
                          lost_reason, offered=bool(arm))
    notes: list[str] = [Message("note_consort_itt")]
    if g.note():
        notes.append(g.note() or "")
    table = pd.DataFrame(rows).reindex(columns=["stage", "group", "reason", "n"])
    heading = Message("title_consort" if design == "randomised" else "title_strobe")
    return Result("consort", table, heading, tuple(notes),
                  settings={"treated": g.treated, "control": g.control, "design": design})


def _enrolment(n: int, eligible: int | None, excluded: Mapping[str, int] | None) -> list[dict]:
    """Rows for the assessed and the excluded (by reason), checked against the randomised count."""
    rows: list[dict] = []
    if eligible is None and not excluded:
        return rows
    reasons = {str(k): int(v) for k, v in (excluded or {}).items()}
    if any(v < 0 for v in reasons.values()):
        raise ArgumentError(f"excluded={excluded!r}: counts cannot be negative")
    total = sum(reasons.values())
    if eligible is None:
        eligible = n + total
    if eligible < n:
        raise ArgumentError(f"eligible={eligible}: fewer than the {n} rows randomised or included")
    if reasons and total != eligible - n:
        raise ArgumentError(f"excluded counts add up to {total}, but eligible={eligible} minus the {n} rows in the "
                            f"data is {eligible - n}: give every reason, or correct eligible")
    rows.append({"stage": "assessed", "group": "all", "n": int(eligible)})
    rows.append({"stage": "excluded", "group": "all", "n": int(eligible - n)})
    rows += [{"stage": "excluded", "group": "all", "reason": k, "n": v} for k, v in reasons.items()]
    return rows


def _reasons(stage: str, name: object, values: pd.Series) -> list[dict]:
    counts = values.fillna("not recorded").astype(str).value_counts()
    return [{"stage": stage, "group": name, "reason": str(k), "n": int(v)} for k, v in counts.items()]


def _arm_flow(sub: pd.DataFrame, name: object, compliance: str | None, outcome: str | None,
              declined_reason: str | None, lost_reason: str | None, offered: bool) -> list[dict]:
    rows: list[dict] = [{"stage": "allocated", "group": name, "n": len(sub)}]
    if compliance:
        held = binary_values(sub[compliance].fillna(0), compliance).astype(bool)
        rows.append({"stage": "conference_held", "group": name, "n": int(held.sum())})
        if offered and (~held).any():  # only the FGC arm was offered a conference
            rows.append({"stage": "declined", "group": name, "n": int((~held).sum())})
            if declined_reason:
                rows += _reasons("declined", name, sub.loc[~held, declined_reason])
    lost = sub[outcome].isna().to_numpy() if outcome else np.zeros(len(sub), bool)
    if outcome:
        rows.append({"stage": "lost_to_follow_up", "group": name, "n": int(lost.sum())})
        if lost_reason and lost.any():
            rows += _reasons("lost_to_follow_up", name, sub.loc[lost, lost_reason])
    rows.append({"stage": "followed_up", "group": name, "n": int((~lost).sum())})
    rows.append({"stage": "analysed", "group": name, "n": int((~lost).sum())})
    return rows
