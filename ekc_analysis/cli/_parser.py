"""The options of ``python -m ekc_analysis``: its subcommands, their help texts and examples (in English)."""

from __future__ import annotations

import argparse

COMMANDS = ("reproduce", "report", "validate", "simulate", "pseudonymise")
PROG = "python -m ekc_analysis"
EPILOG_MAIN = f"""examples:
  {PROG}                                   every figure, table and report from data/sample into reports/
  {PROG} validate export.xlsx --lang nl    check a municipal export, messages in Dutch
  {PROG} report export.xlsx --lang nl      a report for that export in reports/export/
  {PROG} pseudonymise export.xlsx export_pseudo.csv --key-file geheim.key --new-key
                                           identifier columns (BSN, names, ...) to keyed pseudonyms
  {PROG} validate --help                   all options of one command
"""
EPILOG_VALIDATE = f"""examples:
  {PROG} validate data/sample
  {PROG} validate aanmeldingen.xlsx --lang nl
  {PROG} validate export.xlsx --sheet Aanmeldingen --header-row 3 --agreements-sheet Afspraken
  {PROG} validate export.csv --mapping kolommen.csv --problems problemen.xlsx
  {PROG} validate cases.csv --agreements agreements.csv --lang NL

A mapping file names your headers the package does not know, as CSV (header,column) or JSON,
and after a line `values:` your cell values (column: {{value: meaning}}):
  Datum eerste contact,referral_date        {{"Datum eerste contact": "referral_date",
  values:                                    "values": {{"execution": {{"deels": "partial"}}}}}}
  execution: {{deels: partial}}
column names: {{columns}}
exit status: 0 valid, 2 invalid (problems printed), 1 unexpected failure.
"""
EPILOG_PSEUDONYMISE = f"""examples:
  {PROG} pseudonymise export.xlsx export_pseudo.xlsx --key-file ../geheim.key --new-key
  {PROG} pseudonymise export.xlsx export_pseudo.csv --key-file ../geheim.key --keep Locatie
  {PROG} pseudonymise exports/ pseudo/ --key-file ../geheim.key --column case_id --birth-dates hash

A workbook gives a workbook with every sheet (or one CSV per sheet); the same key gives the same
pseudonyms, so files pseudonymised with one key still link. Columns left out are named.
"""
EPILOG_REPORT = f"""examples:
  {PROG} report data/sample --lang en
  {PROG} report export.xlsx --lang nl --no-pdf
  {PROG} report export.xlsx --sheet Aanmeldingen --agreements-sheet Afspraken --out rapport/
  {PROG} report data/sample --study data/sample/trial.csv --lang NL
  {PROG} report export.xlsx --study proef.csv --study-spec proef.study.json

A study file in other column names than the sample's is described by a JSON file (by default
<name>.study.json beside it): {{"design": "trial", "group": "arm", "outcomes": [{{"column":
"veiligheid_12m", "kind": "continuous", "better": "higher"}}], ...}}; every column it names is checked.
The design is "trial", "cohort", "cluster_trial" (families randomised, a row per child, as ZonMw's
trial) or "three_groups" (held a conference / offered, not held / care as usual, as WODC/UvA).

Files go to --out (default reports/<name of the input>/): report_<lang>.html and, when Chromium is
installed, report_<lang>.pdf. Other files in that folder are left alone.
"""
EPILOG_REPRODUCE = f"""examples:
  {PROG}
  {PROG} reproduce --out /tmp/reports --no-pdf --quiet
"""
EPILOG_SIMULATE = f"""examples:
  {PROG} simulate --out /tmp/synthetic
  {PROG} simulate --out /tmp/small --n 260 --seed 7 --lang nl
"""


def _lang(value: str) -> str:
    key = value.strip().lower()
    if key not in ("nl", "en"):
        raise argparse.ArgumentTypeError(f"choose nl or en, not {value!r}")
    return key


def _months(value: str) -> int:
    if not value.strip().isdigit():
        raise argparse.ArgumentTypeError(f"give a whole number of months (0 or more), not {value!r}")
    return int(value)


AS_OF_HELP = "extraction date of the export, yyyy-mm-dd (default: today); later dates are problems"


def _input_options(p: argparse.ArgumentParser, lang: str) -> None:
    """How to read a registry export: the options `validate` and `report` share."""
    p.add_argument("path", help="cases file (.xlsx, .csv, .sav, .dta, .parquet) or a folder holding it")
    p.add_argument("--agreements", default=None, metavar="FILE", help="agreements file, when not in PATH")
    p.add_argument("--mapping", default=None, metavar="FILE",
                   help="your header -> column names, CSV (header,column) or JSON")
    p.add_argument("--sheet", default=None, help="Excel sheet of the cases, by name or number (1 = the first; "
                   "default: the first)")
    p.add_argument("--header-row", type=int, default=None, metavar="N",
                   help="spreadsheet row of the headers (default: found, skipping title rows)")
    p.add_argument("--agreements-sheet", default=None, metavar="SHEET",
                   help="sheet holding the agreements, by name or number (default: a sheet named "
                   "Afspraken/Agreements)")
    p.add_argument("--lang", type=_lang, default=lang, metavar="{nl,en}",
                   help=f"language of the messages (and of the report), any case; default {lang}")
    p.add_argument("--as-of", default=None, metavar="DATE", help=AS_OF_HELP)


def _add_validate(sub: argparse._SubParsersAction) -> None:
    from ..intake import AGREEMENTS, CASES

    columns = ", ".join(dict.fromkeys(c.name for c in CASES.columns + AGREEMENTS.columns))
    v = sub.add_parser("validate", help="check a registry; exit 0 valid, 2 invalid, 1 unexpected failure",
                       description="Check a registry export and list every problem, in your own headers.",
                       epilog=EPILOG_VALIDATE.replace("{columns}", columns),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _input_options(v, "en")
    v.add_argument("--problems", default=None, metavar="OUT", help="save the problems table (.csv or .xlsx)")


def _add_pseudonymise(sub: argparse._SubParsersAction) -> None:
    ps = sub.add_parser("pseudonymise", help="keep the columns the package knows, identifiers (BSN, names, birth "
                                             "dates, ...) as keyed pseudonyms (HMAC-SHA256)",
                        description="Only columns the package knows pass; identifiers become keyed pseudonyms; "
                                    "free text and unknown columns are left out and named. Every sheet of a "
                                    "workbook is written.", epilog=EPILOG_PSEUDONYMISE,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    ps.add_argument("source", metavar="IN", help="a file, or a folder of table files")
    ps.add_argument("target", metavar="OUT", help="the .csv or .xlsx file (or folder) to write; never IN")
    ps.add_argument("--key-file", required=True, help="file holding the secret key (keep it apart from the data)")
    ps.add_argument("--new-key", action="store_true", help="create a new random key in --key-file if it is "
                                                           "missing (never overwritten)")
    ps.add_argument("--column", action="append", default=[], help="one more column to pseudonymise (repeatable), "
                                                                   "e.g. --column case_id")
    ps.add_argument("--keep", action="append", default=[], metavar="COLUMN",
                    help="keep a column that is left out (unknown or free text) as it is, after review (repeatable)")
    ps.add_argument("--birth-dates", choices=["year", "hash"], default="year",
                    help="birth dates become the year of birth (default) or a pseudonym")
    ps.add_argument("--lang", type=str.lower, choices=["en", "nl"], default="en", help="language of the messages")


def _add_report(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help="one self-contained HTML (and PDF) report for a registry",
                         description="Write a report for a registry export into its own folder.",
                         epilog=EPILOG_REPORT, formatter_class=argparse.RawDescriptionHelpFormatter)
    _input_options(rep, "nl")
    rep.add_argument("--study", default=None, help="study file to add: a trial or a cohort (or, by its study spec, "
                     "a trial that randomised families or three groups)")
    rep.add_argument("--study-spec", default=None, metavar="FILE",
                     help="the study file's own columns, as JSON (default: <name>.study.json beside the study "
                          "file, else the sample's column names)")
    rep.add_argument("--out", default=None, metavar="DIR", help="output folder (default: reports/<input name>/)")
    rep.add_argument("--min-cell", type=int, default=10, help="disclosure threshold (default 10)")
    rep.add_argument("--min-followup-months", type=_months, default=None, metavar="N",
                     help="count in the funnel only initiatives referred at least N months before the extraction "
                     "date (--as-of), so that recent ones still under way do not tilt it")
    rep.add_argument("--unit", default=None, metavar="NAME",
                     help="municipality (or region) page 1 compares with the others (default: the export's only "
                          "municipality)")
    rep.add_argument("--no-pdf", action="store_true", help="no PDF even when Chromium is installed")


def parser() -> argparse.ArgumentParser:
    """The command line: its subcommands and their options, help texts and examples."""
    p = argparse.ArgumentParser(prog=PROG, description="Outcome analytics for Eigen Kracht-conferenties.",
                                epilog=EPILOG_MAIN, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    r = sub.add_parser("reproduce", help="every figure, table and report from data/sample (the default)",
                       epilog=EPILOG_REPRODUCE, formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("--data", default=None, help="sample folder (default: data/sample)")
    r.add_argument("--out", default="reports", help="output folder (default: reports/)")
    r.add_argument("--quiet", action="store_true", help="no progress display")
    r.add_argument("--no-pdf", action="store_true", help="no PDF even when Chromium is installed")
    r.add_argument("--as-of", default=None, help="extraction date, yyyy-mm-dd (default: the sample's, 2024-12-31, "
                                                 "for the sample; today for other data)")
    _add_report(sub)
    _add_validate(sub)
    _add_pseudonymise(sub)
    s = sub.add_parser("simulate", help="write synthetic registry, trial and cohort as CSV",
                       epilog=EPILOG_SIMULATE, formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("--out", required=True)
    s.add_argument("--n", type=int, default=1500, help="number of initiatives (default 1500)")
    s.add_argument("--seed", type=int, default=None, help="random seed (default 2015)")
    s.add_argument("--lang", type=_lang, default="en", metavar="{nl,en}",
                   help="language of the messages, any case; default en")
    return p
