"""Canonical tables, columns, categories and the Dutch aliases that map onto them.

This module only *declares*: which columns a table has, of which kind, which
values a category allows and which Dutch (or English) spellings mean the same.
:mod:`ekc_analysis.intake` applies these declarations to data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["id", "date", "category", "bool", "count", "number", "text"]


@dataclass(frozen=True)
class Column:
    """One canonical column: its kind, whether it must be present, and its aliases."""

    name: str
    kind: Kind
    required: bool = False
    categories: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    description: str = ""
    by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


STATUSES = ("conference", "plan_without_conference", "stopped", "ongoing")
CLOSED_STATUSES = ("conference", "plan_without_conference", "stopped")
EXECUTIONS = ("full", "partial", "none")
CONTEXTS = ("voluntary", "drang", "dwang")

CASES = Table(
    "cases",
    (
        Column("case_id", "id", True, aliases=("dossiernummer", "dossiernr", "dossier", "casusnummer",
                                                "casus_id", "zaaknummer", "registratienummer", "id"),
               description="unique id of the initiative (aanmelding)"),
        Column("referral_date", "date", True, aliases=("aanmelddatum", "datum_aanmelding",
                                                       "aanmelding_datum", "datum_verwijzing"),
               description="date of referral"),
        Column("status", "category", True, STATUSES, aliases=("uitkomst", "resultaat", "stand"),
               description="how the initiative ended (or `ongoing`)"),
        Column("conference_date", "date", aliases=("conferentiedatum", "datum_conferentie",
                                                   "datum_ekc", "ekc_datum")),
        Column("plan", "bool", aliases=("plan_gemaakt", "plan_opgesteld", "plan_aanwezig")),
        Column("plan_date", "date", aliases=("plandatum", "datum_plan")),
        Column("n_agreements", "count", aliases=("aantal_afspraken", "afspraken")),
        Column("n_professional", "count", aliases=("aantal_afspraken_professionals",
                                                   "aantal_professionele_afspraken",
                                                   "afspraken_professionele_hulp",
                                                   "aantal_afspraken_professionele_hulp")),
        Column("followup_date", "date", aliases=("datum_follow_up", "followupdatum", "follow_up_datum",
                                                 "evaluatiedatum", "datum_evaluatie")),
        Column("execution", "category", categories=EXECUTIONS,
               aliases=("uitvoering", "uitvoering_plan", "mate_van_uitvoering")),
        Column("region", "text", aliases=("regio",)),
        Column("municipality", "text", aliases=("gemeente",)),
        Column("referrer", "text", aliases=("verwijzer", "aanmelder", "verwijzende_instantie")),
        Column("problem_area", "text", aliases=("probleemgebied", "probleemveld", "probleem",
                                                "hoofdprobleem")),
        Column("context", "category", categories=CONTEXTS, aliases=("kader",)),
        Column("coordinator_id", "text", aliases=("coordinator", "coordinator_id", "coordinatornummer")),
        Column("coordinator_hours", "number", aliases=("uren_coordinator", "coordinator_uren",
                                                       "coordinatoruren", "uren")),
        Column("n_participants", "count", aliases=("aantal_deelnemers", "deelnemers")),
    ),
    "one row per initiative (aanmelding)",
)

AGREEMENTS = Table(
    "agreements",
    (
        Column("case_id", "id", True, aliases=CASES.by_name["case_id"].aliases),
        Column("agreement_id", "id", aliases=("afspraaknummer", "afspraak_id", "afspraak_nr")),
        Column("domain", "text", aliases=("domein", "leefgebied", "levensgebied")),
        Column("professional", "bool", aliases=("professioneel", "professionele_hulp",
                                                "hulpverlening", "professional_help")),
        Column("executed", "bool", aliases=("uitgevoerd", "nagekomen")),
    ),
    "one row per agreement (afspraak) in a plan",
)

STUDY = Table(
    "study",
    (
        Column("id", "id", True, aliases=("kind_id", "gezin_id", "respondent", "respondentnummer",
                                          "deelnemer", "participant", "child_id", "family_id",
                                          "dossiernummer")),
        Column("group", "text", aliases=("groep", "arm", "conditie", "condition")),
        Column("conference_held", "bool", aliases=("conferentie_gehouden", "ekc_gehouden")),
        Column("wave", "number", aliases=("meting", "meetmoment")),
        Column("time", "number", aliases=("tijd", "followup_time", "duur")),
        Column("event", "bool", aliases=("gebeurtenis", "heraanmelding")),
        Column("costs", "number", aliases=("kosten", "zorgkosten")),
    ),
    "one row per child or family (or per id and wave in long form); other columns are kept",
)

TABLES = {t.name: t for t in (CASES, AGREEMENTS, STUDY)}

# Value aliases per kind or column, keyed by normalised spelling.
STATUS_ALIASES = {
    "conference": "conference", "conferentie": "conference", "ekc": "conference",
    "conferentie_gehouden": "conference", "eigen_kracht_conferentie": "conference",
    "plan_without_conference": "plan_without_conference", "plan_zonder_conferentie": "plan_without_conference",
    "plan_zonder_ekc": "plan_without_conference",
    "stopped": "stopped", "gestopt": "stopped", "afgebroken": "stopped", "gestopt_in_voorbereiding": "stopped",
    "stopped_in_preparation": "stopped",
    "ongoing": "ongoing", "lopend": "ongoing", "loopt": "ongoing", "in_voorbereiding": "ongoing",
    # words of municipal exports. "Afgerond" (completed) is a trajectory that reached its end, the
    # conference: an initiative that ends without one is registered as "Gestopt" or "Plan zonder
    # conferentie" in the same exports. Rows so marked must then carry a conference date; an export
    # that uses "Afgerond" for every closed case fails that rule and needs its statuses recoded.
    "afgerond": "conference", "ek_c_gehouden": "conference", "ekc_gehouden": "conference",
    "eigen_kracht_conferentie_gehouden": "conference", "conferentie_geweest": "conference",
    "conferentie_afgerond": "conference", "ek_c_afgerond": "conference", "conference_held": "conference",
    "plan_zonder_ek_c": "plan_without_conference", "eigen_plan": "plan_without_conference",
    "plan_zonder_eigen_kracht_conferentie": "plan_without_conference",
    "plan_without_a_conference": "plan_without_conference",
    "gestopt_voor_conferentie": "stopped", "geannuleerd": "stopped", "niet_doorgegaan": "stopped",
    "afgezegd": "stopped", "voortijdig_gestopt": "stopped", "beeindigd_zonder_conferentie": "stopped",
    "loopt_nog": "ongoing", "in_behandeling": "ongoing", "aangemeld": "ongoing", "open": "ongoing",
    "in_progress": "ongoing",
}
EXECUTION_ALIASES = {
    "full": "full", "fully": "full", "volledig": "full", "helemaal": "full", "geheel": "full",
    "partial": "partial", "partly": "partial", "gedeeltelijk": "partial", "deels": "partial",
    "none": "none", "not": "none", "niet": "none", "geen": "none", "niet_uitgevoerd": "none",
}
CONTEXT_ALIASES = {
    "voluntary": "voluntary", "vrijwillig": "voluntary", "vrijwillig_kader": "voluntary",
    "drang": "drang", "pressure": "drang",
    "dwang": "dwang", "gedwongen": "dwang", "gedwongen_kader": "dwang", "coercion": "dwang",
}
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "status": STATUS_ALIASES,
    "execution": EXECUTION_ALIASES,
    "context": CONTEXT_ALIASES,
}
TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "1.0", "x", "wel"})
FALSE_WORDS = frozenset({"nee", "n", "no", "false", "onwaar", "0", "0.0", "niet"})
MISSING_WORDS = frozenset({"", "na", "n/a", "nan", "null", "nvt", "n.v.t.", "onbekend", "unknown", "-",
                           "#n/b", "#n/a", "nat", "niet bekend", "n.b.", "?", "--", "n/b"})

# Columns a report must never show.
IDENTIFIER_COLUMNS = frozenset({"case_id", "agreement_id", "coordinator_id", "id", "bsn", "name",
                                "naam", "birth_date", "geboortedatum", "burgerservicenummer"})

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: object) -> str:
    """Lower-case, strip accents and stray spaces, join words with ``_``.

    >>> normalise("  Uren Coördinator ")
    'uren_coordinator'
    """
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("_", s.lower()).strip("_")


CHILD_IDS = frozenset({"kind_id", "child_id", "kindnummer"})
FAMILY_IDS = frozenset({"gezin_id", "family_id", "gezinsnummer"})


def header_map(table: Table, headers: list[str], mapping: dict[str, str] | None = None) -> dict[str, str]:
    """Map the file's headers onto canonical names.

    A user ``mapping`` (their header → canonical) wins; then exact canonical
    names; then aliases, all compared after :func:`normalise`. Headers that
    match nothing are kept under their own (normalised) name.
    """
    user = {normalise(k): v for k, v in (mapping or {}).items()}
    alias = {}
    for col in table.columns:
        alias[normalise(col.name)] = col.name
        for a in col.aliases:
            alias.setdefault(normalise(a), col.name)
    out: dict[str, str] = {}
    for h in headers:
        key = normalise(h)
        if key in user:
            out[h] = user[key]
        elif h in user.values() or key in alias:
            out[h] = alias.get(key, h)
        else:
            out[h] = key or str(h)
    if table.name == "study":  # one row per child: the child is the id, the family stays a column (the cluster)
        ids = [h for h, t in out.items() if t == "id" and normalise(h) not in user]
        if len(ids) > 1 and any(normalise(h) in CHILD_IDS for h in ids):
            for h in ids:
                if normalise(h) in FAMILY_IDS:
                    out[h] = normalise(h)
    return out
