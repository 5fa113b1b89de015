"""The command line's help and argparse's own words in the language of ``--lang``; argparse left as it was."""

from __future__ import annotations

import argparse
import gettext
import inspect
import re

import pytest
from test_i18n import ENGLISH

from ekc_analysis._catalogue import _cli_help
from ekc_analysis.cli import main
from ekc_analysis.cli._parser import COMMANDS, argparse_words, help_lang, parser

HELP_KEYS = set(_cli_help.TEXTS)


def _helps(lang: str) -> dict[str, str]:
    """Every command's help page (and the main one, under ''), as ``--help`` prints it."""
    p = parser(lang)  # type: ignore[arg-type]
    sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    with argparse_words(lang):  # type: ignore[arg-type]
        pages = {"": p.format_help()} | {name: sub.choices[name].format_help() for name in COMMANDS}
    return pages


def _prose(page: str) -> str:
    """A help page without what is not prose in any language: the example commands, the column names and the
    JSON and CSV samples (they are the package's own identifiers)."""
    kept = [line for line in page.splitlines() if not re.match(r"\s*(python -m ekc_analysis|Datum eerste|values:|"
                                                               r"execution:|kolomnamen:|column names:|<naam>|"
                                                               r"\"veiligheid)", line)]
    return " ".join(" ".join(kept).split())


def test_every_help_text_is_used_and_has_both_languages() -> None:
    from ekc_analysis._catalogue import MESSAGES

    source = "".join(inspect.getsource(m) for m in (__import__("ekc_analysis.cli._parser", fromlist=["x"]),
                                                      __import__("ekc_analysis.cli._main", fromlist=["x"])))
    built = set(COMMANDS) | {f"epilog_{c}" for c in ("main", "validate", "pseudonymise", "report")}
    for key in HELP_KEYS:
        assert f"cli_help_{key}" in MESSAGES["nl"]
        assert key in built or f'"{key}"' in source or f'"cli_help_{key}"' in source, key


def test_the_help_is_dutch_with_lang_nl_and_lists_the_same_options() -> None:
    dutch, english = _helps("nl"), _helps("en")
    for name, page in dutch.items():
        assert page.startswith("gebruik: python -m ekc_analysis") and "\nopties:\n" in page, name
        assert "voorbeelden:" in page and "deze hulp tonen en stoppen" in page, name
        prose = _prose(page)
        found = [w for w in ENGLISH if w in f" {prose} "]
        assert not found, (name, found, prose)
        options = set(re.findall(r"(?m)^\s+(-[-a-z]+)", page))
        assert options == set(re.findall(r"(?m)^\s+(-[-a-z]+)", english[name])) and len(options) >= 2, name
        assert any(w in f" {_prose(english[name])} " for w in ENGLISH), name  # the check sees English where it is
    assert "PAD" in dutch["validate"] and "--as-of DATUM" in dutch["report"] and "--out MAP" in dutch["reproduce"]
    assert english["validate"].startswith("usage: python -m ekc_analysis validate [-h]")


@pytest.mark.parametrize("argv", [["--lang", "nl", "--help"], ["--help", "--lang=NL"]])
def test_lang_nl_with_help_prints_the_main_help_in_dutch(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out = capsys.readouterr().out
    assert stop.value.code == 0 and out.startswith("gebruik: python -m ekc_analysis [-h] [--lang {nl,en}]")
    assert "Uitkomstanalyses van Eigen Kracht-conferenties." in out and "validate --help " in out


def test_argparse_errors_before_a_command_runs_are_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["report", "--lang", "nl"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m ekc_analysis report: fout: deze argumenten ontbreken: PAD")
    with pytest.raises(SystemExit):
        main(["report", "x", "--lang", "nl", "--min-followup-months", "drie"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m ekc_analysis report: fout: argument --min-followup-months: geef een heel aantal maanden "
        "(0 of meer), niet 'drie'")
    with pytest.raises(SystemExit):
        main(["report", "--lang", "fr"])  # an unknown language: the error in English, naming both choices
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m ekc_analysis report: error: argument --lang: choose nl or en, not 'fr'")
    with pytest.raises(SystemExit):
        main(["validate", "x", "--lang", "nl", "--frobnicate"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m ekc_analysis: fout: onbekende argumenten: --frobnicate")


def test_an_unknown_command_names_the_nearest_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valdate", "x", "--lang", "nl"]) == 2
    assert capsys.readouterr().err == ("python -m ekc_analysis: fout: onbekende opdracht 'valdate'; bedoelt u "
                                       "'validate'?\n(zie 'python -m ekc_analysis --help' voor voorbeelden)\n")
    assert main(["frobnicate"]) == 2
    assert capsys.readouterr().err == (
        "python -m ekc_analysis: error: unknown command 'frobnicate'; choose from reproduce, report, validate, "
        "simulate, pseudonymise\n(see 'python -m ekc_analysis --help' for examples)\n")


def test_argparse_is_left_as_it_was_after_a_dutch_parser() -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--lang", "nl", "--help"])
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    assert argparse.ArgumentParser(prog="x").format_help().startswith("usage: x [-h]")


def test_the_dutch_of_argparses_words_is_keyed_by_argparses_own_message_ids() -> None:
    """A Python whose argparse rewords a message shows here (its Dutch would silently fall back to English)."""
    source = inspect.getsource(argparse)
    for msgid in _cli_help.ARGPARSE:
        assert repr(msgid) in source or f'"{msgid}"' in source, msgid


@pytest.mark.parametrize(("argv", "expected"), [
    (["validate", "x", "--lang", "NL"], "nl"), (["--lang=en", "report"], "en"), (["--lang", "fr"], None),
    (["--lang", "nl", "report", "x", "--lang", "en"], "en"), (["--lang"], None), ([], None)])
def test_help_lang_reads_the_last_lang_given(argv: list[str], expected: str | None) -> None:
    assert help_lang(argv) == expected
