"""``python -m ekc_analysis`` — reproduce, report, validate, simulate.

Each subcommand calls the same public functions a notebook does.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..errors import ValidationError
    from ..intake import Registry

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

Files go to --out (default reports/<name of the input>/): report_<lang>.html and, when Chromium is
installed, report_<lang>.pdf. Other files in that folder are left alone.
"""
EPILOG_REPRODUCE = f"""examples:
  {PROG}
  {PROG} reproduce --out /tmp/reports --no-pdf --quiet
"""
EPILOG_SIMULATE = f"""examples:
  {PROG} simulate --out /tmp/synthetic
  {PROG} simulate --out /tmp/small --n 260 --seed 7
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
    rep.add_argument("--study", default=None, help="trial or cohort study file to add")
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


def _parser() -> argparse.ArgumentParser:
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
    return p


# --- validate and report: reading the user's export ---------------------------------------------

def _load_registry(args: argparse.Namespace) -> Registry:
    """``ekc.load`` with the command line's input options."""
    from ..intake import load, read_mapping

    mapping = read_mapping(args.mapping) if args.mapping else None
    if mapping:
        _check_mapping(mapping, args.mapping)
    agreements_sheet = _sheet(args.agreements or args.path, args.agreements_sheet)
    return load(args.path, args.agreements, mapping=mapping, sheet=_sheet(args.path, args.sheet),
                header_row=args.header_row, agreements_sheet=agreements_sheet, lang=args.lang, as_of=args.as_of)


def _sheet(path: str, sheet: str | None) -> str | int | None:
    """A sheet by name, or by its number counted from 1 when no sheet has that name."""
    from pathlib import Path

    from ..intake import sheet_names

    names = sheet_names(Path(path)) if sheet is not None else []
    if sheet is None or sheet in names or not sheet.strip().isdigit() or not 1 <= int(sheet) <= len(names):
        return sheet  # a number beyond the last sheet is reported as an unknown name, with the sheets listed
    return int(sheet) - 1


def _check_mapping(mapping: dict[str, object], file: str) -> None:
    from ..errors import ArgumentError
    from ..intake import AGREEMENTS, CASES, split_mapping, value_aliases

    headers, values = split_mapping(mapping)
    try:
        value_aliases(values)
    except ArgumentError as exc:
        raise ArgumentError(f"--mapping {file}: {exc}") from None
    known = list(dict.fromkeys([c.name for c in CASES.columns] + [c.name for c in AGREEMENTS.columns]))
    bad = {h: c for h, c in headers.items() if c not in known}
    if bad:
        shown = ", ".join(f"{h!r} -> {c!r}" for h, c in bad.items())
        raise ArgumentError(f"--mapping {file}: unknown column name(s) {shown}; choose from {', '.join(known)}")


def _number(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", ".") if lang == "nl" else f"{n:,}"


def _print_notes(notes: tuple[str, ...] | list[str]) -> None:
    from ..intake import is_technical

    for note in notes:
        if not is_technical(note):
            print(f"  {note}")


def _print_problems(err: ValidationError, path: str, lang: str, save: str | None, limit: int = 200) -> None:
    """Problems as a data manager reads them: counts per rule, every problem, what was read."""
    from ..intake import FileIntake, fold, localise, message_lines, rule_summary

    nl = lang == "nl"
    intakes = tuple(i for i in err.intake if isinstance(i, FileIntake))
    table = localise(err.problems, intakes, "nl" if nl else "en")
    n = len(table)
    print(f"{path}: {n} {('probleem' if n == 1 else 'problemen') if nl else ('problem' if n == 1 else 'problems')}"
          f" {'gevonden' if nl else 'found'}")
    print("\n" + ("Per regel:" if nl else "Per rule:"))
    for line in rule_summary(table, "nl" if nl else "en"):
        print(line)
    print("\n" + ("Alle problemen:" if nl else "Every problem:"))
    for line in message_lines(table, "nl" if nl else "en", limit):  # identical problems in one line
        print(line)
    folded = fold(table)
    if len(folded) > limit:
        left = n - int(folded["n"].head(limit).sum())
        hint = "" if save else (" (bewaar ze allemaal met --problems BESTAND.xlsx)" if nl
                                else " (save them all with --problems FILE.xlsx)")
        print((f"  ... en nog {left}" if nl else f"  ... and {left} more") + hint)
    notes = [note for i in intakes for note in i.notes("nl" if nl else "en")]
    if notes:
        print("\n" + ("Wat is ingelezen:" if nl else "What was read:"))
        _print_notes(notes)
    if save:
        print("\n" + _save_problems(table, save, lang))


def _save_problems(table: pd.DataFrame, out: str, lang: str) -> str:
    """Write the problems table as CSV (UTF-8 with BOM, so Excel shows accents) or .xlsx."""
    from ..errors import ArgumentError
    from ..intake import problems_table, write_csv, write_xlsx

    frame = problems_table(table, "nl" if lang == "nl" else "en")
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ArgumentError(f"--problems {out}: the file must end in .csv or .xlsx")
    # the cells hold the export's own text, which may begin with '=': written inert, never as a formula
    if suffix == ".csv":
        sep = ";" if lang == "nl" else ","  # Dutch Excel opens ;-separated files in columns
        write_csv(frame, path, sep=sep, encoding="utf-8-sig")
    else:
        write_xlsx(frame, path, sheet_name="problemen" if lang == "nl" else "problems")
    n = len(frame)
    if lang == "nl":
        return f"{n} {'probleem' if n == 1 else 'problemen'} opgeslagen in {path}"
    return f"{n} problem{'' if n == 1 else 's'} saved to {path}"


def validate_command(args: argparse.Namespace) -> int:
    from ..errors import ArgumentError, ValidationError

    nl = args.lang == "nl"
    if args.problems and Path(args.problems).suffix.lower() not in (".csv", ".xlsx"):
        print(f"error: --problems {args.problems}: the file must end in .csv or .xlsx", file=sys.stderr)
        return 2
    try:
        reg = _load_registry(args)
    except ValidationError as err:
        _print_problems(err, args.path, args.lang, args.problems)
        return 2
    except ArgumentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    n_agr = "" if reg.agreements is None else (
        f" {'en' if nl else 'and'} {_number(len(reg.agreements), args.lang)} {'afspraken' if nl else 'agreements'}")
    synthetic = (" (synthetische gegevens)" if nl else " (synthetic data)") if reg.synthetic else ""
    print(f"{args.path}: {'in orde' if nl else 'valid'} — {_number(reg.n_cases, args.lang)} "
          f"{'aanmeldingen' if nl else 'initiatives'}{n_agr}{synthetic}.")
    _print_notes(reg.notes)
    if args.problems:  # an empty table, so a script that always reads it finds the file
        from ..errors import problems_frame
        from ..intake import localise

        print(_save_problems(localise(problems_frame(), (), args.lang), args.problems, args.lang))
    return 0


def report_command(args: argparse.Namespace) -> int:
    """Load with the input options, write report_<lang>.html (+ .pdf) into its own folder, name each file."""
    from ..errors import ArgumentError, ValidationError

    try:
        reg = _load_registry(args)
    except ValidationError as err:
        _print_problems(err, args.path, args.lang, None)
        return 2
    except ArgumentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path("reports") / (Path(args.path).stem or "report")
    try:
        written = write_report(reg, out, lang=args.lang, study=args.study, min_cell=args.min_cell,
                               pdf=False if args.no_pdf else None, unit=args.unit,
                               min_followup_months=args.min_followup_months, study_spec=args.study_spec)
    except (ArgumentError, ValidationError) as exc:  # a study spec's problems, all of them, in --lang
        print(f"error: {exc}", file=sys.stderr)
        return 2
    nl = args.lang == "nl"
    print("geschreven:" if nl else "wrote:")
    for path in written:
        print(f"  {path}")
    if not args.no_pdf and not any(p.suffix == ".pdf" for p in written):
        print("geen PDF: Chromium is niet geïnstalleerd (of kon niet printen)" if nl
              else "no PDF: Chromium is not installed (or could not print)")
    return 0


def write_report(reg: Registry, out: Path, *, lang: str, study: str | None, min_cell: int,
                 pdf: bool | None, min_followup_months: int | None = None, unit: str | None = None,
                 study_spec: str | None = None) -> list[Path]:
    """The steps of :func:`ekc_analysis.reporting.report`, for a registry already loaded with options."""
    from .. import __version__
    from ..i18n import check_lang
    from ..reporting import analyse_files, build_html, chromium, to_pdf, write_atomic

    a = analyse_files(reg, study, study_spec, check_lang(lang), min_followup_months)
    page, _, _ = build_html(a, check_lang(lang), min_cell, __version__, unit=unit)
    target = out / f"report_{lang}.html"
    write_atomic(target, page)
    written = [target]
    if pdf or (pdf is None and chromium() is not None):
        printed = to_pdf(target)
        if printed is not None:
            written.append(printed)
    return written


# --- dispatch ------------------------------------------------------------------------------------

def pseudonymise_command(args: argparse.Namespace) -> int:
    """Check and pseudonymise everything first; then create the key (when new) and write; name each file."""
    from ..intake import run

    for line in run(args.source, args.target, args.key_file, make_key=args.new_key, columns=args.column,
                    keep=args.keep, birth_dates=args.birth_dates, lang=args.lang):
        print(line)
    return 0


COMMANDS = ("reproduce", "report", "validate", "simulate", "pseudonymise")


def _unknown_command(word: str) -> int:
    """A misspelt subcommand: name the nearest, do not fall through to `reproduce`."""
    near = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.5)
    hint = f"did you mean '{near[0]}'?" if near else f"choose from {', '.join(COMMANDS)}"
    print(f"{PROG}: error: unknown command '{word}'; {hint}\n(see '{PROG} --help' for examples)",
          file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        return _unknown_command(argv[0])
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        argv.insert(0, "reproduce")  # `python -m ekc_analysis [--out DIR]` is `reproduce`
    args = _parser().parse_args(argv)
    from ..intake import cli_warnings

    with cli_warnings(getattr(args, "lang", "en")):  # warnings as messages: the run's language, CLI options
        return _dispatch(args)


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "reproduce"
    try:
        if command == "validate":
            return validate_command(args)
        if command == "pseudonymise":
            return pseudonymise_command(args)
        if command == "simulate":
            from ..simulate import DEFAULT_SEED, write_sample

            files = write_sample(args.out, n=args.n, seed=DEFAULT_SEED if args.seed is None else args.seed)
            print(f"wrote {len(files)} files to {args.out}: " + ", ".join(f.name for f in files))
            return 0
        if command == "report":
            return report_command(args)
        from ._reproduce import reproduce

        data = getattr(args, "data", None)
        reproduce(data=Path(data) if data else None, out=Path(getattr(args, "out", "reports")),
                  quiet=getattr(args, "quiet", False), pdf=False if getattr(args, "no_pdf", False) else None,
                  as_of=getattr(args, "as_of", None))
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # unexpected failure: say what, exit 1
        from ..errors import EkcError

        if isinstance(exc, EkcError):  # every error a user can meet derives from the root
            print(str(exc), file=sys.stderr)
            return 2
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
