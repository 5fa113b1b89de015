"""Published reference figures, each with its source.

The numbers here are the ones ``DESIGN.md`` lists; analyses compare against
them (``versus_reference``) and :mod:`ekc_analysis.simulate` is calibrated on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..i18n import Message

EKC = "Eigen Kracht Centrale, 15 years of registration (as quoted in the source texts, c. 2015)"
WODC = ("WODC / University of Amsterdam quasi-experimental study of families under a supervision order "
        "(held a conference / offered, not held / care as usual; Dijkstra et al. 2016)")
ZONMW = ('ZonMw project "Eigen Kracht Conferenties (EK-c\'s) binnen de jeugdzorg" '
         "(Asscher, Dijkstra et al.)")
SUNDELL = "Sundell & Vinnerljung (2004), Child Abuse & Neglect 28"
HILHORST = "Hilhorst & Van der Lans (opinion text; not traced to a study)"

SOURCE_INFO: dict[str, dict[str, Message]] = {
    source: {"kind": Message(f"source_kind_{key}")}
    for source, key in ((EKC, "ekc"), (WODC, "wodc"), (ZONMW, "zonmw"), (SUNDELL, "sundell"), (HILHORST, "hilhorst"))
}
"""What kind of figure each source gives: ``SOURCE_INFO[source]["kind"]``, a message (the English text;
``.render("nl")`` in Dutch), from the catalogue (``source_kind_<source>``)."""


@dataclass(frozen=True)
class Reference:
    key: str
    value: float
    description: str
    source: str
    unit: str = "share"


REFERENCES: dict[str, Reference] = {r.key: r for r in (
    Reference("funnel_conference", 0.70, "initiatives reaching a conference", EKC),
    Reference("funnel_plan_without_conference", 0.15, "initiatives ending in a plan without conference", EKC),
    Reference("funnel_stopped", 0.15, "initiatives stopped during preparation", EKC),
    Reference("plan_rate", 0.90, "conferences that produce a plan (9 in 10)", EKC),
    Reference("agreements_per_plan", 15.0, "agreements per plan, on several life domains", EKC, "count"),
    Reference("professional_share", 0.20, "agreements calling on professional help (1 in 5)", EKC),
    Reference("plans_meeting_safety", 1.0, "plans meeting the legal safety requirement (all)", EKC),
    Reference("execution_full", 0.40, "plans fully carried out 3–5 months after the conference", EKC),
    Reference("execution_partial", 0.50, "plans partly carried out 3–5 months after the conference", EKC),
    Reference("execution_none", 0.10, "plans not carried out 3–5 months after the conference", EKC),
    Reference("coordinator_hours", 30.0, "coordinator time per conference (hours)", EKC, "hours"),
    Reference("conferences_nl_2015", 10_000.0, "conferences held in the Netherlands by 2015", EKC, "count"),
    Reference("nz_placements_change", -0.80, "out-of-home placements in New Zealand after FGC became law",
              HILHORST, "relative change"),
    Reference("zonmw_conference_held", 0.27,
              "families offered a conference by default who actually held one (rest analysed as offered)",
              ZONMW),
    Reference("wodc_safety_effect", 0.0, "effect of FGC on child safety (no better safety)", WODC,
              "difference"),
    Reference("wodc_care_effect", 0.0, "effect of FGC on professional care use (no less care)", WODC,
              "difference"),
    Reference("sundell_followup_years", 3.0, "years of follow-up of FGC and comparison children", SUNDELL,
              "years"),
)}

FUNNEL = {"conference": 0.70, "plan_without_conference": 0.15, "stopped": 0.15}
EXECUTION = {"full": 0.40, "partial": 0.50, "none": 0.10}


def reference_table() -> pd.DataFrame:
    """All reference figures as a table: key, value, unit, description, source."""
    return pd.DataFrame([{"key": r.key, "value": r.value, "unit": r.unit, "description": r.description,
                          "source": r.source} for r in REFERENCES.values()])
