"""The notes of the descriptive analyses (benchmark, end states), the kinds of the published figures' sources, and
what loading a registry noted: key → (English, Dutch).

The load notes say what the loader made of a file (``Registry.notes``): how it was decoded, which columns were
read, what was left out. Their parameters hold the file's own headers and words as written; ``where`` is the
file, or the file and its sheet (``note_where_sheet``).
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the published figures: what kind of figure each source gives (describe.SOURCE_INFO)
    "source_kind_ekc": (
        "the organisation's own registration figures, approximate (later years: 68/16/16 % in 2017, 91 % of "
        "conferences with a plan in 2019)",
        "eigen registratiecijfers van de organisatie, bij benadering (latere jaren: 68/16/16% in 2017, 91% van de "
        "conferenties met een plan in 2019)"),
    "source_kind_wodc": ("study result (quasi-experimental)", "onderzoeksresultaat (quasi-experimenteel)"),
    "source_kind_zonmw": (
        "study result (randomised trial; Dijkstra et al. 2019, Child Maltreatment 24)",
        "onderzoeksresultaat (experiment met loting; Dijkstra e.a. 2019, Child Maltreatment 24)"),
    "source_kind_sundell": ("study result (cohort)", "onderzoeksresultaat (cohort)"),
    "source_kind_hilhorst": ("unverified: quoted in an opinion text", "niet geverifieerd: genoemd in een opiniestuk"),
    # benchmark: what is compared (also in the title)
    "what_benchmark_conference": (
        "share of closed initiatives that reached a conference",
        "aandeel van de afgeronde aanmeldingen dat een conferentie bereikte"),
    "what_benchmark_execution": (
        "share of followed-up conference plans fully carried out 3–5 months after the conference",
        "aandeel van de geëvalueerde conferentieplannen dat 3–5 maanden na de conferentie volledig is uitgevoerd"),
    # notes: benchmark
    "note_benchmark_overall_conference": (
        "{metric}, by {by}: overall {share:.1f}% over {n:,} initiatives in {units} units.",
        "{metric}, per {by}: in totaal {share:.1f}% over {n:,} aanmeldingen in {units} eenheden."),
    "note_benchmark_overall_execution": (
        "{metric}, by {by}: overall {share:.1f}% over {n:,} plans in {units} units.",
        "{metric}, per {by}: in totaal {share:.1f}% over {n:,} plannen in {units} eenheden."),
    "note_benchmark_limits_exact": (
        "95% and 99.8% control limits around the overall share: exact binomial limits with Spiegelhalter's (2005) "
        "interpolation.",
        "95%- en 99,8%-controlegrenzen rond het totale aandeel: exacte binomiale grenzen, geïnterpoleerd volgens "
        "Spiegelhalter (2005)."),
    "note_benchmark_limits_normal": (
        "95% and 99.8% control limits around the overall share: normal approximation p0 ± z·sqrt(p0(1 − p0)/n).",
        "95%- en 99,8%-controlegrenzen rond het totale aandeel: normale benadering p0 ± z·sqrt(p0(1 − p0)/n)."),
    "note_benchmark_outside_998": (
        "{n} unit(s) outside the 99.8% limits: {units}.",
        "{n} eenheid/eenheden buiten de 99,8%-grenzen: {units}."),
    "note_benchmark_outside_998_none": (
        "{n} unit(s) outside the 99.8% limits.",
        "{n} eenheden buiten de 99,8%-grenzen."),
    "note_benchmark_outside_95": (
        "{n} unit(s) outside the 95% limits only: {units}.",
        "{n} eenheid/eenheden alleen buiten de 95%-grenzen: {units}."),
    "note_benchmark_outside_95_none": (
        "{n} unit(s) outside the 95% limits only.",
        "{n} eenheden alleen buiten de 95%-grenzen."),
    "note_benchmark_no_unit_conference": (
        "{n:,} initiatives without a {by} are left out.",
        "{n:,} aanmeldingen zonder {by} zijn weggelaten."),
    "note_benchmark_no_unit_execution": (
        "{n:,} plans without a {by} are left out.",
        "{n:,} plannen zonder {by} zijn weggelaten."),
    "note_benchmark_not_ranking": (
        "A unit outside the limits differs by more than chance explains; case mix, registration or referral routes "
        "may be the reason. It is not a ranking.",
        "Een eenheid buiten de grenzen wijkt meer af dan toeval verklaart; de samenstelling van de aanmeldingen, de "
        "manier van registreren of de verwijsroutes kunnen de reden zijn. Het is geen rangorde."),
    # notes: end states
    "note_end_states_method": (
        "Aalen–Johansen cumulative incidence of conference, plan without conference and stop by months since "
        "referral; {ongoing:,} ongoing initiatives censored at as_of {as_of}; ongoing = 1 − the others.",
        "Cumulatieve incidentie (Aalen–Johansen) van conferentie, plan zonder conferentie en stoppen, naar maanden "
        "sinds aanmelding; {ongoing:,} lopende aanmeldingen gecensureerd op as_of {as_of}; lopend = 1 − de andere "
        "drie."),
    "note_end_states_intervals": (
        "{level}% intervals on the log scale (as R's survfit).",
        "{level}%-intervallen op de logschaal (zoals survfit in R)."),
    "note_end_states_left_out": (
        "{n:,} initiatives without a usable referral or end date are left out.",
        "{n:,} aanmeldingen zonder bruikbare aanmeldings- of einddatum zijn weggelaten."),
    "note_end_states_reading": (
        "Read a cohort at a time no later than its youngest referral is old; beyond that few are still followed.",
        "Lees een cohort af op een moment dat niet later ligt dan de leeftijd van zijn jongste aanmelding; daarna "
        "worden er nog maar weinig gevolgd."),
    # notes: loading a registry (Registry.notes)
    "note_read_list": ("{first}, {rest}", "{first}, {rest}"),
    "note_where_sheet": ("{file} (sheet '{sheet}')", "{file} (blad '{sheet}')"),
    "note_read_text": (
        "{file}: read as text ({encoding}, delimiter {sep!r})",
        "{file}: als tekst gelezen ({encoding}, scheidingsteken {sep!r})"),
    "note_read_sheet": ("{file}: sheet {sheet!r}", "{file}: blad {sheet!r}"),
    "note_read_blank": ("{file}: {n} empty row(s) skipped", "{file}: {n} lege rij(en) overgeslagen"),
    "note_read_header_row": (
        "{where}: headers on row {row}; the row(s) above skipped: {skipped}",
        "{where}: kopregel op rij {row}; de rij(en) erboven overgeslagen: {skipped}"),
    "note_read_columns_used": ("{where}: columns used: {used}", "{where}: gebruikte kolommen: {used}"),
    "note_read_columns_ignored": (
        "{where}: columns ignored (not read into the registry): {names}",
        "{where}: genegeerde kolommen (niet ingelezen): {names}"),
    "note_read_resembles": (
        "{where}: column '{header}' was not read but resembles {column}; if it is that column, add the line "
        "`{line}` to the mapping file (--mapping) or pass {entry}",
        "{where}: kolom '{header}' is niet ingelezen maar lijkt op {column}; is het die kolom, zet dan de regel "
        "`{line}` in het mappingbestand (--mapping) of geef {entry}"),
    "note_read_totals": (
        "{where}: row {row} is a totals row ('{label}') and was left out",
        "{where}: rij {row} is een totaalregel ('{label}') en is weggelaten"),
    "note_read_unknown_words": (
        "{where}: {total} values read as unknown ({which}); per column: {cols}",
        "{where}: {total} waarden gelezen als onbekend ({which}); per kolom: {cols}"),
    "note_read_excel_serials": (
        "{where}: {total} dates stored as Excel serial numbers (e.g. 44197) were read as dates: {cols}",
        "{where}: {total} datums stonden als Excel-getal (bijv. 44197) en zijn als datum gelezen: {cols}"),
    "note_load_identifiers": (
        "{file}: identifier column(s) left out: {names}",
        "{file}: kolom(men) die een persoon identificeren weggelaten: {names}"),
    "note_load_bsn": (
        "{file}: case_id looks like BSNs; pseudonymise it",
        "{file}: case_id lijkt uit BSN's te bestaan; pseudonimiseer die kolom"),
    "note_load_as_of_today": (
        "as_of (extraction date) not given: today, {today}, is taken; pass as_of= (or --as-of) with the date the "
        "export was made, or recent cases count as overdue",
        "as_of (peildatum) niet opgegeven: vandaag, {today}, is genomen; geef as_of= (of --as-of) met de datum "
        "waarop de export is gemaakt, anders tellen recente aanmeldingen als te laat"),
    "note_load_as_of_today_cli": (
        "extraction date (--as-of) not given: today, {today}, is taken; pass --as-of with the date the export was "
        "made, or recent cases count as overdue",
        "peildatum (--as-of) niet opgegeven: vandaag, {today}, is genomen; geef --as-of met de datum waarop de "
        "export is gemaakt, anders tellen recente aanmeldingen als te laat"),
    "note_load_as_of_stated": (
        "as_of (extraction date) {date} read from the export's title row",
        "peildatum {date} gelezen uit de titelregel van de export"),
    "note_load_absent": (
        "not in the data: {names}; what rests on them is left out",
        "niet in de gegevens: {names}; wat daarop rust, blijft weg"),
    "note_load_absent_resembles": (
        "{column} ('{header}' resembles it but was not read)",
        "{column} ('{header}' lijkt erop, maar is niet ingelezen)"),
}
