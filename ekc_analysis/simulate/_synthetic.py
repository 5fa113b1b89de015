"""Seeded synthetic registries, trials and cohorts, calibrated to the published figures.

Nothing here describes a real family. Each parameter names the reference figure
(:mod:`ekc_analysis.describe`) that drives it, or says it is an assumption.

=====================================  ==========================================================
parameter                              driven by
=====================================  ==========================================================
status among closed initiatives        ``funnel_*``: 70 / 15 / 15 %
plan given a conference                ``plan_rate``: 9 in 10
agreements per plan                    ``agreements_per_plan``: 1 + negative binomial, mean 15
professional agreements                ``professional_share``: case-level Beta(2, 8), mean 1 in 5
execution at follow-up                 ``execution_*``: 40 / 50 / 10 %
coordinator hours per conference       ``coordinator_hours``: Gamma, mean 30
trial compliance (conference held)     ``zonmw_conference_held``: 27 %
trial safety and care-use effect       ``wodc_safety_effect``, ``wodc_care_effect``: none
trial supervision-order extension      WODC finding: more extensions for non-western families (OR ≈ 2.5)
trial costs                            WODC finding: higher care costs (+ conference costs)
cohort follow-up                       ``sundell_followup_years``: 3 years; true HR of FGC 1.2
ZonMw-shaped cluster trial             328 families 229 : 99, 529 children (``simulate_studies``)
WODC-shaped three-group study          84 held / 121 offered, not held / 85 care as usual
                                       (``simulate_studies``)
=====================================  ==========================================================
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..describe import EXECUTION, FUNNEL, REFERENCES
from ..intake import Registry, csv_text
from ._designs import simulate_wodc, simulate_zonmw

DEFAULT_SEED = 2015
START, END = pd.Timestamp("2016-01-01"), pd.Timestamp("2024-12-31")  # extraction date = END

# invented on purpose: no real region or municipality, so no table of the sample can pass for real figures
REGIONS = {
    "Regio 1": ["Gemeente A", "Gemeente B", "Gemeente C"],
    "Regio 2": ["Gemeente D", "Gemeente E", "Gemeente F"],
    "Regio 3": ["Gemeente G", "Gemeente H", "Gemeente I"],
    "Regio 4": ["Gemeente J", "Gemeente K", "Gemeente L"],
    "Regio 5": ["Gemeente M", "Gemeente N", "Gemeente O"],
}
REFERRERS = {"wijkteam": 0.35, "gecertificeerde instelling": 0.20, "Veilig Thuis": 0.10,
             "jeugdhulpaanbieder": 0.10, "familie zelf": 0.12, "school": 0.08, "huisarts": 0.05}
PROBLEMS = {"opvoeding": 0.30, "huiselijk geweld": 0.18, "scheiding": 0.15, "schulden": 0.10,
            "psychische problemen ouder": 0.12, "schoolverzuim": 0.08, "verslaving": 0.07}
CONTEXT = {"voluntary": 0.55, "drang": 0.30, "dwang": 0.15}
# life domains of agreements, their frequency and how much likelier professional help is there
DOMAINS = {"opvoeding": (0.22, 1.0), "veiligheid": (0.14, 1.6), "school": (0.12, 0.8),
           "gezondheid": (0.12, 1.8), "wonen": (0.08, 1.0), "financien": (0.10, 1.3),
           "sociaal netwerk": (0.16, 0.3), "werk": (0.06, 0.8)}


def _pick(rng: np.random.Generator, probs: dict[str, float], n: int) -> np.ndarray:
    keys = list(probs)
    p = np.array([probs[k] for k in keys], float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


def _days(rng: np.random.Generator, mean: float, shape: float, n: int) -> np.ndarray:
    return np.maximum(1, np.round(rng.gamma(shape, mean / shape, n))).astype(int)


def simulate_registry(n: int = 1500, seed: int = DEFAULT_SEED) -> Registry:
    """A synthetic registry of ``n`` initiatives with their agreements.

    Examples
    --------
    >>> reg = simulate_registry(200, seed=1)
    >>> reg.n_cases
    200
    """
    rng = np.random.default_rng(seed)  # the parts draw from it in turn: the same seed gives the same data
    referral, status, prep = _statuses(rng, n)
    plans = _plans(rng, referral, status, prep)
    n_agr, case_idx, dom_idx, professional = _agreement_draws(rng, plans.has_plan)
    followup, execution = _followups(rng, plans.plan_date, plans.has_plan)
    n_prof = np.bincount(case_idx, weights=professional, minlength=n).astype(int)
    cases = _cases(rng, seed, referral, status, plans, (n_agr, n_prof), followup, execution)
    agreements = pd.DataFrame({
        "case_id": cases["case_id"].to_numpy()[case_idx],
        "agreement_id": [f"A{i + 1:06d}" for i in np.arange(case_idx.size)],
        "domain": np.array(list(DOMAINS), dtype=object)[dom_idx],
        "professional": professional,
    })
    return Registry(cases, agreements, sources=(f"simulate_registry(n={n}, seed={seed})",),
                    synthetic=True)


def _statuses(rng: np.random.Generator, n: int) -> tuple[pd.DatetimeIndex, np.ndarray, pd.TimedeltaIndex]:
    """Referral dates, how each initiative ended (``funnel_*``) and its preparation time."""
    span = (END - pd.Timedelta(days=14) - START).days
    referral = START + pd.to_timedelta(np.sort(rng.integers(0, span, n)), unit="D")
    recent = (END - referral).days < 120
    ongoing = rng.random(n) < np.where(recent, 0.6, 0.0)  # assumption: ongoing only near extraction
    status = np.where(ongoing, "ongoing", _pick(rng, FUNNEL, n)).astype(object)
    prep = pd.to_timedelta(_days(rng, 42, 4, n), unit="D")  # assumption: ~6 weeks preparation
    status[(referral + prep > END) & (status != "stopped")] = "ongoing"  # not ended by extraction
    return referral, status, prep


class _Plans(NamedTuple):
    conference_date: pd.Series
    plan: pd.arrays.BooleanArray
    plan_date: pd.Series
    has_plan: np.ndarray


def _plans(rng: np.random.Generator, referral: pd.DatetimeIndex, status: np.ndarray,
           prep: pd.TimedeltaIndex) -> _Plans:
    """Conference dates, plans (``plan_rate`` given a conference) and their dates."""
    n = len(status)
    conf = status == "conference"
    pwc = status == "plan_without_conference"
    conference_date = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    conference_date[conf] = (referral + prep)[conf]
    plan_made = conf & (rng.random(n) < REFERENCES["plan_rate"].value)
    plan = pd.array(np.where(conf, plan_made, pwc), dtype="boolean")
    plan[status == "ongoing"] = pd.NA
    plan_date = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    plan_date[plan_made] = conference_date[plan_made]
    plan_date[pwc] = (referral + prep)[pwc]
    return _Plans(conference_date, plan, plan_date, plan_made | pwc)


def _agreement_draws(rng: np.random.Generator,
                     has_plan: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Agreements per plan (``agreements_per_plan``), and per agreement its case, life domain and whether it
    calls on professional help (``professional_share``, clustered within cases)."""
    n = len(has_plan)
    mean_extra = REFERENCES["agreements_per_plan"].value - 1
    size = 6.0  # assumption: spread of plan length (sd ≈ 6.4)
    n_agr = np.where(has_plan, 1 + rng.negative_binomial(size, size / (size + mean_extra), n), 0)
    p_case = rng.beta(2, 8, n)  # mean 0.2 = professional_share; between-case spread gives clustering
    case_idx = np.repeat(np.arange(n), n_agr)
    dom_p = np.array([DOMAINS[d][0] for d in DOMAINS])
    dom_idx = rng.choice(len(DOMAINS), size=case_idx.size, p=dom_p / dom_p.sum())
    lift = np.array([DOMAINS[d][1] for d in DOMAINS])
    lift = lift / (dom_p / dom_p.sum() @ lift)  # keeps the overall share at p_case on average
    professional = rng.random(case_idx.size) < np.clip(p_case[case_idx] * lift[dom_idx], 0, 1)
    return n_agr, case_idx, dom_idx, professional


def _followups(rng: np.random.Generator, plan_date: pd.Series, has_plan: np.ndarray) -> tuple[pd.Series, np.ndarray]:
    """Follow-up dates and the execution found there (``execution_*``)."""
    n = len(has_plan)
    # follow-up: 85 % of plans get one (assumption); 88 % of those inside 3–5 months
    anchor = plan_date.copy()
    has_fu = has_plan & (rng.random(n) < 0.85)
    inside = rng.random(n) < 0.88
    months = np.where(inside, rng.uniform(3.05, 4.95, n),
                      np.where(rng.random(n) < 0.5, rng.uniform(1.5, 2.9, n), rng.uniform(5.2, 8, n)))
    followup = anchor + pd.to_timedelta(np.round(months * 30.44), unit="D")
    followup = followup.where(pd.Series(has_fu) & (followup <= END))
    execution = np.where(followup.notna().to_numpy(), _pick(rng, EXECUTION, n), np.array(None, dtype=object))
    return followup, execution


def _cases(rng: np.random.Generator, seed: int, referral: pd.DatetimeIndex, status: np.ndarray,
           plans: _Plans, counts: tuple[np.ndarray, np.ndarray], followup: pd.Series,
           execution: np.ndarray) -> pd.DataFrame:
    """The cases table: the drawn columns, and where each case is, who referred it and who coordinated."""
    n = len(status)
    conf = status == "conference"
    pwc = status == "plan_without_conference"
    has_plan, (n_agr, n_prof) = plans.has_plan, counts
    region = _pick(rng, {k: 1 for k in REGIONS}, n)
    municipality = np.array([REGIONS[r][i] for r, i in zip(region, rng.integers(0, 3, n), strict=True)],
                            dtype=object)
    hours_mean = np.select([conf, pwc], [REFERENCES["coordinator_hours"].value, 18.0], 8.0)
    hours = np.round(rng.gamma(6.0, hours_mean / 6.0), 1)
    return pd.DataFrame({
        "case_id": [f"EKC{seed % 100:02d}-{i + 1:05d}" for i in range(n)],
        "referral_date": referral,
        "status": pd.Categorical(status, categories=["conference", "plan_without_conference", "stopped",
                                                     "ongoing"]),
        "conference_date": plans.conference_date,
        "plan": plans.plan,
        "plan_date": plans.plan_date,
        "n_agreements": pd.array(np.where(has_plan, n_agr, pd.NA), dtype="Int64"),
        "n_professional": pd.array(np.where(has_plan, n_prof, pd.NA), dtype="Int64"),
        "followup_date": followup,
        "execution": pd.Categorical(execution, categories=list(EXECUTION)),
        "region": region,
        "municipality": municipality,
        "referrer": _pick(rng, REFERRERS, n),
        "problem_area": _pick(rng, PROBLEMS, n),
        "context": pd.Categorical(_pick(rng, CONTEXT, n), categories=list(CONTEXT)),
        "coordinator_id": [f"C{k:03d}" for k in rng.integers(1, 61, n)],
        "coordinator_hours": np.where(status == "ongoing", np.nan, hours),
        "n_participants": pd.array(np.where(conf, 3 + rng.poisson(8, n), pd.NA), dtype="Int64"),
    })


def simulate_trial(n: int = 300, seed: int = DEFAULT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic randomised trial under a supervision order (OTS), outcomes calibrated on the WODC/UvA findings.

    Returns ``(wide, long)``: one row per family with baseline covariates, 12-month outcomes,
    compliance and costs; and the repeated measures (``id``, ``wave`` 0/6/12 months, ``safety``,
    ``professional_care``) in long form.
    """
    rng = np.random.default_rng(seed + 1)
    arm = rng.permutation(np.repeat([1, 0], [n // 2, n - n // 2]))
    age = rng.integers(0, 18, n)
    non_western = rng.random(n) < 0.35
    single_parent = rng.random(n) < 0.5
    prior_reports = rng.poisson(1.5, n)
    safety0 = np.round(rng.normal(50, 10, n), 1)
    held_p = REFERENCES["zonmw_conference_held"].value
    held = (arm == 1) & (rng.random(n) < held_p)

    person = rng.normal(0, 6, n)
    def safety_at(wave: int) -> np.ndarray:  # no effect of FGC: wodc_safety_effect = 0
        return np.round(25 + 0.5 * safety0 + 0.25 * wave + person + rng.normal(0, 5, n), 1)

    def care_at(wave: int) -> np.ndarray:  # no effect of FGC on professional care use
        lp = -0.1 + 0.25 * (prior_reports - 1.5) + 0.3 * single_parent - 0.05 * wave
        return (rng.random(n) < 1 / (1 + np.exp(-lp))).astype(int)

    s6, s12 = safety_at(6), safety_at(12)
    c0, c6, c12 = care_at(0), care_at(6), care_at(12)
    # more extensions of the supervision order for non-western families with FGC
    lp_ext = -0.5 + 0.2 * non_western + 0.0 * arm + 0.9 * arm * non_western + 0.1 * (prior_reports - 1.5)
    extension = (rng.random(n) < 1 / (1 + np.exp(-lp_ext))).astype(int)
    plan_used_3m = np.where(held, (rng.random(n) < 0.3).astype(float), np.nan)  # plans mostly abandoned
    base_cost = rng.lognormal(np.log(15000) - 0.5 * 0.9**2, 0.9, n)
    costs = np.round(base_cost * np.where(arm == 1, 1.10, 1.0) + held * 30 * 75, 2)
    ids = [f"T{i + 1:04d}" for i in range(n)]
    wide = pd.DataFrame({
        "id": ids, "group": np.where(arm == 1, "fgc", "control"), "conference_held": held.astype(int),
        "age": age, "non_western": non_western.astype(int), "single_parent": single_parent.astype(int),
        "prior_reports": prior_reports, "safety_0": safety0, "safety_12": s12,
        "professional_care_0": c0, "professional_care_12": c12, "ots_extension": extension,
        "plan_used_3m": plan_used_3m, "costs": costs,
    })
    long = pd.DataFrame({
        "id": np.repeat(ids, 3), "group": np.repeat(wide["group"].to_numpy(), 3),
        "wave": np.tile([0, 6, 12], n),
        "safety": np.column_stack([safety0, s6, s12]).ravel(),
        "professional_care": np.column_stack([c0, c6, c12]).ravel(),
    })
    return wide, long


def simulate_cohort(n: int = 600, seed: int = DEFAULT_SEED, hazard_ratio: float = 1.2,
                    followup_years: float | None = None) -> pd.DataFrame:
    """A Sundell & Vinnerljung style cohort: FGC vs traditional investigation, three-year follow-up.

    Families with more prior referrals, older children and behaviour problems are likelier to
    get a conference *and* to be re-referred, so the crude comparison is confounded; the true
    hazard ratio of FGC given the covariates is ``hazard_ratio``.
    """
    rng = np.random.default_rng(seed + 2)
    years = followup_years or REFERENCES["sundell_followup_years"].value
    age = rng.integers(0, 16, n)
    girl = rng.random(n) < 0.48
    prior = rng.poisson(1.2, n)
    behaviour = rng.random(n) < 0.4
    immigrant = rng.random(n) < 0.25
    lp_ps = -0.9 + 0.45 * prior + 0.06 * (age - 8) + 0.6 * behaviour
    fgc = rng.random(n) < 1 / (1 + np.exp(-lp_ps))
    lp = (np.log(hazard_ratio) * fgc + 0.3 * prior + 0.5 * behaviour - 0.03 * (age - 8)
          + 0.2 * immigrant)
    rate = 0.18 * np.exp(lp)  # per year; about half the control group re-referred within 3 years
    t_event = rng.exponential(1 / rate)
    t_loss = rng.exponential(1 / 0.05, n)  # 5 % per year lost to follow-up (moved abroad, ...)
    time = np.maximum(np.minimum.reduce([t_event, t_loss, np.full(n, years)]), 1e-3)  # at least ~half a day
    event = (t_event <= time).astype(int)
    frailty = rng.gamma(1.5, 1 / 1.5, n)  # families differ: repeated re-referrals are overdispersed
    counts = rng.poisson(rate * 1.3 * frailty * time) + event  # re-referrals during follow-up
    end = _end_of_followup(np.random.default_rng(seed + 7), event, time < years)
    return pd.DataFrame({
        "id": [f"S{i + 1:04d}" for i in range(n)],
        "group": np.where(fgc, "fgc", "traditional"),
        "age": age, "girl": girl.astype(int), "prior_referrals": prior,
        "reason": np.where(behaviour, "behaviour", "abuse"), "immigrant": immigrant.astype(int),
        "time": np.round(time, 4), "event": event, "n_rereferrals": counts,
        "exposure_years": np.round(time, 4), "end": end,
    })


def _end_of_followup(rng: np.random.Generator, event: np.ndarray, ended_early: np.ndarray) -> np.ndarray:
    """How each child's follow-up ends, for competing-risks analyses (``ekc.competing_risks``).

    A re-referral gets its source (family 30 %, school 35 %, police 35 %); a follow-up that ends before
    three years without one ends for a competing reason (placed out of home 40 %, moved 60 %); the
    rest are still followed at three years (``censored``). Drawn from its own stream, so the other
    columns are the same as without it.
    """
    n = len(event)
    source = _pick(rng, {"rereferral_family": 0.30, "rereferral_school": 0.35, "rereferral_police": 0.35}, n)
    competing = _pick(rng, {"placed": 0.40, "moved": 0.60}, n)
    return np.where(event == 1, source, np.where(ended_early, competing, "censored"))


def simulate_meta(k: int = 12, seed: int = DEFAULT_SEED, effect: float = 0.0, tau: float = 0.15) -> pd.DataFrame:
    """Synthetic study effects (log risk ratios) for trying the meta-analysis: true mean ``effect``
    (no effect, as the WODC and Swedish findings suggest) and between-study SD ``tau``.

    These are *not* published results: a table of real, cited study effects is still to be entered by hand.
    """
    rng = np.random.default_rng(seed + 3)
    n = rng.integers(60, 900, k)
    se = np.sqrt(4 / n)  # log risk ratio of a ~50 % outcome in two equal arms
    true = rng.normal(effect, tau, k)
    return pd.DataFrame({"study": [f"Synthetic study {i + 1:02d}" for i in range(k)], "n": n,
                         "log_rr": np.round(rng.normal(true, se), 4), "se": np.round(se, 4),
                         "design": np.where(rng.random(k) < 0.5, "randomised", "cohort")})


def write_sample(out: str | os.PathLike[str], n: int = 1500, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the synthetic registry, trial and cohort as CSV; the same seed gives the same bytes."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    reg = simulate_registry(n, seed)
    wide, long = simulate_trial(max(40, n // 5), seed)
    cohort = simulate_cohort(max(60, (2 * n) // 5), seed)
    files = {
        "cases.csv": reg.cases.drop(columns=["referral_year", "closed"]),
        "agreements.csv": reg.agreements,
        "trial.csv": wide,
        "trial_long.csv": long,
        "cohort.csv": cohort,
        "meta_synthetic.csv": simulate_meta(seed=seed),
        "zonmw.csv": simulate_zonmw(seed),  # the real trial's shape, whatever n: 328 families, 529 children
        "wodc.csv": simulate_wodc(seed),  # the real study's three groups: 84 held, 121 not held, 85 care as usual
    }
    written = []
    for name, frame in files.items():
        path = out / name
        text = csv_text(frame, date_format="%Y-%m-%d", float_format="%.10g")  # synthetic, but inert all the same
        path.write_text(text, encoding="utf-8")
        written.append(path)
    marker = out / "SYNTHETIC"
    marker.write_text(f"Synthetic data made by ekc_analysis.simulate (n={n}, seed={seed}). "
                      "No real person is described.\n", encoding="utf-8")
    written.append(marker)
    return written
