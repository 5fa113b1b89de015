"""``python -m ekc_analysis`` — reproduce, report, validate, simulate.

Each subcommand calls the same public functions a notebook does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ekc_analysis",
                                description="Outcome analytics for Eigen Kracht-conferenties.")
    sub = p.add_subparsers(dest="command")
    r = sub.add_parser("reproduce", help="every figure, table and report from data/sample (the default)")
    r.add_argument("--data", default=None, help="sample folder (default: data/sample)")
    r.add_argument("--out", default="reports", help="output folder (default: reports/)")
    r.add_argument("--quiet", action="store_true", help="no progress display")
    r.add_argument("--no-pdf", action="store_true", help="no PDF even when Chromium is installed")
    r.add_argument("--as-of", default=None, help="extraction date, yyyy-mm-dd (default: the sample's, 2024-12-31, "
                                                 "for the sample; today for other data)")
    rep = sub.add_parser("report", help="one self-contained HTML report for a registry")
    rep.add_argument("path")
    rep.add_argument("--study", default=None, help="trial or cohort study file to add")
    rep.add_argument("--lang", choices=["nl", "en"], default="nl")
    rep.add_argument("--out", default="reports")
    rep.add_argument("--min-cell", type=int, default=10, help="disclosure threshold (default 10)")
    rep.add_argument("--no-pdf", action="store_true", help="no PDF even when Chromium is installed")
    rep.add_argument("--as-of", default=None, help=AS_OF_HELP)
    v = sub.add_parser("validate", help="check a registry; exit 0 valid, 2 invalid, 1 unexpected failure")
    v.add_argument("path")
    v.add_argument("--agreements", default=None)
    v.add_argument("--as-of", default=None, help=AS_OF_HELP)
    ps = sub.add_parser("pseudonymise", help="replace identifier columns (BSN, names, birth dates, ...) by keyed "
                                             "pseudonyms (HMAC-SHA256)")
    ps.add_argument("source", metavar="IN", help="a file, or a folder of table files")
    ps.add_argument("target", metavar="OUT", help="the CSV file (or folder) to write; never the same as IN")
    ps.add_argument("--key-file", required=True, help="file holding the secret key (keep it apart from the data)")
    ps.add_argument("--new-key", action="store_true", help="write a new random key to --key-file if it is missing")
    ps.add_argument("--column", action="append", default=[], help="one more column to pseudonymise (repeatable), "
                                                                   "e.g. --column case_id")
    ps.add_argument("--birth-dates", choices=["year", "hash"], default="year",
                    help="birth dates become the year of birth (default) or a pseudonym")
    s = sub.add_parser("simulate", help="write synthetic registry, trial and cohort as CSV")
    s.add_argument("--out", required=True)
    s.add_argument("--n", type=int, default=1500, help="number of initiatives (default 1500)")
    s.add_argument("--seed", type=int, default=None, help="random seed (default 2015)")
    return p


AS_OF_HELP = "extraction date of the export, yyyy-mm-dd (default: today)"


def validate_command(path: str, agreements: str | None, as_of: str | None = None) -> int:
    import pandas as pd

    from .errors import ValidationError
    from .loading import load

    try:
        reg = load(path, agreements, as_of=as_of)
    except ValidationError as err:
        problems = err.problems
        with pd.option_context("display.max_rows", 200, "display.max_colwidth", 80, "display.width", 160):
            print(f"{path}: {len(problems)} problem(s) found\n", file=sys.stdout)
            shown = problems.astype(object).where(problems.notna(), "")  # a whole-file problem has no row
            print(shown.to_string(index=False))
        return 2
    n_agr = "" if reg.agreements is None else f" and {len(reg.agreements):,} agreements"
    print(f"{path}: valid — {reg.n_cases:,} initiatives{n_agr}"
          f"{' (synthetic data)' if reg.synthetic else ''}.")
    return 0


def pseudonymise_command(source: str, target: str, key_file: str, new_key: bool, columns: list[str],
                         birth_dates: str) -> int:
    from .pseudonyms import pseudonymise_file, read_key

    key = read_key(key_file, create=new_key)
    done = pseudonymise_file(source, target, key, columns=columns,
                             birth_dates="hash" if birth_dates == "hash" else "year")
    if not done:
        print(f"{source}: no identifier columns found; copied to {target} unchanged")
    for col, what in done.items():
        print(f"{col}: {what}")
    print(f"wrote {target} (the key stays in {key_file}; keep it apart from the data)")
    return 0


COMMANDS = ("reproduce", "report", "validate", "simulate", "pseudonymise")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "reproduce")  # `python -m ekc_analysis [--out DIR]` is `reproduce`
    args = _parser().parse_args(argv)
    command = args.command or "reproduce"
    try:
        if command == "validate":
            return validate_command(args.path, args.agreements, args.as_of)
        if command == "pseudonymise":
            return pseudonymise_command(args.source, args.target, args.key_file, args.new_key, args.column,
                                        args.birth_dates)
        if command == "simulate":
            from .simulate import DEFAULT_SEED, write_sample

            files = write_sample(args.out, n=args.n, seed=DEFAULT_SEED if args.seed is None else args.seed)
            print(f"wrote {len(files)} files to {args.out}: " + ", ".join(f.name for f in files))
            return 0
        if command == "report":
            from .reporting import report

            out = report(args.path, study=args.study, lang=args.lang, out=args.out, min_cell=args.min_cell,
                         pdf=False if args.no_pdf else None, as_of=args.as_of)
            print(f"wrote {out}")
            return 0
        from .reproduce import reproduce

        data = getattr(args, "data", None)
        reproduce(data=Path(data) if data else None, out=Path(getattr(args, "out", "reports")),
                  quiet=getattr(args, "quiet", False), pdf=False if getattr(args, "no_pdf", False) else None,
                  as_of=getattr(args, "as_of", None))
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # unexpected failure: say what, exit 1
        from .errors import ArgumentError, ValidationError

        if isinstance(exc, (ValidationError, ArgumentError)):
            print(str(exc), file=sys.stderr)
            return 2
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
