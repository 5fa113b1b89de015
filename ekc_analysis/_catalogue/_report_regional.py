"""The report's page for policymakers (``report_regional_<key>``): each region and municipality against the
whole, the units outside the control limits named in words, the table's column names and the paragraph on
the reader's own unit.

``key -> (English, Dutch)``; looked up by ``reporting/_regional.py``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "heading": ("Regions and municipalities compared", "Regio's en gemeenten vergeleken"),
    "intro": (
        "How does your region or municipality compare with the whole? Each dot is one unit: across, its number of "
        "initiatives (or plans); up, its share. The lines are control limits around the share of all units together: "
        "within the dashed 95% limits differences fit chance; outside the solid 99.8% limits a unit lies by chance "
        "only 1 time in 500. Small units have wider limits, because their share swings more.",
        "Hoe verhoudt uw regio of gemeente zich tot het geheel? Elke stip is een eenheid: links-rechts het aantal "
        "aanmeldingen (of plannen), boven-onder het aandeel. De lijnen zijn controlegrenzen rond het aandeel van "
        "alle eenheden samen: binnen de gestippelde 95%-grenzen liggen verschillen die bij toeval passen; buiten de "
        "doorgetrokken 99,8%-grenzen ligt een eenheid alleen in 1 op de 500 gevallen door toeval. Kleine eenheden "
        "hebben wijdere grenzen, omdat hun aandeel sterker schommelt."),
    "caveat": (
        "A unit outside the limits differs by more than chance explains, which does not yet say why: other families, "
        "other referrers or another way of registering may be the reason. It is not a ranking.",
        "Een eenheid buiten de grenzen verschilt meer dan toeval verklaart, maar dat zegt nog niet waarom: andere "
        "gezinnen, andere verwijzers of een andere manier van registreren kunnen de oorzaak zijn. Het is geen "
        "ranglijst."),
    "method": (
        "Limits: exact binomial limits with Spiegelhalter's (2005) interpolation around the share of all units "
        "together (cases without a known region or municipality are left out).",
        "Grenzen: exacte binomiale grenzen met de interpolatie van Spiegelhalter (2005) rond het aandeel van alle "
        "eenheden samen (eenheden zonder bekende regio of gemeente tellen niet mee)."),
    "metric_conference": (
        "share of closed initiatives that reached a conference",
        "aandeel afgeronde aanmeldingen met een conferentie"),
    "metric_execution": (
        "share of plans fully carried out 3–5 months after the conference",
        "aandeel plannen dat 3–5 maanden na de conferentie volledig was uitgevoerd"),
    "unit_region": ("region", "regio"),
    "units_region": ("regions", "regio's"),
    "unit_municipality": ("municipality", "gemeente"),
    "units_municipality": ("municipalities", "gemeenten"),
    "of_conference": ("closed initiatives", "afgeronde aanmeldingen"),
    "of_execution": ("plans with a follow-up", "plannen met een evaluatie"),
    "summary": ("All {units} together: {overall}.", "Alle {units} samen: {overall}."),
    "above_99.8": (
        "Above the 99.8% limit (clearly higher than the whole): {list}.",
        "Boven de 99,8%-grens (duidelijk hoger dan het geheel): {list}."),
    "above_95": (
        "Above the 95% limit but within the 99.8% limit (possibly higher): {list}.",
        "Boven de 95%-grens, maar binnen de 99,8%-grens (mogelijk hoger): {list}."),
    "below_95": (
        "Below the 95% limit but within the 99.8% limit (possibly lower): {list}.",
        "Onder de 95%-grens, maar binnen de 99,8%-grens (mogelijk lager): {list}."),
    "below_99.8": (
        "Below the 99.8% limit (clearly lower than the whole): {list}.",
        "Onder de 99,8%-grens (duidelijk lager dan het geheel): {list}."),
    "all_within": (
        "All {units} shown lie within the 95% limits: the differences fit chance.",
        "Alle getoonde {units} liggen binnen de 95%-grenzen: de verschillen passen bij toeval."),
    "rest_within": (
        "The other {units} shown lie within the 95% limits.",
        "De andere getoonde {units} liggen binnen de 95%-grenzen."),
    "too_small": (
        "Share not shown, too few cases (fewer than {k} in a cell): {list}.",
        "Aandeel niet getoond, te weinig gevallen (minder dan {k} in een cel): {list}."),
    "protected": (
        "Share hidden so that those small counts cannot be recovered: {list}.",
        "Aandeel afgeschermd zodat die kleine aantallen niet terug te rekenen zijn: {list}."),
    "item": ("{unit} ({share} of {n})", "{unit} ({share} van {n})"),
    "item_hidden": ("{unit} (n = {n}; share hidden)", "{unit} (n = {n}; aandeel afgeschermd)"),
    "item_bare": ("{unit}", "{unit}"),
    "none_within": (
        "None of the {units} lies within the 95% limits.",
        "Geen van de {units} ligt binnen de 95%-grenzen."),
    "placed_within": (
        "All {units} whose position can be shown lie within the 95% limits.",
        "Alle {units} waarvan de ligging te tonen is, liggen binnen de 95%-grenzen."),
    "col_key": ("no. in figure", "nr. in figuur"),
    "own_one": (
        "This export holds one municipality, {unit}: every figure in this report is about {unit} and is set against "
        "the national figures; comparing with other municipalities takes more than this export.",
        "Deze export bevat één gemeente, {unit}: alle cijfers in dit rapport gaan over {unit} en staan naast de "
        "landelijke cijfers; met andere gemeenten vergelijken kan met deze export alleen niet."),
    "own_intro": (
        "{Unit} against all {units} in these data: {list}.",
        "{Unit} vergeleken met alle {units} in deze gegevens: {list}."),
    "own_metric": ("{what}: {value}, {position}", "{what}: {value}, {position}"),
    "own_value": ("{share} of {n} {of}", "{share} van {n} {of}"),
    "own_value_hidden": ("{n} {of}, share hidden", "{n} {of}, aandeel afgeschermd"),
    "own_unplaced": ("too few cases to place (fewer than {k})", "te weinig gevallen om te plaatsen (minder dan {k})"),
    "own_none": (
        "{Unit} is not in the comparison of {units} (no closed initiatives or plans).",
        "{Unit} staat niet in de vergelijking van {units} (geen afgeronde aanmeldingen of plannen)."),
    "col_unit": ("unit", "eenheid"),
    "col_n": ("n", "aantal"),
    "col_share": ("share", "aandeel"),
    "col_position": ("position", "ligging"),
    "within": ("within the limits", "binnen de grenzen"),
    "above_95_short": ("above 95% limit", "boven 95%-grens"),
    "below_95_short": ("below 95% limit", "onder 95%-grens"),
    "above_99.8_short": ("above 99.8% limit", "boven 99,8%-grens"),
    "below_99.8_short": ("below 99.8% limit", "onder 99,8%-grens"),
    "hidden_short": ("—", "—"),
    "caption": ("{What} by {unit}", "{What} per {unit}"),
}
