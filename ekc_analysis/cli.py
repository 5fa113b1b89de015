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
    rep = sub.add_parser("report", help="one self-contained HTML report for a registry")
    rep.add_argument("path")
    rep.add_argument("--study", default=None, help="trial or cohort study file to add")
    rep.add_argument("--lang", choices=["nl", "en"], default="nl")
    rep.add_argument("--out", default="reports")
    rep.add_argument("--min-cell", type=int, default=10, help="disclosure threshold (default 10)")
    rep.add_argument("--no-pdf", action="store_true", help="no PDF even when Chromium is installed")
    v = sub.add_parser("validate", help="check a registry; exit 0 valid, 2 invalid, 1 unexpected failure")
    v.add_argument("path")
    v.add_argument("--agreements", default=None)
    s = sub.add_parser("simulate", help="write synthetic registry, trial and cohort as CSV")
    s.add_argument("--out", required=True)
    s.add_argument("--n", type=int, default=1500, help="number of initiatives (default 1500)")
    s.add_argument("--seed", type=int, default=None, help="random seed (default 2015)")
    return p


def validate_command(path: str, agreements: str | None) -> int:
    import pandas as pd

    from .errors import ValidationError
    from .loading import load

    try:
        reg = load(path, agreements)
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


COMMANDS = ("reproduce", "report", "validate", "simulate")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "reproduce")  # `python -m ekc_analysis [--out DIR]` is `reproduce`
    args = _parser().parse_args(argv)
    command = args.command or "reproduce"
    try:
        if command == "validate":
            return validate_command(args.path, args.agreements)
        if command == "simulate":
            from .simulate import DEFAULT_SEED, write_sample

            files = write_sample(args.out, n=args.n, seed=DEFAULT_SEED if args.seed is None else args.seed)
            print(f"wrote {len(files)} files to {args.out}: " + ", ".join(f.name for f in files))
            return 0
        if command == "report":
            from .reporting import report

            out = report(args.path, study=args.study, lang=args.lang, out=args.out, min_cell=args.min_cell,
                         pdf=False if args.no_pdf else None)
            print(f"wrote {out}")
            return 0
        from .reproduce import reproduce

        data = getattr(args, "data", None)
        reproduce(data=Path(data) if data else None, out=Path(getattr(args, "out", "reports")),
                  quiet=getattr(args, "quiet", False), pdf=False if getattr(args, "no_pdf", False) else None)
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # unexpected failure: say what, exit 1
        from .errors import ValidationError

        if isinstance(exc, ValidationError):
            print(str(exc), file=sys.stderr)
            return 2
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
