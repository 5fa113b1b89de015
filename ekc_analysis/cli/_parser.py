"""The options of ``python -m ekc_analysis``: its subcommands, their help texts and examples, in the language of
``--lang`` (English without it). The texts are the catalogue's (``ekc_analysis/_catalogue/_cli_help.py``); argparse's
own words (``usage:``, "the following arguments are required") are its gettext message ids, given in Dutch while a
Dutch parser is built and used (:func:`argparse_words`)."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from .._catalogue import ARGPARSE
from ..i18n import LANGS, Lang, t

COMMANDS = ("reproduce", "report", "validate", "simulate", "pseudonymise")
PROG = "python -m ekc_analysis"

EXAMPLES: dict[str, tuple[str, ...]] = {
    "validate": ("validate data/sample", "validate aanmeldingen.xlsx --lang nl",
                 "validate export.xlsx --sheet Aanmeldingen --header-row 3 --agreements-sheet Afspraken",
                 "validate export.csv --mapping kolommen.csv --problems problemen.xlsx",
                 "validate cases.csv --agreements agreements.csv --lang NL"),
    "pseudonymise": ("pseudonymise export.xlsx export_pseudo.xlsx --key-file ../geheim.key --new-key",
                     "pseudonymise export.xlsx export_pseudo.csv --key-file ../geheim.key --keep Locatie",
                     "pseudonymise exports/ pseudo/ --key-file ../geheim.key --column case_id --birth-dates hash"),
    "report": ("report data/sample --lang en", "report export.xlsx --lang nl --no-pdf",
               "report export.xlsx --sheet Aanmeldingen --agreements-sheet Afspraken --out rapport/",
               "report data/sample --study data/sample/trial.csv --lang NL",
               "report export.xlsx --study proef.csv --study-spec proef.study.json"),
    "reproduce": ("", "reproduce --out /tmp/reports --no-pdf --quiet", "reproduce --lang nl"),
    "simulate": ("simulate --out /tmp/synthetic", "simulate --out /tmp/small --n 260 --seed 7 --lang nl"),
}


def _lang_words(argv: Sequence[str]) -> list[tuple[int, int, str | None]]:
    """Each ``--lang X`` / ``--lang=X`` of a command line: (first index, index after it, its value or None)."""
    spans: list[tuple[int, int, str | None]] = []
    for i, word in enumerate(argv):
        if word.startswith("--lang="):
            spans.append((i, i + 1, word.partition("=")[2]))
        elif word == "--lang":
            spans.append((i, i + 2, argv[i + 1] if i + 1 < len(argv) else None))
    return spans


def help_lang(argv: Sequence[str]) -> Lang | None:
    """The language a command line asks for (its last ``--lang X`` or ``--lang=X``, any case), else None: the help,
    argparse's errors and the lines before a command runs are in it."""
    found: Lang | None = None
    for _, _, value in _lang_words(argv):
        if value is not None and value.strip().lower() in LANGS:
            found = "nl" if value.strip().lower() == "nl" else "en"
    return found


def without_lang(argv: Sequence[str]) -> list[str]:
    """``argv`` without its ``--lang X`` / ``--lang=X`` words."""
    dropped = {i for start, stop, _ in _lang_words(argv) for i in range(start, stop)}
    return [word for i, word in enumerate(argv) if i not in dropped]


@contextmanager
def argparse_words(lang: Lang) -> Iterator[None]:
    """argparse's own words in ``lang`` while the block runs: its gettext lookups (``argparse._``, ``ngettext``)
    answered from :data:`~ekc_analysis._catalogue._cli_help.ARGPARSE`; put back as they were afterwards."""
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def plural(singular: str, plural_: str, n: int) -> str:
        return ARGPARSE.get(singular if n == 1 else plural_, singular if n == 1 else plural_)

    argparse._ = lambda message: ARGPARSE.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Help:
    """The help texts of one language: ``h("path")`` is ``cli_help_path``."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: object) -> str:
        return t(f"cli_help_{key}", self.lang, words=False, **params)

    def epilog(self, command: str, **params: object) -> str:
        examples = "\n".join(f"  {PROG} {line}".rstrip() for line in EXAMPLES[command])
        if command in ("reproduce", "simulate"):
            heading = self("examples")
            return f"{heading}\n{examples}\n"
        return self(f"epilog_{command}", examples=examples, **params)

    def lang_type(self) -> Callable[[str], str]:
        def parse(value: str) -> str:
            key = value.strip().lower()
            if key not in LANGS:
                raise argparse.ArgumentTypeError(self("bad_lang", value=value))
            return key
        return parse

    def months_type(self) -> Callable[[str], int]:
        def parse(value: str) -> int:
            if not value.strip().isdigit():
                raise argparse.ArgumentTypeError(self("bad_months", value=value))
            return int(value)
        return parse


def _sub(sub: argparse._SubParsersAction, name: str, h: _Help, *, epilog: str,
         description: str | None = None) -> argparse.ArgumentParser:
    wrapped = textwrap.fill(description, 100) if description else None  # raw text: the examples keep their lines
    p: argparse.ArgumentParser = sub.add_parser(name, help=h(name), description=wrapped, epilog=epilog,
                                                formatter_class=argparse.RawDescriptionHelpFormatter)
    return p


def _lang_option(p: argparse.ArgumentParser, h: _Help, key: str, default: str) -> None:
    p.add_argument("--lang", type=h.lang_type(), default=default, metavar="{nl,en}", help=h(key, default=default))


def _input_options(p: argparse.ArgumentParser, h: _Help, lang_key: str, lang: str) -> None:
    """How to read a registry export: the options `validate` and `report` share."""
    path = h("metavar_path")
    p.add_argument("path", metavar=path, help=h("path"))
    p.add_argument("--agreements", default=None, metavar=h("metavar_file"), help=h("agreements", path=path))
    p.add_argument("--mapping", default=None, metavar=h("metavar_file"), help=h("mapping"))
    p.add_argument("--sheet", default=None, metavar=h("metavar_sheet"), help=h("sheet"))
    p.add_argument("--header-row", type=int, default=None, metavar="N", help=h("header_row"))
    p.add_argument("--agreements-sheet", default=None, metavar=h("metavar_sheet"), help=h("agreements_sheet"))
    _lang_option(p, h, lang_key, lang)
    p.add_argument("--as-of", default=None, metavar=h("metavar_date"), help=h("as_of"))


def _add_validate(sub: argparse._SubParsersAction, h: _Help) -> None:
    from ..intake import AGREEMENTS, CASES

    columns = ", ".join(dict.fromkeys(c.name for c in CASES.columns + AGREEMENTS.columns))
    v = _sub(sub, "validate", h, description=h("about_validate"), epilog=h.epilog("validate", columns=columns))
    _input_options(v, h, "lang_messages", "en")
    v.add_argument("--problems", default=None, metavar=h("metavar_out"), help=h("problems"))


def _add_pseudonymise(sub: argparse._SubParsersAction, h: _Help) -> None:
    ps = _sub(sub, "pseudonymise", h, description=h("about_pseudonymise"), epilog=h.epilog("pseudonymise"))
    ps.add_argument("source", metavar=h("metavar_in"), help=h("source"))
    ps.add_argument("target", metavar=h("metavar_out"), help=h("target"))
    ps.add_argument("--key-file", required=True, metavar=h("metavar_file"), help=h("key_file"))
    ps.add_argument("--new-key", action="store_true", help=h("new_key"))
    ps.add_argument("--column", action="append", default=[], metavar=h("metavar_column"), help=h("column"))
    ps.add_argument("--keep", action="append", default=[], metavar=h("metavar_column"), help=h("keep"))
    ps.add_argument("--birth-dates", choices=["year", "hash"], default="year", help=h("birth_dates"))
    _lang_option(ps, h, "lang_messages", "en")


def _add_report(sub: argparse._SubParsersAction, h: _Help) -> None:
    rep = _sub(sub, "report", h, description=h("about_report"), epilog=h.epilog("report"))
    _input_options(rep, h, "lang_report", "nl")
    rep.add_argument("--study", default=None, metavar=h("metavar_file"), help=h("study"))
    rep.add_argument("--study-spec", default=None, metavar=h("metavar_file"), help=h("study_spec"))
    rep.add_argument("--out", default=None, metavar=h("metavar_dir"), help=h("out_report"))
    rep.add_argument("--min-cell", type=int, default=10, metavar="N", help=h("min_cell"))
    rep.add_argument("--min-followup-months", type=h.months_type(), default=None, metavar="N",
                     help=h("min_followup_months"))
    rep.add_argument("--unit", default=None, metavar=h("metavar_name"), help=h("unit"))
    rep.add_argument("--no-pdf", action="store_true", help=h("no_pdf"))


def _add_reproduce(sub: argparse._SubParsersAction, h: _Help) -> None:
    r = _sub(sub, "reproduce", h, description=h("about_reproduce"), epilog=h.epilog("reproduce"))
    r.add_argument("--data", default=None, metavar=h("metavar_dir"), help=h("data"))
    r.add_argument("--out", default="reports", metavar=h("metavar_dir"), help=h("out_reproduce"))
    r.add_argument("--quiet", action="store_true", help=h("quiet"))
    r.add_argument("--no-pdf", action="store_true", help=h("no_pdf"))
    r.add_argument("--as-of", default=None, metavar=h("metavar_date"), help=h("as_of_reproduce"))
    _lang_option(r, h, "lang_reproduce", "en")


def _add_simulate(sub: argparse._SubParsersAction, h: _Help) -> None:
    s = _sub(sub, "simulate", h, epilog=h.epilog("simulate"))
    s.add_argument("--out", required=True, metavar=h("metavar_dir"), help=h("out_simulate"))
    s.add_argument("--n", type=int, default=1500, help=h("n"))
    s.add_argument("--seed", type=int, default=None, help=h("seed"))
    _lang_option(s, h, "lang_messages", "en")


def parser(lang: Lang = "en") -> argparse.ArgumentParser:
    """The command line: its subcommands and their options, help texts and examples in ``lang``.

    Parse with it inside :func:`argparse_words` of the same language, so that argparse's own words match."""
    h = _Help(lang)
    with argparse_words(lang):
        p = argparse.ArgumentParser(prog=PROG, description=h("description"), epilog=h("epilog_main", prog=PROG),
                                    formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--lang", type=h.lang_type(), default=None, metavar="{nl,en}", help=h("lang_main"),
                       dest="help_lang")
        sub = p.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
        _add_reproduce(sub, h)
        _add_report(sub, h)
        _add_validate(sub, h)
        _add_pseudonymise(sub, h)
        _add_simulate(sub, h)
    return p


def parse(argv: Sequence[str], lang: Lang) -> argparse.Namespace:
    """``argv`` parsed by the parser of ``lang``; argparse's errors and help in that language too."""
    with argparse_words(lang):
        return parser(lang).parse_args(list(argv))
