from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import VALID_ROWS, write_csv

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPORT = FIXTURES / "gemeente_export.xlsx"
FAULTY = FIXTURES / "gemeente_export_fouten.xlsx"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's package, from any folder
    return subprocess.run([sys.executable, "-m", "ekc_analysis", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


def test_validate_sample_exits_zero_with_one_line() -> None:
    """With the extraction date given, a valid export gives one line; without it, a note says today is taken."""
    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    undated = run("validate", str(sample))
    assert undated.returncode == 0 and "extraction date (--as-of) not given" in undated.stdout
    assert "as_of=" not in undated.stdout  # the note's advice in the command line's option
    done = run("validate", str(sample), "--as-of", "2024-12-31")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().count("\n") == 0
    assert "valid — 1,500 initiatives and 16,708 agreements" in done.stdout


def test_validate_bad_file_prints_problems_and_exits_two(tmp_path: Path) -> None:
    rows = [list(r) for r in VALID_ROWS]
    rows[1][2] = "onzin"
    rows[2][1] = "30-02-2020"
    done = run("validate", str(write_csv(tmp_path / "cases.csv", rows)))
    assert done.returncode == 2
    assert "2 problems found" in done.stdout
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("  - cases.csv")]
    assert len(lines) == 2 and "row 3, column 'status', value 'onzin'" in lines[0]
    assert "see .problems" not in done.stdout + done.stderr


def test_simulate_writes_files(tmp_path: Path) -> None:
    done = run("simulate", "--out", str(tmp_path), "--n", "100", "--seed", "4")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote 9 files to {tmp_path}: cases.csv, agreements.csv")
    assert (tmp_path / "cases.csv").read_text().count("\n") == 101


def test_validate_missing_file_lists_a_whole_file_problem_without_a_row(tmp_path: Path) -> None:
    done = run("validate", str(tmp_path / "missing.csv"))
    assert done.returncode == 2
    assert "file not found" in done.stdout and "<NA>" not in done.stdout and "None" not in done.stdout


def test_unexpected_failure_exits_one_with_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    done = run("simulate", "--out", str(blocker / "sub"), "--n", "20")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr



def test_any_error_of_the_root_exits_two_with_its_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from ekc_analysis import EkcError
    from ekc_analysis.cli import _main, _reproduce

    def fails(**_: object) -> None:
        raise EkcError("the sample folder holds no cases.csv")  # neither ArgumentError nor ValidationError

    monkeypatch.setattr(_reproduce, "reproduce", fails)
    assert _main.main(["reproduce", "--out", str(tmp_path), "--no-pdf", "--quiet"]) == 2
    assert capsys.readouterr().err == "the sample folder holds no cases.csv\n"

# --- the data manager's path: a municipal export (tests/fixtures, made by make_municipal_export.py) ---

@pytest.mark.parametrize("lang, expected", [
    ("NL", ["in orde — 260 aanmeldingen en 2.837 afspraken.", "kopregel op rij 3",
            "genegeerde kolommen (niet ingelezen): BSN, Achternaam, Wijk, Opmerkingen",
            "rij 265 is een totaalregel ('Totaal') en is weggelaten", "Datum aanmelding → referral_date"]),
    ("en", ["valid — 260 initiatives and 2,837 agreements.", "headers on row 3",
            "columns ignored (not read into the registry): BSN, Achternaam, Wijk, Opmerkingen",
            "row 265 is a totals row ('Totaal') and was left out", "Datum aanmelding → referral_date"]),
])
def test_validate_municipal_export(lang: str, expected: list[str]) -> None:
    done = run("validate", str(EXPORT), "--lang", lang)
    assert done.returncode == 0, done.stdout + done.stderr
    for text in expected:
        assert text in done.stdout
    assert "read as text" not in done.stdout


@pytest.mark.parametrize("lang, expected", [
    ("nl", ["5 problemen gevonden", "Per regel:",
            "1 × gemeente_export_fouten.xlsx, kolom 'Datum aanmelding': onmogelijke datum",
            "rij 8, kolom 'Status', waarde 'Wachtlijst': onbekende waarde; toegestaan: 'EK-c gehouden' / "
            "'Afgerond' (= conference); 'Plan zonder conferentie' (= plan_without_conference)",
            "rij 13, kolom 'Datum aanmelding', waarde '31/2/21': onmogelijke datum (die dag bestaat niet)",
            "rij 18, kolom 'Aantal afspraken', waarde 'veel': geen getal",
            "rij 34, kolom 'Datum aanmelding', lege cel: verplichte waarde ontbreekt",
            "rij 265 is een totaalregel ('Totaal')", "genegeerde kolommen (niet ingelezen): BSN, Achternaam"]),
    ("en", ["5 problems found", "Per rule:",
            "row 8, column 'Status', value 'Wachtlijst': unknown value; allowed: 'EK-c gehouden' / 'Afgerond' "
            "(= conference)", "row 24, column 'Kader', value 'misschien': unknown value",
            "row 34, column 'Datum aanmelding', empty cell: required value is missing",
            "row 265 is a totals row ('Totaal')", "columns ignored (not read into the registry): BSN"]),
])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_validate_faulty_export_names_the_users_headers_and_saves_the_problems(
        tmp_path: Path, lang: str, expected: list[str], suffix: str) -> None:
    out = tmp_path / f"problemen{suffix}"
    done = run("validate", str(FAULTY), "--lang", lang, "--problems", str(out))
    assert done.returncode == 2, done.stderr
    for text in expected:
        assert text in done.stdout
    assert "referral_date:" not in done.stdout and "see .problems" not in done.stdout
    assert f"5 {'problemen opgeslagen in' if lang == 'nl' else 'problems saved to'} {out}" in done.stdout
    if suffix == ".csv":
        saved = pd.read_csv(out, sep=";" if lang == "nl" else ",", encoding="utf-8-sig", dtype=str)
    else:
        saved = pd.read_excel(out, dtype=str)
    head = ["bestand", "rij", "kolom", "waarde", "regel"] if lang == "nl" else ["file", "row", "column", "value",
                                                                             "rule"]
    assert saved.columns.tolist() == head
    assert saved[head[1]].astype(int).tolist() == [8, 13, 18, 24, 34]
    assert saved[head[2]].tolist() == ["Status", "Datum aanmelding", "Aantal afspraken", "Kader", "Datum aanmelding"]
    assert saved[head[3]].tolist()[:4] == ["Wachtlijst", "31/2/21", "veel", "misschien"]


def test_validate_with_mapping_file_sheet_and_header_row(tmp_path: Path) -> None:
    book = tmp_path / "export.xlsx"
    with pd.ExcelWriter(book) as xl:
        pd.DataFrame({"x": ["uitleg"]}).to_excel(xl, sheet_name="Uitleg", index=False)
        pd.DataFrame([["Rapport", None, None], ["Nummer", "Eerste contact", "Fase"], ["1", "3/1/21", "Afgerond"],
                      ["2", "4/1/21", "gestopt"]]).to_excel(xl, sheet_name="Data", index=False, header=False)
    (tmp_path / "kolommen.csv").write_text("kopje;kolom\nNummer;case_id\nEerste contact;referral_date\nFase;status\n")
    (tmp_path / "kolommen.json").write_text(
        '{"Nummer": "case_id", "Eerste contact": "referral_date", "Fase": "status"}')
    done = run("validate", str(book), "--sheet", "Data", "--lang", "en")
    assert done.returncode == 2
    assert "headers found on row 2: Nummer, Eerste contact, Fase" in done.stdout
    done = run("validate", str(book), "--sheet", "Data", "--header-row", "2",
               "--mapping", str(tmp_path / "kolommen.csv"))
    # a cases-only export ('Afgerond' is a conference, the file has no conference date column) is read,
    # and the note says what it does not hold
    assert done.returncode == 0, done.stdout
    assert "row 3, column 'Fase', empty cell" not in done.stdout
    assert "not in the data: conference_date, plan, n_agreements" in done.stdout
    by_number = run("validate", str(book), "--sheet", "2", "--header-row", "2", "--mapping",
                    str(tmp_path / "kolommen.csv"), "--lang", "nl")
    assert by_number.returncode == 0 and "niet in de gegevens: conference_date, plan" in by_number.stdout
    beyond = run("validate", str(book), "--sheet", "3")
    assert beyond.returncode == 2 and "no sheet named '3'; sheets are: Uitleg, Data" in beyond.stdout
    for mapping in ("kolommen.csv", "kolommen.json"):
        (tmp_path / "ok.xlsx").unlink(missing_ok=True)
        pd.DataFrame([["Nummer", "Eerste contact", "Fase"], ["1", "3/1/21", "Loopt nog"]]).to_excel(
            tmp_path / "ok.xlsx", index=False, header=False)
        done = run("validate", str(tmp_path / "ok.xlsx"), "--mapping", str(tmp_path / mapping))
        assert done.returncode == 0, done.stdout
        assert "Eerste contact → referral_date" in done.stdout
    (tmp_path / "fout.json").write_text('{"Nummer": "dossier"}')
    done = run("validate", str(tmp_path / "ok.xlsx"), "--mapping", str(tmp_path / "fout.json"))
    assert done.returncode == 2
    assert "unknown column name(s) 'Nummer' -> 'dossier'; choose from case_id, referral_date" in done.stderr


def test_lang_is_case_insensitive_and_checked() -> None:
    assert run("validate", str(EXPORT), "--lang", "Nl").returncode == 0
    done = run("validate", str(EXPORT), "--lang", "fr")
    assert done.returncode == 2 and "choose nl or en, not 'fr'" in done.stderr


@pytest.mark.parametrize("typo, nearest", [("valdiate", "validate"), ("raport", "report"), ("simulte", "simulate")])
def test_misspelt_command_suggests_the_nearest(typo: str, nearest: str) -> None:
    done = run(typo, "x")
    assert done.returncode == 2
    assert f"did you mean '{nearest}'?" in done.stderr and "unrecognized arguments" not in done.stderr


@pytest.mark.parametrize("command", ["validate", "report", "reproduce", "simulate"])
def test_help_has_examples(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    examples = done.stdout.split("examples:", 1)[-1]
    assert "examples:" in done.stdout and examples.count("python -m ekc_analysis") >= 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_on_the_municipal_export_writes_its_own_folder(tmp_path: Path, lang: str) -> None:
    keep = tmp_path / "reports" / "report_nl.html"  # what `reproduce` wrote earlier stays
    keep.parent.mkdir()
    keep.write_text("earlier report")
    done = run("report", str(EXPORT), "--lang", lang.upper(), "--no-pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    target = tmp_path / "reports" / "gemeente_export" / f"report_{lang}.html"
    assert target.is_file() and keep.read_text() == "earlier report"
    assert str(Path("reports") / "gemeente_export" / f"report_{lang}.html") in done.stdout
    html = target.read_text(encoding="utf-8")
    assert "gemeente_export.xlsx" in html
    assert not any(word in html for word in ("Achternaam", "Opmerkingen", "Jansen", "moeder wil graag"))


def test_report_with_explicit_out_and_input_options_names_every_file(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    done = run("report", str(EXPORT), "--sheet", "Aanmeldingen", "--header-row", "3", "--agreements-sheet",
               "Afspraken", "--out", str(out), "--no-pdf")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["report_nl.html"]
    assert f"{out / 'report_nl.html'}" in done.stdout


def test_report_on_a_faulty_export_prints_the_problems_and_exits_two(tmp_path: Path) -> None:
    done = run("report", str(FAULTY), "--out", str(tmp_path / "r"), "--no-pdf")
    assert done.returncode == 2
    assert "rij 8, kolom 'Status', waarde 'Wachtlijst'" in done.stdout
    assert not (tmp_path / "r").exists()


def test_problems_file_must_be_csv_or_xlsx_and_a_valid_file_writes_an_empty_table(tmp_path: Path) -> None:
    done = run("validate", str(EXPORT), "--problems", str(tmp_path / "p.txt"))
    assert done.returncode == 2 and "--problems" in done.stderr and ".csv or .xlsx" in done.stderr
    done = run("validate", str(EXPORT), "--problems", str(tmp_path / "p.csv"))
    assert done.returncode == 0 and "0 problems saved to" in done.stdout
    assert pd.read_csv(tmp_path / "p.csv").columns.tolist() == ["file", "row", "column", "value", "rule"]
    done = run("validate", str(tmp_path / "missing.xlsx"), "--problems", str(tmp_path / "p.xlsx"), "--lang", "nl")
    assert done.returncode == 2 and "1 probleem opgeslagen in" in done.stdout


# --- issue 19: what validation did not use, in one line per kind of problem -----------------------------

def test_validate_folds_identical_problems_and_names_resembling_headers(tmp_path: Path) -> None:
    header = ["Dossiernummer", "Datum aanmelding", "Status", "Datum EK-c", "Uitvoering plan", "Waarvan professioneel"]
    rows = [[f"K{i}", "03-01-2019", "Afgerond", "10-02-2019", "half", 1] for i in range(458)]
    rows[7][2] = "Wachtlijst"
    path = write_csv(tmp_path / "export.csv", rows, header, sep=";")
    out = tmp_path / "problemen.csv"
    done = run("validate", str(path), "--lang", "nl", "--as-of", "2024-12-31", "--problems", str(out))
    assert done.returncode == 2, done.stderr
    assert "rijen 2–459 (458×), kolom 'Uitvoering plan', waarde 'half': onbekende waarde" in done.stdout
    assert "rij 9, kolom 'Status', waarde 'Wachtlijst'" in done.stdout
    assert "kolom 'Datum EK-c' is niet ingelezen maar lijkt op conference_date" in done.stdout
    assert "`Datum EK-c,conference_date`" in done.stdout and "`Waarvan professioneel,n_professional`" in done.stdout
    saved = pd.read_csv(out, sep=";", encoding="utf-8-sig")
    assert list(saved.columns) == ["bestand", "rij", "kolom", "waarde", "regel"] and len(saved) == 459
    # the lines copied into a mapping file, with the cell value: valid
    (tmp_path / "map.csv").write_text("Datum EK-c,conference_date\nWaarvan professioneel,n_professional\n"
                                      "values:\nexecution: {half: partial}\nstatus,Wachtlijst,ongoing\n")
    done = run("validate", str(path), "--as-of", "2024-12-31", "--mapping", str(tmp_path / "map.csv"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid — 458 initiatives" in done.stdout and "resembles" not in done.stdout


def test_validate_mapping_with_a_value_the_column_cannot_take(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cases.csv", VALID_ROWS)
    (tmp_path / "map.csv").write_text("values:\nexecution,half,helft\n")
    done = run("validate", str(path), "--mapping", str(tmp_path / "map.csv"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "'helft' is not a value of execution; choose from full, partial, none" in done.stderr


def test_validate_an_xlsx_with_xml_entities_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    from intake.test_readers import EXTERNAL, _with_entities, _workbook

    path = _with_entities(_workbook(tmp_path / "export.xlsx"), EXTERNAL, "xxe")
    done = run("validate", str(path), "--as-of", "2024-12-31")
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    assert "declares XML entities" in done.stdout


# --- issue 19: warnings are messages in the run's language, and their advice names the CLI's options ------

@pytest.mark.parametrize("lang, words", [
    ("nl", ["waarschuwing: gemeente_export.xlsx bevat kolommen die een persoon identificeren: BSN",
            "waarschuwing: trechter: meer dan 5% van de aanmeldingen loopt nog (alle aanmeldingen: 8%) op de "
            "peildatum 2022-06-30 (--as-of)", "Geef --min-followup-months 12"]),
    ("en", ["warning: gemeente_export.xlsx holds columns that identify a person: BSN",
            "warning: funnel: more than 5% of initiatives are still ongoing (all initiatives: 8%) at the extraction "
            "date 2022-06-30 (--as-of)", "Give --min-followup-months 12 to count only mature referrals."]),
])
def test_report_warnings_are_messages_naming_cli_options(tmp_path: Path, lang: str, words: list[str]) -> None:
    done = run("report", str(EXPORT), "--lang", lang, "--no-pdf", "--out", str(tmp_path / "r"))
    assert done.returncode == 0, done.stderr
    for text in words:
        assert text in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines and all(ln.startswith("waarschuwing: " if lang == "nl" else "warning: ") for ln in lines)
    for leak in ("cli.py", "analyses.py", "Warning:", "min_followup_months=", "ekc.end_states", "ekc.pseudonymise",
                 "r[\"funnel\"]", "as_of "):
        assert leak not in done.stderr
    if lang == "nl":  # every warning of the run in Dutch, none left in English
        for english in ("holds columns", "still ongoing", "Give ", " the ", " with ", " and "):
            assert english not in done.stderr, english


def test_report_min_followup_months_answers_the_warning(tmp_path: Path) -> None:
    done = run("report", str(EXPORT), "--lang", "en", "--no-pdf", "--out", str(tmp_path / "r"),
               "--min-followup-months", "12")
    assert done.returncode == 0, done.stderr
    assert "still ongoing" not in done.stderr and (tmp_path / "r" / "report_en.html").exists()
    bad = run("report", str(EXPORT), "--min-followup-months", "-3")
    assert bad.returncode == 2 and "whole number of months" in bad.stderr


def test_cli_warnings_render_the_message_once_and_restore() -> None:
    """A warning is printed from its message in the run's language, each text once; another package's warning
    (plain text) as it is, never rewritten."""
    import io
    import warnings

    from ekc_analysis.errors import PersonalDataWarning
    from ekc_analysis.i18n import Message
    from ekc_analysis.intake._messages import cli_warning, cli_warnings

    before = warnings.showwarning
    out = io.StringIO()
    with cli_warnings("nl", stream=out):
        for _ in range(2):  # the same caveat twice: one line
            warnings.warn(Message("warn_bsn", {"file": "x.csv"}), PersonalDataWarning, stacklevel=1)
        warnings.warn("something new; pass min_cell=5", UserWarning, stacklevel=1)
    assert warnings.showwarning is before
    assert out.getvalue().splitlines() == [
        "waarschuwing: x.csv: case_id lijkt uit BSN's te bestaan (ze doorstaan de elfproef); pseudonimiseer ze vóór "
        "de analyse met python -m ekc_analysis pseudonymise IN OUT --key-file KEY --column case_id",
        "waarschuwing: something new; pass min_cell=5"]
    assert cli_warning(UserWarning("a  third-party\n  text"), "en") == "warning: a third-party text"


def test_a_warning_keeps_its_english_text_and_the_cli_words_its_advice_as_options() -> None:
    """str() of a warning is the English text a notebook (and pytest.warns(match=)) reads; the command line renders
    the same warning from its message: in Dutch or English, the advice by the catalogue's _cli variants."""
    import warnings

    import ekc_analysis as ekc
    from ekc_analysis.intake._messages import cli_warning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ekc.funnel(ekc.load(EXPORT))
    by_key = {w.message.text.key: w.message for w in caught if getattr(w.message, "text", None) is not None}
    funnel, identifiers = by_key["warn_funnel_ongoing"], by_key["warn_identifiers"]
    assert isinstance(funnel, ekc.StatisticalWarning) and isinstance(identifiers, ekc.PersonalDataWarning)
    assert str(funnel) == (
        "funnel: more than 5% of initiatives are still ongoing (all initiatives: 8%) at as_of 2022-06-30; their "
        "closed initiatives over-represent quick endings (stopping ends sooner than a conference). Give "
        "min_followup_months=12 to count only mature referrals, or see ekc.end_states(reg) for the end states by "
        "time since referral (ongoing initiatives censored at as_of).")
    assert str(identifiers) == (
        "gemeente_export.xlsx holds columns that identify a person: BSN (bsn), Achternaam (name). They are left out "
        "of the registry and of every result; researchers should receive pseudonymised files: run python -m "
        "ekc_analysis pseudonymise IN OUT --key-file KEY (or ekc.pseudonymise) before sharing.")
    assert cli_warning(funnel, "en") == (
        "warning: funnel: more than 5% of initiatives are still ongoing (all initiatives: 8%) at the extraction date "
        "2022-06-30 (--as-of); their closed initiatives over-represent quick endings (stopping ends sooner than a "
        "conference). Give --min-followup-months 12 to count only mature referrals.")
    assert cli_warning(funnel, "nl") == (
        "waarschuwing: trechter: meer dan 5% van de aanmeldingen loopt nog (alle aanmeldingen: 8%) op de peildatum "
        "2022-06-30 (--as-of); onder de afgeronde aanmeldingen zijn de snelle dan oververtegenwoordigd (stoppen gaat "
        "sneller dan een conferentie). Geef --min-followup-months 12 om alleen aanmeldingen te tellen die lang "
        "genoeg geleden zijn gedaan.")
    assert cli_warning(identifiers, "nl").endswith("voer vóór het delen python -m ekc_analysis pseudonymise IN OUT "
                                                   "--key-file KEY uit.")


def test_no_warning_is_rewritten_by_regular_expression() -> None:
    import inspect

    from ekc_analysis.intake import _messages

    source = inspect.getsource(_messages.cli_warning) + inspect.getsource(_messages.cli_warnings)
    assert "re." not in source
    for gone in ("CLI_ADVICE", "CLI_WARNINGS_NL", "_NL_WORDS"):
        assert not hasattr(_messages, gone), gone


def test_a_dutch_validate_prints_the_warnings_in_dutch() -> None:
    done = run("validate", str(EXPORT), "--lang", "nl", "--as-of", "2022-06-30")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == ["waarschuwing: gemeente_export.xlsx bevat kolommen die een persoon identificeren: BSN (bsn), "
                     "Achternaam (name). Ze blijven buiten het register en buiten elk resultaat; geef onderzoekers "
                     "alleen gepseudonimiseerde bestanden: voer vóór het delen python -m ekc_analysis pseudonymise IN "
                     "OUT --key-file KEY uit."]


def test_simulate_speaks_the_runs_language(tmp_path: Path) -> None:
    done = run("simulate", "--out", str(tmp_path), "--n", "60", "--seed", "4", "--lang", "nl")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"9 bestanden geschreven naar {tmp_path}: cases.csv, agreements.csv")


@pytest.mark.parametrize("lang, text", [
    ("en", "the header 'Regio' appears 2 times (columns D and E); rename one"),
    ("nl", "de kop 'Regio' staat er 2 keer (kolommen D en E); geef er één een andere naam"),
])
def test_validate_repeated_header_is_one_problem_exit_two(tmp_path: Path, lang: str, text: str) -> None:
    path = tmp_path / "dubbel.csv"
    path.write_text("case_id;referral_date;status;Regio;Regio\nK1;2019-01-03;lopend;Noord;Zuid\n")
    done = run("validate", str(path), "--lang", lang, "--as-of", "2024-12-31")
    assert done.returncode == 2 and "Traceback" not in done.stderr and "AttributeError" not in done.stdout
    assert text in done.stdout and ("1 probleem gevonden" if lang == "nl" else "1 problem found") in done.stdout


# --- issue 20: the command line's own texts from the catalogue ------------------------------------------------

def test_the_command_lines_texts_are_catalogue_keys_used_in_the_run_language(tmp_path: Path) -> None:
    import re

    from ekc_analysis._catalogue import MESSAGES, _cli

    used = {key for path in ("cli/_main.py", "cli/_reproduce.py", "intake/_messages.py")  # the help: test_parser
            for key in re.findall(r'"(cli_(?!help_)[a-z_]+)"', (ROOT / "ekc_analysis" / path).read_text())}
    assert used == set(_cli.TEXTS) and used <= set(MESSAGES["nl"])
    bad = tmp_path / "p.txt"
    for lang, expected in (("nl", f"fout: --problems {bad}: het bestand moet eindigen op .csv of .xlsx\n"),
                           ("en", f"error: --problems {bad}: the file must end in .csv or .xlsx\n")):
        done = run("validate", str(EXPORT), "--problems", str(bad), "--lang", lang)
        assert done.returncode == 2 and done.stderr == expected
    (tmp_path / "fout.json").write_text('{"Nummer": "dossier"}')
    done = run("validate", str(EXPORT), "--mapping", str(tmp_path / "fout.json"), "--lang", "nl")
    assert done.returncode == 2
    assert done.stderr.startswith(f"fout: --mapping {tmp_path / 'fout.json'}: onbekende kolomnaam of -namen "
                                  "'Nummer' -> 'dossier'; kies uit case_id, referral_date")


def test_a_dutch_run_shows_the_notes_in_dutch_and_leaves_out_how_a_file_was_decoded() -> None:
    done = run("validate", str(FIXTURES / "gemeente_alleen_aanmeldingen.csv"), "--lang", "nl", "--as-of",
               "2024-12-31")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[1:] == [
        "  gemeente_alleen_aanmeldingen.csv: gebruikte kolommen: Dossiernummer → case_id, Aanmelddatum → "
        "referral_date, Status → status",
        "  niet in de gegevens: conference_date, plan, n_agreements, n_professional, followup_date, execution; wat "
        "daarop rust, blijft weg"]
