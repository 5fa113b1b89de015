"""``python -m ekc_analysis`` — reproduce, report, validate, simulate.

Each subcommand calls the same public functions a notebook does.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ._parser import COMMANDS, PROG, help_lang, parse, without_lang

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from ..errors import ValidationError
    from ..i18n import Lang
    from ..intake import Registry


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
    from ..i18n import Message
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
        raise ArgumentError(Message("cli_mapping_unknown", {"file": file, "shown": shown, "known": ", ".join(known)}))


def _say(key: str, lang: str, **params: object) -> str:
    """The command line's text ``key`` (``ekc_analysis/_catalogue/_cli.py``) in the run's language."""
    from ..i18n import Message, check_lang

    return Message(key, params).render(check_lang(lang))


def _print_error(exc: Exception, lang: str) -> None:
    """``error: ...`` on stderr; a message the command line words itself in the run's language."""
    from ..i18n import Message

    text = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)
    print(_say("cli_error", lang, error=text), file=sys.stderr)


def _print_notes(notes: Sequence[str], lang: str) -> None:
    """The notes a reader needs (not how a file was decoded), in the run's language, advice in the CLI's options
    (a note's ``_cli`` variant in the catalogue, where it has one)."""
    from ..i18n import Message, check_lang, render, variant
    from ..intake import is_technical

    for note in notes:
        if not is_technical(note):
            print(f"  {render(variant(note, 'cli') if isinstance(note, Message) else note, check_lang(lang))}")


def _print_problems(err: ValidationError, path: str, lang: str, save: str | None, limit: int = 200) -> None:
    """Problems as a data manager reads them: counts per rule, every problem, what was read."""
    from ..i18n import check_lang
    from ..intake import FileIntake, fold, localise, message_lines, rule_summary

    chosen = check_lang(lang)
    intakes = tuple(i for i in err.intake if isinstance(i, FileIntake))
    table = localise(err.problems, intakes, chosen)
    n = len(table)
    print(_say("cli_problems_found_one" if n == 1 else "cli_problems_found", chosen, path=path, n=n))
    print("\n" + _say("cli_per_rule", chosen))
    for line in rule_summary(table, chosen):
        print(line)
    print("\n" + _say("cli_every_problem", chosen))
    for line in message_lines(table, chosen, limit):  # identical problems in one line
        print(line)
    folded = fold(table)
    if len(folded) > limit:
        left = n - int(folded["n"].head(limit).sum())
        print(_say("cli_more", chosen, left=left, hint="" if save else _say("cli_more_hint", chosen)))
    notes = [note for i in intakes for note in i.notes()]
    if notes:
        print("\n" + _say("cli_what_was_read", chosen))
        _print_notes(notes, chosen)
    if save:
        print("\n" + _save_problems(table, save, chosen))


def _save_problems(table: pd.DataFrame, out: str, lang: str) -> str:
    """Write the problems table as CSV (UTF-8 with BOM, so Excel shows accents) or .xlsx."""
    from ..errors import ArgumentError
    from ..i18n import Message
    from ..intake import problems_table, write_csv, write_xlsx

    frame = problems_table(table, "nl" if lang == "nl" else "en")
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ArgumentError(Message("cli_problems_suffix", {"file": out}))
    # the cells hold the export's own text, which may begin with '=': written inert, never as a formula
    if suffix == ".csv":
        sep = ";" if lang == "nl" else ","  # Dutch Excel opens ;-separated files in columns
        write_csv(frame, path, sep=sep, encoding="utf-8-sig")
    else:
        write_xlsx(frame, path, sheet_name=_say("sheet_problems", lang))
    n = len(frame)
    return _say("cli_saved_one" if n == 1 else "cli_saved", lang, n=n, path=path)


def validate_command(args: argparse.Namespace) -> int:
    from ..errors import ArgumentError, ValidationError
    from ..i18n import Message

    if args.problems and Path(args.problems).suffix.lower() not in (".csv", ".xlsx"):
        _print_error(ArgumentError(Message("cli_problems_suffix", {"file": args.problems})), args.lang)
        return 2
    try:
        reg = _load_registry(args)
    except ValidationError as err:
        _print_problems(err, args.path, args.lang, args.problems)
        return 2
    except ArgumentError as exc:
        _print_error(exc, args.lang)
        return 2
    n_agr = "" if reg.agreements is None else _say("cli_valid_agreements", args.lang, n=len(reg.agreements))
    synthetic = _say("cli_synthetic", args.lang) if reg.synthetic else ""
    print(_say("cli_valid", args.lang, path=args.path, n=reg.n_cases, agreements=n_agr, synthetic=synthetic))
    _print_notes(reg.notes, args.lang)
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
        _print_error(exc, args.lang)
        return 2
    out = Path(args.out) if args.out else Path("reports") / (Path(args.path).stem or "report")
    try:
        written = write_report(reg, out, lang=args.lang, study=args.study, min_cell=args.min_cell,
                               pdf=False if args.no_pdf else None, unit=args.unit,
                               min_followup_months=args.min_followup_months, study_spec=args.study_spec)
    except (ArgumentError, ValidationError) as exc:  # a study spec's problems, all of them, in --lang
        _print_error(exc, args.lang)
        return 2
    print(_say("cli_wrote", args.lang))
    for path in written:
        print(f"  {path}")
    if not args.no_pdf and not any(p.suffix == ".pdf" for p in written):
        print(_say("cli_no_pdf", args.lang))
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


def _unknown_command(word: str, lang: Lang) -> int:
    """A misspelt subcommand: name the nearest, do not fall through to `reproduce`."""
    near = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.5)
    hint = (_say("cli_help_did_you_mean", lang, near=near[0]) if near
            else _say("cli_help_choose_command", lang, commands=", ".join(COMMANDS)))
    print(_say("cli_help_unknown_command", lang, prog=PROG, word=word, hint=hint), file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    asked = help_lang(argv)  # the help, argparse's errors and the lines before a command: in the --lang given
    lang: Lang = asked or "en"
    rest = without_lang(argv)
    if rest and not rest[0].startswith("-") and rest[0] not in COMMANDS:
        return _unknown_command(rest[0], lang)
    if not rest or rest[0] not in COMMANDS and rest[0] not in ("-h", "--help"):
        argv.insert(0, "reproduce")  # `python -m ekc_analysis [--out DIR]` is `reproduce`
    args = parse(argv, lang)
    if asked is not None and args.command is not None:
        args.lang = asked  # `--lang nl report ...`: the language given before the command counts too
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
            print(_say("cli_simulate_wrote", args.lang, n=len(files), out=args.out,
                       names=", ".join(f.name for f in files)))
            return 0
        if command == "report":
            return report_command(args)
        from ._reproduce import reproduce

        data = getattr(args, "data", None)
        reproduce(data=Path(data) if data else None, out=Path(getattr(args, "out", "reports")),
                  quiet=getattr(args, "quiet", False), pdf=False if getattr(args, "no_pdf", False) else None,
                  as_of=getattr(args, "as_of", None), lang=args.lang)
        return 0
    except KeyboardInterrupt:
        print(_say("cli_help_interrupted", args.lang), file=sys.stderr)
        return 130
    except Exception as exc:  # unexpected failure: say what, exit 1
        from ..errors import EkcError

        if isinstance(exc, EkcError):  # every error a user can meet derives from the root: in the run's language
            from ..i18n import Message, check_lang

            text = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Message) else None
            print(text.render(check_lang(args.lang)) if text is not None else str(exc), file=sys.stderr)
            return 2
        print(_say("cli_help_unexpected", args.lang, error_type=type(exc).__name__, error=str(exc)), file=sys.stderr)
        return 1
