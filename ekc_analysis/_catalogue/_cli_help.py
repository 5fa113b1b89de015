"""The command line's help: each command's description, each option's help text, the examples, and what the command
line says before a command runs (an unknown command, an interrupt, an unexpected failure), held under
``cli_help_<key>``: key → (English, Dutch). ``--lang nl`` anywhere on the line gives the help in Dutch.

argparse's own words (``usage:``, ``options``, "the following arguments are required") are its gettext message ids;
their Dutch is :data:`ARGPARSE`, looked up while the parser is built and used (``ekc_analysis/cli/_parser.py``).
"""

from __future__ import annotations

_EXAMPLES = ("examples:", "voorbeelden:")

TEXTS: dict[str, tuple[str, str]] = {
    "description": ("Outcome analytics for Eigen Kracht-conferenties.",
                    "Uitkomstanalyses van Eigen Kracht-conferenties."),
    "examples": _EXAMPLES,
    "epilog_main": (
        "examples:\n"
        "  {prog}                                   every figure, table and report from data/sample into reports/\n"
        "  {prog} validate export.xlsx --lang nl    check a municipal export, messages in Dutch\n"
        "  {prog} report export.xlsx --lang nl      a report for that export in reports/export/\n"
        "  {prog} pseudonymise export.xlsx export_pseudo.csv --key-file geheim.key --new-key\n"
        "                                           identifier columns (BSN, names, ...) to keyed pseudonyms\n"
        "  {prog} validate --help                   all options of one command\n"
        "  {prog} --lang nl --help                  this help in Dutch (--lang nl with any command's --help)\n",
        "voorbeelden:\n"
        "  {prog}                                   alle figuren, tabellen en rapporten uit data/sample in reports/\n"
        "  {prog} validate export.xlsx --lang nl    een gemeentelijke export controleren, meldingen in het "
        "Nederlands\n"
        "  {prog} report export.xlsx --lang nl      een rapport over die export in reports/export/\n"
        "  {prog} pseudonymise export.xlsx export_pseudo.csv --key-file geheim.key --new-key\n"
        "                                           identificerende kolommen (BSN, namen, ...) als gesleutelde "
        "pseudoniemen\n"
        "  {prog} validate --help                   alle opties van één opdracht\n"
        "  {prog} --lang en --help                  deze hulp in het Engels (--lang en bij de --help van elke "
        "opdracht)\n"),
    "lang_main": ("language of this help and of the messages, any case; default en",
                  "taal van deze hulp en van de meldingen, hoofd- of kleine letters; standaard en"),
    "lang_messages": ("language of the messages, any case; default {default}",
                      "taal van de meldingen, hoofd- of kleine letters; standaard {default}"),
    "lang_report": ("language of the messages and of the report, any case; default {default}",
                    "taal van de meldingen en van het rapport, hoofd- of kleine letters; standaard {default}"),
    "lang_reproduce": (
        "language of the progress lines and warnings, any case; default en (the reports are written in both)",
        "taal van de voortgangsregels en waarschuwingen, hoofd- of kleine letters; standaard en (de rapporten komen "
        "in beide talen)"),
    "bad_lang": ("choose nl or en, not {value!r}", "kies nl of en, niet {value!r}"),
    "bad_months": ("give a whole number of months (0 or more), not {value!r}",
                   "geef een heel aantal maanden (0 of meer), niet {value!r}"),
    "metavar_file": ("FILE", "BESTAND"),
    "metavar_path": ("PATH", "PAD"),
    "metavar_sheet": ("SHEET", "TABBLAD"),
    "metavar_date": ("DATE", "DATUM"),
    "metavar_dir": ("DIR", "MAP"),
    "metavar_name": ("NAME", "NAAM"),
    "metavar_column": ("COLUMN", "KOLOM"),
    "metavar_in": ("IN", "IN"),
    "metavar_out": ("OUT", "UIT"),
    # reading an export: the options validate and report share
    "path": ("cases file (.xlsx, .csv, .sav, .dta, .parquet) or a folder holding it",
             "bestand met de aanmeldingen (.xlsx, .csv, .sav, .dta, .parquet) of een map waarin het staat"),
    "agreements": ("agreements file, when not in {path}", "bestand met de afspraken, als het niet in {path} staat"),
    "mapping": ("your header -> column names, CSV (header,column) or JSON",
                "uw kolomkop -> kolomnaam, CSV (kop,kolom) of JSON"),
    "sheet": ("Excel sheet of the cases, by name or number (1 = the first; default: the first)",
              "Excel-tabblad met de aanmeldingen, op naam of nummer (1 = het eerste; standaard: het eerste)"),
    "header_row": ("spreadsheet row of the headers (default: found, skipping title rows)",
                   "rij van de kolomkoppen (standaard: gezocht, titelrijen overgeslagen)"),
    "agreements_sheet": ("sheet holding the agreements, by name or number (default: a sheet named "
                         "Afspraken/Agreements)",
                         "tabblad met de afspraken, op naam of nummer (standaard: een tabblad dat "
                         "Afspraken/Agreements heet)"),
    "as_of": ("extraction date of the export, yyyy-mm-dd (default: today); later dates are problems",
              "extractiedatum van de export, jjjj-mm-dd (standaard: vandaag); latere datums zijn problemen"),
    # validate
    "validate": ("check a registry; exit 0 valid, 2 invalid, 1 unexpected failure",
                 "een registratie controleren; afsluitcode 0 in orde, 2 niet in orde, 1 onverwachte fout"),
    "about_validate": ("Check a registry export and list every problem, in your own headers.",
                             "Een registratie-export controleren en elk probleem noemen, in uw eigen kolomkoppen."),
    "problems": ("save the problems table (.csv or .xlsx)", "de tabel met problemen opslaan (.csv of .xlsx)"),
    "epilog_validate": (
        "examples:\n{examples}\n\n"
        "A mapping file names your headers the package does not know, as CSV (header,column) or JSON,\n"
        "and after a line `values:` your cell values (column: {{value: meaning}}):\n"
        "  Datum eerste contact,referral_date        {{\"Datum eerste contact\": \"referral_date\",\n"
        "  values:                                    \"values\": {{\"execution\": {{\"deels\": \"partial\"}}}}}}\n"
        "  execution: {{deels: partial}}\n"
        "column names: {columns}\n"
        "exit status: 0 valid, 2 invalid (problems printed), 1 unexpected failure.\n",
        "voorbeelden:\n{examples}\n\n"
        "Een koppelbestand noemt uw kolomkoppen die het pakket niet kent, als CSV (kop,kolom) of JSON,\n"
        "en na een regel `values:` uw celwaarden (kolom: {{waarde: betekenis}}):\n"
        "  Datum eerste contact,referral_date        {{\"Datum eerste contact\": \"referral_date\",\n"
        "  values:                                    \"values\": {{\"execution\": {{\"deels\": \"partial\"}}}}}}\n"
        "  execution: {{deels: partial}}\n"
        "kolomnamen: {columns}\n"
        "afsluitcode: 0 in orde, 2 niet in orde (problemen getoond), 1 onverwachte fout.\n"),
    # pseudonymise
    "pseudonymise": ("keep the columns the package knows, identifiers (BSN, names, birth dates, ...) as keyed "
                     "pseudonyms (HMAC-SHA256)",
                     "alleen de kolommen die het pakket kent, identificerende gegevens (BSN, namen, geboortedata, "
                     "...) als gesleutelde pseudoniemen (HMAC-SHA256)"),
    "about_pseudonymise": (
        "Only columns the package knows pass; identifiers become keyed pseudonyms; free text and unknown columns "
        "are left out and named. Every sheet of a workbook is written.",
        "Alleen kolommen die het pakket kent gaan mee; identificerende gegevens worden gesleutelde pseudoniemen; "
        "vrije tekst en onbekende kolommen worden weggelaten en genoemd. Elk tabblad van een werkmap wordt "
        "geschreven."),
    "epilog_pseudonymise": (
        "examples:\n{examples}\n\n"
        "A workbook gives a workbook with every sheet (or one CSV per sheet); the same key gives the same\n"
        "pseudonyms, so files pseudonymised with one key still link. Columns left out are named.\n",
        "voorbeelden:\n{examples}\n\n"
        "Een werkmap geeft een werkmap met elk tabblad (of één CSV per tabblad); dezelfde sleutel geeft dezelfde\n"
        "pseudoniemen, zodat bestanden die met één sleutel gepseudonimiseerd zijn koppelbaar blijven. Weggelaten\n"
        "kolommen worden genoemd.\n"),
    "source": ("a file, or a folder of table files", "een bestand, of een map met tabelbestanden"),
    "target": ("the .csv or .xlsx file (or folder) to write; never IN",
               "het .csv- of .xlsx-bestand (of de map) dat geschreven wordt; nooit IN"),
    "key_file": ("file holding the secret key (keep it apart from the data)",
                 "bestand met de geheime sleutel (bewaar het apart van de gegevens)"),
    "new_key": ("create a new random key in --key-file if it is missing (never overwritten)",
                "een nieuwe willekeurige sleutel maken in --key-file als dat bestand ontbreekt (nooit overschreven)"),
    "column": ("one more column to pseudonymise (repeatable), e.g. --column case_id",
               "nog een kolom om te pseudonimiseren (herhaalbaar), bijvoorbeeld --column case_id"),
    "keep": ("keep a column that is left out (unknown or free text) as it is, after review (repeatable)",
             "een kolom die weggelaten wordt (onbekend of vrije tekst) na controle ongewijzigd houden (herhaalbaar)"),
    "birth_dates": ("birth dates become the year of birth (default) or a pseudonym",
                    "geboortedata worden het geboortejaar (standaard) of een pseudoniem"),
    # report
    "report": ("one self-contained HTML (and PDF) report for a registry",
               "één op zichzelf staand rapport in HTML (en PDF) over een registratie"),
    "about_report": ("Write a report for a registry export into its own folder.",
                           "Een rapport over een registratie-export in een eigen map schrijven."),
    "epilog_report": (
        "examples:\n{examples}\n\n"
        "A study file in other column names than the sample's is described by a JSON file (by default\n"
        "<name>.study.json beside it): {{\"design\": \"trial\", \"group\": \"arm\", \"outcomes\": [{{\"column\":\n"
        "\"veiligheid_12m\", \"kind\": \"continuous\", \"better\": \"higher\"}}], ...}}; every column it names is "
        "checked.\n"
        "The design is \"trial\", \"cohort\", \"cluster_trial\" (families randomised, a row per child, as ZonMw's\n"
        "trial) or \"three_groups\" (held a conference / offered, not held / care as usual, as WODC/UvA).\n\n"
        "Files go to --out (default reports/<name of the input>/): report_<lang>.html and, when Chromium is\n"
        "installed, report_<lang>.pdf. Other files in that folder are left alone.\n",
        "voorbeelden:\n{examples}\n\n"
        "Een studiebestand met andere kolomnamen dan het voorbeeld wordt beschreven in een JSON-bestand (standaard\n"
        "<naam>.study.json ernaast): {{\"design\": \"trial\", \"group\": \"arm\", \"outcomes\": [{{\"column\":\n"
        "\"veiligheid_12m\", \"kind\": \"continuous\", \"better\": \"higher\"}}], ...}}; elke kolom die het noemt "
        "wordt gecontroleerd.\n"
        "Het design is \"trial\", \"cohort\", \"cluster_trial\" (gezinnen gerandomiseerd, een rij per kind, zoals "
        "in de\ntrial van ZonMw) of \"three_groups\" (conferentie gehouden / aangeboden, niet gehouden / "
        "gebruikelijke zorg,\nzoals bij WODC/UvA).\n\n"
        "Bestanden komen in --out (standaard reports/<naam van de invoer>/): report_<taal>.html en, als Chromium\n"
        "geïnstalleerd is, report_<taal>.pdf. Andere bestanden in die map blijven staan.\n"),
    "study": ("study file to add: a trial or a cohort (or, by its study spec, a trial that randomised families or "
              "three groups)",
              "studiebestand om toe te voegen: een trial of een cohort (of, volgens zijn studiebeschrijving, een "
              "trial die gezinnen randomiseerde, of drie groepen)"),
    "study_spec": ("the study file's own columns, as JSON (default: <name>.study.json beside the study file, else "
                   "the sample's column names)",
                   "de eigen kolommen van het studiebestand, als JSON (standaard: <naam>.study.json naast het "
                   "studiebestand, anders de kolomnamen van het voorbeeld)"),
    "out_report": ("output folder (default: reports/<input name>/)",
                   "uitvoermap (standaard: reports/<naam van de invoer>/)"),
    "min_cell": ("disclosure threshold: smaller counts are hidden (default 10)",
                 "drempel voor kleine aantallen, die verborgen worden (standaard 10)"),
    "min_followup_months": (
        "count in the funnel only initiatives referred at least N months before the extraction date (--as-of), "
        "so that recent ones still under way do not tilt it",
        "in de trechter alleen aanmeldingen tellen die ten minste N maanden vóór de extractiedatum (--as-of) "
        "binnenkwamen, zodat recente aanmeldingen die nog lopen hem niet scheeftrekken"),
    "unit": ("municipality (or region) page 1 compares with the others (default: the export's only municipality)",
             "gemeente (of regio) die pagina 1 met de andere vergelijkt (standaard: de enige gemeente van de "
             "export)"),
    "no_pdf": ("no PDF even when Chromium is installed", "geen PDF, ook als Chromium geïnstalleerd is"),
    # reproduce
    "reproduce": ("every figure, table and report from data/sample (the default)",
                  "alle figuren, tabellen en rapporten uit data/sample (de standaardopdracht)"),
    "about_reproduce": (
        "Every figure, table and report from the sample data, in Dutch and English, into one folder; the same "
        "files on every run (manifest.json lists them with their hashes).",
        "Alle figuren, tabellen en rapporten uit de voorbeeldgegevens, in het Nederlands en het Engels, in één "
        "map; bij elke run dezelfde bestanden (manifest.json noemt ze met hun hashes)."),
    "data": ("sample folder (default: data/sample)", "map met de voorbeeldgegevens (standaard: data/sample)"),
    "out_reproduce": ("output folder (default: reports/)", "uitvoermap (standaard: reports/)"),
    "quiet": ("no progress display", "geen voortgang tonen"),
    "as_of_reproduce": ("extraction date, yyyy-mm-dd (default: the sample's, 2024-12-31, for the sample; today for "
                        "other data)",
                        "extractiedatum, jjjj-mm-dd (standaard: die van het voorbeeld, 2024-12-31, voor het "
                        "voorbeeld; vandaag voor andere gegevens)"),
    # simulate
    "simulate": ("write synthetic registry, trial and cohort as CSV",
                 "een synthetische registratie, trial en cohort als CSV schrijven"),
    "out_simulate": ("folder the CSV files are written to", "map waarin de CSV-bestanden geschreven worden"),
    "n": ("number of initiatives (default 1500)", "aantal aanmeldingen (standaard 1500)"),
    "seed": ("random seed (default 2015)", "startwaarde van de toevalsgenerator (standaard 2015)"),
    # before or around a command
    "unknown_command": ("{prog}: error: unknown command {word!r}; {hint}\n(see '{prog} --help' for examples)",
                        "{prog}: fout: onbekende opdracht {word!r}; {hint}\n(zie '{prog} --help' voor "
                        "voorbeelden)"),
    "did_you_mean": ("did you mean {near!r}?", "bedoelt u {near!r}?"),
    "choose_command": ("choose from {commands}", "kies uit {commands}"),
    "interrupted": ("interrupted", "afgebroken"),
    "unexpected": ("error: {error_type}: {error}", "fout: {error_type}: {error}"),
}

# argparse's message ids (Python 3.11 to 3.13) and their Dutch: gettext's lookup, not a translation of our own text
ARGPARSE: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "positionele argumenten",
    "options": "opties",
    "show this help message and exit": "deze hulp tonen en stoppen",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde voor %(type)s: %(value)r",
    "expected one argument": "verwacht één argument",
    "expected at least one argument": "verwacht ten minste één argument",
    "expected at most one argument": "verwacht hoogstens één argument",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "ignored explicit argument %r": "genegeerd expliciet argument %r",
    "expected %s argument": "verwacht %s argument",
    "expected %s arguments": "verwacht %s argumenten",
}
