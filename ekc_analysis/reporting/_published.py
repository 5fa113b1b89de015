"""The ledger of one report: every count the report publishes, from the analyses it shows.

Keys (``table/stratum/cell``):

- ``funnel/closed``, ``funnel/ongoing``, ``funnel/initiatives``, ``funnel/stage/<stage>`` and
  ``funnel/flow/<plan|no_plan|plan_unknown>`` (the conferences split by plan), with shares
  ``funnel/share/<stage>``;
- ``funnel_year/<year>/closed`` and ``funnel_year/<year>/<stage>`` (years add up to the whole);
- ``execution/<full|partial|none>``, ``execution/followed``, ``execution/missing``, ``execution/plans``;
- ``plans/known``, ``plans/with_agreements``, ``plans/agreements``, ``plans/professional``, ``plans/other``;
  shares ``plans/<metric>`` (the mean number of agreements per plan is agreements / plans);
- ``bm/<level>/<metric>/<unit>/<n|events|rest>`` and ``bm/<level>/<metric>/total/<n|events|rest>``, share
  ``bm/<level>/<metric>/<unit>/share``; the units' totals add up to the funnel's and the execution
  table's, and municipalities add up to their region where each lies in one region;
- ``flow/<trial|cohort>/<stage>/<group>[/<reason>]``: the CONSORT and STROBE flow (:mod:`.flow`), and
  ``t1/<trial|cohort>/<variable>/<group>/<cell>``: Table 1 under the flow's arms (:mod:`.baseline`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from ..results import Result
from ._ledger import Ledger

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import Analyses

STAGES = ("conference", "plan_without_conference", "stopped")
LEVELS = ("full", "partial", "none")
EVENTS = {"conference": "funnel/stage/conference", "execution": "execution/full"}
TOTALS = {"conference": "funnel/closed", "execution": "execution/followed"}


def ledger_for(a: Analyses, threshold: int) -> Ledger:
    """The report's ledger, built once per analyses and threshold."""
    if threshold not in a.ledgers:
        a.ledgers[threshold] = build_ledger(a, threshold)
    return a.ledgers[threshold]


def build_ledger(a: Analyses, threshold: int = 10) -> Ledger:
    led = Ledger(threshold)
    r = a.described
    register_funnel(led, r.funnel)
    _funnel_years(led, r.funnel_year)
    _execution(led, r.execution)
    _plans(led, r.plans)
    for _, res in r.benchmarks.named():
        register_benchmark(led, res)
    _nesting(led, a)
    _studies(led, a)
    led.decide()
    return led


def _studies(led: Ledger, a: Analyses) -> None:
    """The trial's and the cohort's flow, and their Table 1 under the flow's arms (the same counts)."""
    from ._baseline import register_table_one
    from ._flow import flow_key, register_flow

    studies = ([("trial", a.trial.consort, a.trial.table_one)] if a.trial is not None else []) + (
        [("cohort", a.cohort.flow, a.cohort.table_one)] if a.cohort is not None else [])
    for study, flow, one in studies:
        if flow is not None:
            register_flow(led, study, flow)
        if one is not None:
            register_table_one(led, study, one, partial(flow_key, study, "allocated"))


def register_funnel(led: Ledger, res: Result) -> None:
    ft = res.table.set_index("stage")
    closed = led.count("funnel/closed", ft["denominator"].iloc[0], protected=True)
    kids = [led.count(f"funnel/stage/{s}", ft.loc[s, "n"]) for s in STAGES if s in ft.index]
    led.relation(closed, kids)
    for s in STAGES:
        if s in ft.index:
            led.share(f"funnel/share/{s}", f"funnel/stage/{s}", closed)
    flow = res.extras["flow"].set_index("target")["n"]
    ongoing = led.count("funnel/ongoing", flow["ongoing"])
    led.relation(led.count("funnel/initiatives", flow[list(STAGES)].sum() + flow["ongoing"]), [closed, ongoing])
    for p in ("plan", "no_plan", "plan_unknown"):
        led.count(f"funnel/flow/{p}", flow.get(p, 0))


def _funnel_years(led: Ledger, res: Result) -> None:
    t = res.table
    years = []
    for year, rows in t.groupby("referral_year", sort=False):
        rows = rows.set_index("stage")
        total = led.count(f"funnel_year/{year}/closed", rows["denominator"].iloc[0])
        years.append(total)
        led.relation(total, [led.count(f"funnel_year/{year}/{s}", rows.loc[s, "n"]) for s in rows.index])
        for s in rows.index:
            led.share(f"funnel_year/{year}/share/{s}", f"funnel_year/{year}/{s}", total)
    led.relation("funnel/closed", years)
    for s in STAGES:
        cells = [f"funnel_year/{y}/{s}" for y in t["referral_year"].unique() if f"funnel_year/{y}/{s}" in led.counts]
        if f"funnel/stage/{s}" in led.counts:
            led.relation(f"funnel/stage/{s}", cells)


def _execution(led: Ledger, res: Result) -> None:
    et = res.table.set_index("execution")
    followed = led.count("execution/followed", et["n"].sum(), protected=True)
    led.relation(followed, [led.count(f"execution/{e}", et.loc[e, "n"]) for e in LEVELS if e in et.index])
    for e in LEVELS:
        if e in et.index:
            led.share(f"execution/share/{e}", f"execution/{e}", followed)
    b = res.extras["bounds"]
    plans = led.count("execution/plans", b["plans"].iloc[0])
    missing = led.count("execution/missing", b["without_usable_followup"].iloc[0])
    led.relation(plans, [followed, missing])
    led.share("execution/bound_lower", "execution/full", plans)
    led.share("execution/bound_upper", "execution/missing", plans)
    if "funnel/flow/plan" in led.counts:
        led.relation("funnel/flow/plan", [plans])  # the plans due for follow-up are some of all plans


def _plans(led: Ledger, res: Result) -> None:
    pt = res.table.set_index("metric")
    # conferences = (with a plan + without one: the plan rate's n) + plan unknown: one hierarchy, so that no
    # two relations share their children (which would tie their parents together unseen)
    known = led.count("plans/known", pt.loc["plan_rate", "n"])
    led.relation("funnel/stage/conference", [known, "funnel/flow/plan_unknown"])
    led.relation(known, ["funnel/flow/plan", "funnel/flow/no_plan"])
    led.share("plans/plan_rate", "funnel/flow/plan", known)
    with_agreements = led.count("plans/with_agreements", pt.loc["agreements_per_plan", "n"])
    led.relation("funnel/flow/plan", [with_agreements])
    ps = pt.loc["professional_share"]
    agreements = led.count("plans/agreements", ps["n"])
    professional = 0.0 if ps["n"] == 0 else round(float(ps["estimate"]) * float(ps["n"]))
    led.relation(
        agreements,
        [led.count("plans/professional", professional), led.count("plans/other", float(ps["n"]) - professional)],
    )
    led.share("plans/professional_share", "plans/professional", agreements)
    led.share("plans/agreements_per_plan", agreements, with_agreements)


def unit_key(res: Result, unit: object, cell: str) -> str:
    return f"bm/{res.settings['by']}/{res.settings['metric']}/{unit}/{cell}"


def register_benchmark(led: Ledger, res: Result) -> None:
    """A benchmark's units: n = events + rest per unit (n protected), the units adding up to the totals."""
    t = res.table
    metric = str(res.settings["metric"])
    cols: dict[str, list[str]] = {"n": [], "events": [], "rest": []}
    for row in t.itertuples(index=False):
        n = led.count(unit_key(res, row.unit, "n"), row.n, protected=True)
        e = led.count(unit_key(res, row.unit, "events"), row.events)
        rest = led.count(unit_key(res, row.unit, "rest"), row.n - row.events)
        led.relation(n, [e, rest])
        led.share(unit_key(res, row.unit, "share"), e, n)
        cols["n"].append(n)
        cols["events"].append(e)
        cols["rest"].append(rest)
    totals = {
        c: led.count(
            unit_key(res, "total", c),
            float(t[c if c != "rest" else "n"].sum() - (t["events"].sum() if c == "rest" else 0)),
            protected=True,
        )
        for c in cols
    }
    for c, keys in cols.items():
        led.relation(totals[c], keys)
    led.relation(totals["n"], [totals["events"], totals["rest"]])
    led.share(unit_key(res, "total", "share"), totals["events"], totals["n"])
    if TOTALS.get(metric) in led.counts:  # units without a known region or municipality are left out
        led.relation(TOTALS[metric], [totals["n"]])
        led.relation(EVENTS[metric], [totals["events"]])


def _nesting(led: Ledger, a: Analyses) -> None:
    """Municipalities add up to their region (where every municipality lies in one region)."""
    c = a.registry.cases
    if not {"region", "municipality"} <= set(c.columns):
        return
    pairs = c[["municipality", "region"]].dropna().astype(str).drop_duplicates()
    if pairs["municipality"].duplicated().any():
        return
    bm = a.described.benchmarks
    for metric in ("conference", "execution"):
        mres, rres = bm.of("municipality", metric), bm.of("region", metric)
        if mres is None or rres is None:
            continue
        members = pairs.groupby("region")["municipality"].apply(list)
        for region in rres.table["unit"]:
            towns = [u for u in members.get(region, []) if unit_key(mres, u, "n") in led.counts]
            for cell in ("n", "events", "rest"):
                led.relation(unit_key(rres, region, cell), [unit_key(mres, u, cell) for u in towns])


def unit_marks(res: Result, led: Ledger) -> pd.DataFrame:
    """Per unit of a benchmark: the marks of its n and of its share ('' shown), and whether its flag shows
    (it does whenever n is not small: the position is what the unit needs to know)."""
    rows = [
        {
            "n": led.mark(unit_key(res, u, "n")),
            "share": led.mark(unit_key(res, u, "share")),
            "flag_shown": not led.small(unit_key(res, u, "n")),
        }
        for u in res.table["unit"]
    ]
    return pd.DataFrame(rows, index=res.table.index)


def standalone(res: Result, threshold: int) -> Ledger:
    """A ledger for one benchmark outside a report: its totals count as published."""
    led = Ledger(threshold)
    register_benchmark(led, res)
    led.decide()
    return led


# --- the keys of each table's rows (the tables, CSV files, sentences and figures read them) ---------------
PLAN_N = {
    "plan_rate": "plans/known",
    "agreements_per_plan": "plans/with_agreements",
    "professional_share": "plans/agreements",
}


def row_keys(name: str, table: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(count keys, total keys) of the rows of a registry table of the report, by the table's name."""
    if name in ("funnel", "funnel_vs_reference"):
        return [f"funnel/stage/{s}" for s in table["stage"]], ["funnel/closed"] * len(table)
    if name == "funnel_by_year":
        years = table["year"] if "year" in table else table["referral_year"]
        return (
            [f"funnel_year/{y}/{s}" for y, s in zip(years, table["stage"], strict=True)],
            [f"funnel_year/{y}/closed" for y in years],
        )
    if name == "execution":
        return [f"execution/{e}" for e in table["execution"]], ["execution/followed"] * len(table)
    if name == "plans":
        return [PLAN_N[m] for m in table["metric"]], [f"plans/{m}" for m in table["metric"]]
    raise KeyError(name)


def share_keys(name: str, table: pd.DataFrame) -> list[str]:
    """The share key of each row (its estimate is shown only when the share is)."""
    if name in ("funnel", "funnel_vs_reference"):
        return [f"funnel/share/{s}" for s in table["stage"]]
    if name == "funnel_by_year":
        years = table["year"] if "year" in table else table["referral_year"]
        return [f"funnel_year/{y}/share/{s}" for y, s in zip(years, table["stage"], strict=True)]
    if name == "execution":
        return [f"execution/share/{e}" for e in table["execution"]]
    return row_keys(name, table)[1]


__all__ = [
    "build_ledger",
    "ledger_for",
    "register_benchmark",
    "register_funnel",
    "row_keys",
    "share_keys",
    "standalone",
    "unit_key",
    "unit_marks",
]
