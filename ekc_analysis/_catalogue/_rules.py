"""The problems the intake's rules state, by rule key: key → (English, Dutch).

A rule emits ``problem("key", ...)`` (ekc_analysis.intake); the catalogue holds the texts under
``rule_<key>``. Column and status placeholders are filled with the file's own words when shown.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "missing_column": (
        "required column is missing (accepted headers: {acc}); headers found on row {r}: {found}",
        "verplichte kolom ontbreekt (geaccepteerde kopjes: {acc}); kopjes gevonden op rij {r}: {found}"),
    "two_columns": ("two columns map to {c}: {a} and {b}", "twee kolommen horen bij {c}: {a} en {b}"),
    "not_a_date": ("not a date (expected dd-mm-yyyy, d/m/yy or yyyy-mm-dd)",
                   "geen datum (verwacht dd-mm-jjjj, d/m/jj of jjjj-mm-dd)"),
    "impossible_date": ("impossible date (no such day)", "onmogelijke datum (die dag bestaat niet)"),
    "negative": ("must not be negative", "mag niet negatief zijn"),
    "not_a_number": ("not a number", "geen getal"),
    "too_large": ("implausibly large for a count (above {max})",
                  "onwaarschijnlijk groot voor een aantal (meer dan {max})"),
    "whole_number": ("must be a whole number", "moet een geheel getal zijn"),
    "not_yes_no": ("not a yes/no value (ja/nee, yes/no, 1/0)", "geen ja/nee-waarde (ja/nee, yes/no, 1/0)"),
    "unknown_category": ("unknown value; allowed: {allowed}", "onbekende waarde; toegestaan: {allowed}"),
    "required_value": ("required value is missing", "verplichte waarde ontbreekt"),
    "duplicate": ("{c} appears twice (first seen in row {r})", "{c} komt dubbel voor (eerder op rij {r})"),
    "before": ("{c1} is before {c2}{rest}", "{c1} ligt vóór {c2}{rest}"),
    "after_as_of": ("{c} is after the extraction date as_of ({d}); a typing error, or give the real as_of",
                    "{c} ligt na de peildatum as_of ({d}); een tikfout, of geef de juiste as_of"),
    "conference_no_date": ("status is {conference} but {c} is empty", "status is {conference} maar {c} is leeg"),
    "date_but_status": ("{c} given but status is {s}", "{c} ingevuld maar status is {s}"),
    "greater": ("{c1} is greater than {c2} ({n})", "{c1} is groter dan {c2} ({n})"),
    "execution_no_plan": ("{execution} filled in for a case without a plan",
                          "{execution} ingevuld bij een aanmelding zonder plan"),
    "plan_but_stopped": ("{plan} is yes but status is {stopped}", "{plan} is ja maar status is {stopped}"),
    "unknown_case": ("{case_id} not found in the cases", "{case_id} komt niet voor bij de aanmeldingen"),
    "professional_missing": ("{professional} is empty", "{professional} is leeg"),
    "orphan_agreement": ("agreement belongs to a case without a plan",
                         "afspraak hoort bij een aanmelding zonder plan"),
    "count_disagrees": ("{c} is {a} but the agreements table has {b} for this case",
                        "{c} is {a} maar de afsprakentabel heeft er {b} voor deze aanmelding"),
    "not_found": ("file not found", "bestand niet gevonden"),
    "empty_file": ("file is empty", "bestand is leeg"),
    "no_records": ("no records below the header", "geen gegevens onder de kopregel"),
    "no_sheet": ("no sheet named '{sheet}'; sheets are: {all}", "geen werkblad '{sheet}'; de werkbladen zijn: {all}"),
    "no_cases_file": ("folder holds no cases file (cases.csv, aanmeldingen.xlsx, ...)",
                      "map bevat geen bestand met aanmeldingen (cases.csv, aanmeldingen.xlsx, ...)"),
    "ragged": ("row has {a} fields but the header has {b}", "rij heeft {a} velden, de kopregel {b}"),
    "repeated_header": (
        "the header '{h}' appears {k} times (columns {first} and {last}); rename one so that every header is "
        "unique (only the first is read)",
        "de kop '{h}' staat er {k} keer (kolommen {first} en {last}); geef er één een andere naam, zodat elke kop "
        "uniek is (alleen de eerste is ingelezen)"),
    "zip_bomb": (
        "part '{p}' of the workbook unpacks to {r} times its packed size ({size}), more than the limit of {lim} "
        "times: a file built to exhaust memory (a zip bomb), not an export; it was not read",
        "onderdeel '{p}' van de werkmap pakt uit tot {r} keer zijn ingepakte grootte ({size}), meer dan de grens "
        "van {lim} keer: een bestand gemaakt om het geheugen uit te putten (een zipbom), geen export; niet ingelezen"),
    "workbook_size": (
        "the workbook unpacks to {size}, more than the limit of {lim}; it was not read (split the export, or save "
        "it as .csv)",
        "de werkmap pakt uit tot {size}, meer dan de grens van {lim}; niet ingelezen (splits de export, of bewaar "
        "hem als .csv)"),
    "workbook_parts": ("the workbook holds {n} parts, more than the limit of {lim}; it was not read",
                       "de werkmap bestaat uit {n} onderdelen, meer dan de grens van {lim}; niet ingelezen"),
    "xml_entities_part": (
        "part '{p}' of the workbook declares XML entities (<!DOCTYPE>/<!ENTITY>), which Excel never writes and "
        "which can make a reader expand text without end or read other files; it was not read (save the sheet again "
        "from Excel, or as .csv)",
        "onderdeel '{p}' van de werkmap declareert XML-entiteiten (<!DOCTYPE>/<!ENTITY>), die Excel nooit schrijft "
        "en waarmee een lezer tekst eindeloos kan uitvouwen of andere bestanden kan lezen; niet ingelezen (bewaar "
        "het blad opnieuw vanuit Excel, of als .csv)"),
    "xml_entities": (
        "the workbook declares XML entities (<!DOCTYPE>/<!ENTITY>), which Excel never writes and which can make a "
        "reader expand text without end or read other files; it was not read (save the sheet again from Excel, or "
        "as .csv)",
        "de werkmap declareert XML-entiteiten (<!DOCTYPE>/<!ENTITY>), die Excel nooit schrijft en waarmee een "
        "lezer tekst eindeloos kan uitvouwen of andere bestanden kan lezen; niet ingelezen (bewaar het blad "
        "opnieuw vanuit Excel, of als .csv)"),
    "not_a_workbook": (
        "not an Excel workbook (an .xlsx is a zip archive; this file is not one): save it again as .xlsx or .csv",
        "geen Excel-werkmap (een .xlsx is een zip-archief; dit bestand is dat niet): bewaar het opnieuw als .xlsx "
        "of .csv"),
    "too_many_rows": ("sheet '{sheet}' has more than {n} rows, the limit (Excel's own); it was not read",
                      "werkblad '{sheet}' heeft meer dan {n} rijen, de grens (die van Excel zelf); niet ingelezen"),
}
