"""One failing file per rule: each must name the right column and spreadsheet row."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ekc_analysis as ekc
from conftest import HEADER, VALID_ROWS, problems_of, write_csv
from ekc_analysis.i18n import render


def with_row(row_index: int, **changes: object) -> list[list[object]]:
    rows = [list(r) for r in VALID_ROWS]
    for col, value in changes.items():
        rows[row_index][HEADER.index(col)] = value
    return rows


def only_problem(problems: pd.DataFrame) -> pd.Series:
    assert len(problems) == 1, problems.to_string()
    return problems.iloc[0]


def test_valid_file_loads_with_every_row(valid_csv: Path) -> None:
    reg = ekc.load(valid_csv)
    assert reg.n_cases == 4
    assert reg.cases["status"].tolist() == ["conference", "stopped", "plan_without_conference", "ongoing"]
    assert reg.cases["execution"].tolist()[0] == "full"
    assert reg.cases["plan"].tolist()[:3] == [True, False, True]


def test_missing_required_column(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "referral_date"]
    rows = [[v for h, v in zip(HEADER, r, strict=True) if h != "referral_date"] for r in VALID_ROWS]
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", rows, header)))
    assert p["column"] == "referral_date" and pd.isna(p["row"])
    assert "required column is missing" in p["rule"]


def test_duplicate_case_id_names_the_repeat_row(tmp_path: Path) -> None:
    rows = with_row(2, case_id="K1")
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", rows)))
    assert (p["column"], p["row"], p["value"]) == ("case_id", 4, "K1")
    assert "first seen in row 2" in p["rule"]


def test_unknown_category(tmp_path: Path) -> None:
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", with_row(1, status="misschien"))))
    assert (p["column"], p["row"], p["value"]) == ("status", 3, "misschien")
    assert "allowed: conference" in p["rule"]


@pytest.mark.parametrize("value, rule", [("31-02-2019", "impossible date"), ("gisteren", "not a date")])
def test_bad_dates(tmp_path: Path, value: str, rule: str) -> None:
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", with_row(3, referral_date=value))))
    assert (p["column"], p["row"], p["value"]) == ("referral_date", 5, value)
    assert rule in p["rule"]


def test_conference_before_referral(tmp_path: Path) -> None:
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", with_row(0, conference_date="2018-12-31"))))
    assert (p["column"], p["row"]) == ("conference_date", 2)
    assert "before referral_date" in p["rule"]


def test_followup_before_conference(tmp_path: Path) -> None:
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", with_row(0, followup_date="2019-02-01"))))
    assert (p["column"], p["row"]) == ("followup_date", 2)
    assert "before conference_date" in p["rule"]


def test_conference_without_date(tmp_path: Path) -> None:
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", with_row(0, conference_date=None,
                                                                        followup_date=None))))
    assert (p["column"], p["row"]) == ("conference_date", 2)
    assert "status is conference" in p["rule"]


def test_absent_conference_date_column_is_read_and_named_in_the_notes(tmp_path: Path) -> None:
    """A cases-only export is no error: it is read, and the notes say which analysis columns it lacks."""
    keep = [i for i, h in enumerate(HEADER) if h != "conference_date"]
    rows = [[r[i] for i in keep] for _ in range(3) for r in VALID_ROWS]
    for k, r in enumerate(rows):
        r[0] = f"K{k}"
    header = [HEADER[i] for i in keep]
    reg = ekc.load(write_csv(tmp_path / "c.csv", rows, header), lang="nl")
    assert len(reg.cases) == len(rows) and "conference_date" not in reg.cases
    assert any(render(n, "nl").startswith("niet in de gegevens: conference_date") for n in reg.notes)
    assert any(n.startswith("not in the data: conference_date") for n in reg.notes)  # str(): the English text


def test_more_professional_than_agreements(tmp_path: Path) -> None:
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", with_row(2, n_professional=9))))
    assert (p["column"], p["row"], p["value"]) == ("n_professional", 4, "9")


@pytest.mark.parametrize("value, rule", [("-2", "negative"), ("3,5", "whole number"), ("veel", "not a number"),
                                         ("1E100", "implausibly large for a count (above 1,000,000)")])
def test_bad_counts(tmp_path: Path, value: str, rule: str) -> None:
    rows = with_row(0, n_agreements=value, n_professional=None)
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", rows, sep=";")))
    assert (p["column"], p["row"], p["value"]) == ("n_agreements", 2, value)
    assert rule in p["rule"]


def test_agreement_with_unknown_case(tmp_path: Path, valid_csv: Path) -> None:
    agr = write_csv(tmp_path / "agreements.csv",
                    [["K1", "ja"]] * 3 + [["K1", "nee"]] * 9 + [["K3", "ja"]] + [["K3", "nee"]] * 7
                    + [["K9", "nee"]], header=["case_id", "professional"])
    p = only_problem(problems_of(valid_csv, agreements=agr))
    assert (p["file"], p["column"], p["row"], p["value"]) == ("agreements.csv", "case_id", 22, "K9")


def test_counts_disagree_between_tables(tmp_path: Path, valid_csv: Path) -> None:
    agr = write_csv(tmp_path / "agreements.csv",
                    [["K1", "ja"]] * 3 + [["K1", "nee"]] * 8 + [["K3", "ja"]] + [["K3", "nee"]] * 7,
                    header=["case_id", "professional"])
    p = only_problem(problems_of(valid_csv, agreements=agr))
    assert (p["file"], p["column"], p["row"]) == ("cases.csv", "n_agreements", 2)
    assert "is 12 but the agreements table has 11" in p["rule"]


def test_agreements_fill_counts_when_cases_lack_them(tmp_path: Path) -> None:
    rows = [r[:5] + [None, None] + r[7:] for r in VALID_ROWS]
    cases = write_csv(tmp_path / "cases.csv", rows)
    write_csv(tmp_path / "agreements.csv", [["K1", "ja"]] * 2 + [["K1", "nee"]] * 3 + [["K3", "nee"]],
              header=["case_id", "professional"])
    reg = ekc.load(cases.parent)
    assert reg.cases["n_agreements"].tolist()[:3] == [5, pd.NA, 1]
    assert reg.cases["n_professional"].tolist()[0] == 2


@pytest.mark.parametrize("content, rule", [
    (b"", "empty"),
    (b"\x00\x01\x02PK\x00binary", "binary file"),
    (b"case_id,referral_date,status\n", "no records"),
])
def test_unusable_files(tmp_path: Path, content: bytes, rule: str) -> None:
    path = tmp_path / "cases.csv"
    path.write_bytes(content)
    p = only_problem(problems_of(path))
    assert rule in p["rule"] and p["file"] == "cases.csv"


def test_unreadable_excel_is_a_validation_error(tmp_path: Path) -> None:
    path = tmp_path / "cases.xlsx"
    path.write_bytes(b"this is not a zip archive")
    p = only_problem(problems_of(path))
    assert "Excel" in p["rule"]


def test_ragged_csv_lists_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("case_id,referral_date,status\nK1,2019-01-01,stopped\nK2,2019-01-01,stopped,extra\n"
                    "K3,2019-01-01,stopped\nK4,2019-01-01,stopped,x,y\n")
    problems = problems_of(path)
    assert problems["row"].tolist() == [3, 5]


def test_missing_file_and_folder_without_cases(tmp_path: Path) -> None:
    assert "not found" in only_problem(problems_of(tmp_path / "nope.csv"))["rule"]
    assert "no cases file" in only_problem(problems_of(tmp_path))["rule"]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    rows = with_row(1, status="??")
    rows[2][HEADER.index("referral_date")] = "32-13-2019"
    rows[3][HEADER.index("case_id")] = "K1"
    problems = problems_of(write_csv(tmp_path / "c.csv", rows))
    assert sorted(zip(problems["row"], problems["column"], strict=True)) == [
        (3, "status"), (4, "referral_date"), (5, "case_id")]


def test_error_message_reads_well_on_its_own(tmp_path: Path) -> None:
    # 26 different values: a count per rule, then the first 15 problems
    rows = [with_row(0, status="x")[0]] + [[f"K{i}", "2019-01-01", f"x{i}"] + [None] * 6 for i in range(5, 30)]
    with pytest.raises(ValueError) as info:  # a ValidationError is a ValueError
        ekc.load(write_csv(tmp_path / "c.csv", rows))
    text = str(info.value)
    assert "26 problems found in 1 file" in text
    assert "Per rule:\n   26 × c.csv, column 'status': unknown value; allowed:" in text
    assert "c.csv, row 2, column 'status', value 'x': unknown value; allowed: 'conference'; " in text
    assert "... and 11 more." in text
    # 26 times the same value: one line with the rows, no count per rule needed
    rows = [with_row(0, status="x")[0]] + [[f"K{i}", "2019-01-01", "x"] + [None] * 6 for i in range(5, 30)]
    with pytest.raises(ValueError) as info:
        ekc.load(write_csv(tmp_path / "c.csv", rows))
    text = str(info.value)
    assert "26 problems found in 1 file" in text and "Per rule" not in text and "more" not in text
    assert "c.csv, rows 2–27 (26×), column 'status', value 'x': unknown value; allowed: 'conference'; " in text


def test_user_mapping_and_dutch_values(tmp_path: Path) -> None:
    header = ["Nummer", "Datum eerste contact", "Stand van zaken", "Conferentiedatum"]
    rows = [["1", "3-1-2019", " Conferentie ", "10-2-2019"], ["2", "04-01-2019", "AFGEBROKEN", ""],
            ["3", "05-01-2019", "plan zonder conferentie", ""], ["4", "06-01-2019", "Lopend", ""]]
    reg = ekc.load(write_csv(tmp_path / "c.csv", rows, header, sep=";"),
                   mapping={"Nummer": "case_id", "Datum eerste contact": "referral_date",
                            "Stand van zaken": "status"})
    assert reg.cases["status"].tolist() == ["conference", "stopped", "plan_without_conference", "ongoing"]
    assert reg.cases["referral_date"].iloc[0] == pd.Timestamp("2019-01-03")


def test_two_headers_for_one_column(tmp_path: Path) -> None:
    header = ["dossiernummer", "case_id", "aanmelddatum", "status"]
    p = only_problem(problems_of(write_csv(tmp_path / "c.csv", [["1", "1", "2019-01-01", "gestopt"]], header)))
    assert p["column"] == "case_id" and "two columns map" in p["rule"]


def test_duplicate_case_id_with_agreements_is_still_one_clear_error(tmp_path: Path) -> None:
    cases = write_csv(tmp_path / "cases.csv", with_row(1, case_id="K1"))
    agr = write_csv(tmp_path / "agreements.csv", [["K1", "ja"]] * 3 + [["K1", "nee"]] * 9
                    + [["K3", "ja"]] + [["K3", "nee"]] * 7, header=["case_id", "professional"])
    problems = problems_of(cases, agreements=agr)
    assert problems[["file", "row", "column"]].to_numpy().tolist() == [["cases.csv", 3, "case_id"]]


# --- messages in the user's words ----------------------------------------------------------------

DUTCH_HEADER = ["Dossiernummer", "Datum aanmelding", "Status", "Datum conferentie", "Plan opgesteld",
                "Aantal afspraken", "Aantal afspraken professionals", "Datum evaluatie", "Uitvoering"]


@pytest.mark.parametrize("lang, expected", [
    # the value as the cell has it (2018-12-31), the date it is compared with as the package reads it
    ("nl", "rij 2, kolom 'Datum conferentie', waarde '2018-12-31': 'Datum conferentie' ligt vóór "
           "'Datum aanmelding' (03-01-2019)"),
    ("en", "row 2, column 'Datum conferentie', value '2018-12-31': 'Datum conferentie' is before "
           "'Datum aanmelding' (03-01-2019)"),
])
def test_cross_column_rule_names_the_users_headers(tmp_path: Path, lang: str, expected: str) -> None:
    path = write_csv(tmp_path / "c.csv", with_row(0, conference_date="2018-12-31"), DUTCH_HEADER, sep=";")
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path, lang=lang)
    assert expected in str(info.value)
    assert "conference_date" not in str(info.value) and "referral_date" not in str(info.value)
    assert info.value.problems["column"].tolist() == ["conference_date"]  # the table keeps canonical names


def test_unknown_word_is_shown_as_written_never_as_an_empty_value(tmp_path: Path) -> None:
    rows = with_row(0, status="EK-c gehouden", conference_date="onbekend", followup_date=None)
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(write_csv(tmp_path / "c.csv", rows, DUTCH_HEADER, sep=";"), lang="nl")
    p = only_problem(info.value.problems)
    assert p["value"] == "onbekend"
    assert ("rij 2, kolom 'Datum conferentie', waarde 'onbekend': status is 'EK-c gehouden' maar "
            "'Datum conferentie' is leeg") in str(info.value)


def test_one_summary_line_per_rule_with_its_count(tmp_path: Path) -> None:
    from ekc_analysis.intake._reading import localise, rule_summary

    rows = [[f"K{i}", "01-01-2019" if i % 3 else "gisteren", "weet niet" if i < 4 else "gestopt"] + [None] * 6
            for i in range(12)]
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(write_csv(tmp_path / "c.csv", rows, DUTCH_HEADER, sep=";"))
    table = localise(info.value.problems, info.value.intake, "nl")
    lines = rule_summary(table, "nl")
    assert len(lines) == 2
    assert lines[0].split() == ["4", "×", "c.csv,", "kolom", "'Datum", "aanmelding':", "geen", "datum", "(verwacht",
                                "dd-mm-jjjj,", "d/m/jj", "of", "jjjj-mm-dd)"]
    assert lines[1].startswith("    4 × c.csv, kolom 'Status': onbekende waarde; toegestaan: 'conferentie gehouden' "
                               "(= conference); 'plan zonder conferentie' (= plan_without_conference); 'gestopt' "
                               "(= stopped)")


def test_lang_is_checked_and_case_insensitive(valid_csv: Path) -> None:
    assert ekc.load(valid_csv, lang="NL").n_cases == 4  # type: ignore[arg-type]
    with pytest.raises(ekc.errors.ArgumentError, match="lang='de': choose 'nl'"):
        ekc.load(valid_csv, lang="de")  # type: ignore[arg-type]


# --- issue 19: the mapping maps cell values too -------------------------------------------------------

def _own_words(tmp_path: Path) -> Path:
    rows = with_row(0, execution="grotendeels", status="EK-c klaar")
    rows[2][HEADER.index("status")] = "wachtlijst"
    return write_csv(tmp_path / "c.csv", rows)


def test_unmapped_cell_values_are_problems(tmp_path: Path) -> None:
    problems = problems_of(_own_words(tmp_path))
    assert sorted(problems["value"]) == ["EK-c klaar", "grotendeels", "wachtlijst"]


@pytest.mark.parametrize("text, suffix", [
    ("values:\nexecution: {grotendeels: partial}\nstatus,EK-c klaar,conference\nstatus;wachtlijst;ongoing\n",
     ".csv"),
    ("Uitvoering,execution\n[values]\nexecution: {'grotendeels': 'partial'}\nstatus: {EK-c klaar: conference, "
     "wachtlijst: lopend}\n", ".txt"),
    ('{"values": {"execution": {"grotendeels": "partial"}, "status": {"EK-c klaar": "conference", '
     '"wachtlijst": "ongoing"}}}', ".json"),
])
def test_mapping_file_maps_cell_values(tmp_path: Path, text: str, suffix: str) -> None:
    from ekc_analysis.intake._mapping import read_mapping

    (tmp_path / f"map{suffix}").write_text(text.replace(";", ",") if suffix == ".csv" and "," in text else text)
    mapping = read_mapping(tmp_path / f"map{suffix}")
    reg = ekc.load(_own_words(tmp_path), mapping=mapping, as_of="2024-12-31")
    assert reg.cases["execution"].iloc[0] == "partial"
    assert reg.cases["status"].tolist() == ["conference", "stopped", "ongoing", "ongoing"]


def test_mapping_values_in_python_and_their_errors(tmp_path: Path) -> None:
    path = _own_words(tmp_path)
    values = {"execution": {"Grotendeels": "partial"}, "status": {"ek-c KLAAR": "conference",
                                                                   "wachtlijst": "missing"}}
    with pytest.raises(ekc.ValidationError) as info:  # a status read as missing is a missing required value
        ekc.load(path, mapping={"values": values}, as_of="2024-12-31")
    p = only_problem(info.value.problems)
    assert (p["row"], p["value"], p["rule"]) == (4, "wachtlijst", "required value is missing")
    with pytest.raises(ekc.errors.ArgumentError, match="'half' is not a value of execution; choose from full"):
        ekc.load(path, mapping={"values": {"execution": {"grotendeels": "half"}}})
    with pytest.raises(ekc.errors.ArgumentError, match="unknown column 'uitvoering'"):
        ekc.load(path, mapping={"values": {"uitvoering": {"grotendeels": "partial"}}})


# --- issue 19: a missing column does not stop the other checks; messages show the cell's own text ------

def test_missing_required_column_does_not_stop_the_other_checks(tmp_path: Path) -> None:
    keep = [h for h in HEADER if h != "referral_date"]
    rows = [[v for h, v in zip(HEADER, r, strict=True) if h != "referral_date"] for r in with_row(1, status="x")]
    rows[2][keep.index("plan")] = "misschien"
    problems = problems_of(write_csv(tmp_path / "c.csv", rows, keep), as_of="2024-12-31")
    assert sorted(problems["column"]) == ["plan", "referral_date", "status"]
    assert problems.set_index("column").loc["status", "value"] == "x"


def test_two_headers_for_one_column_do_not_stop_the_other_checks(tmp_path: Path) -> None:
    header = [*HEADER, "Aanmelddatum"]
    rows = [[*r, "2019-01-01"] for r in with_row(3, n_agreements="veel")]
    problems = problems_of(write_csv(tmp_path / "c.csv", rows, header), as_of="2024-12-31")
    assert sorted(problems["column"]) == ["n_agreements", "referral_date"]


def test_problems_show_the_cell_as_written_not_the_canonical_value(tmp_path: Path) -> None:
    rows = with_row(1, plan="JA", execution="Deels")
    problems = problems_of(write_csv(tmp_path / "c.csv", rows), as_of="2024-12-31")
    shown = dict(zip(problems["column"], problems["value"], strict=True))
    assert shown == {"plan": "JA", "execution": "Deels"}
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(write_csv(tmp_path / "c.csv", rows), as_of="2024-12-31")
    assert "'JA'" in str(info.value) and "'yes'" not in str(info.value) and "'partial'" not in str(info.value)


# --- issue 19: a header that resembles a known field is named, with the line to copy ------------------

RESEMBLING = ["Dossiernummer", "Datum aanmelding", "Status", "Datum EK-c", "Aantal afspraken",
              "Waarvan professioneel", "Uitvoering na 3 mnd", "Wijk", "Opmerkingen"]
RESEMBLING_ROWS = [["K1", "03-01-2019", "Afgerond", "10-02-2019", 4, 1, "deels", "Noord", "zie dossier"],
                   ["K2", "05-01-2019", "Gestopt", "", "", "", "", "Zuid", ""]]


@pytest.mark.parametrize("header, field", [("Datum EK-c", "conference_date"), ("datum ek c", "conference_date"),
                                           ("Waarvan professioneel", "n_professional"),
                                           ("Uitvoering na 3 mnd", "execution"),
                                           ("UITVOERING (na 3 mnd.)", "execution"),
                                           ("Conferentiedatum EK-c", "conference_date"),
                                           ("Datum follow-up gesprek", "followup_date"),
                                           ("Aantal deelnemers EK-c", "n_participants"),
                                           ("Conference date", "conference_date"),
                                           ("Dossiernumer", "case_id")])
def test_header_resembles_field(header: str, field: str) -> None:
    from ekc_analysis.intake._messages import resembling
    from ekc_analysis.intake._schema import CASES

    assert resembling([header], CASES, set()) == {header: field}


@pytest.mark.parametrize("header", ["Wijk", "Opmerkingen", "BSN", "Achternaam", "Datum geboorte", "Aantal kinderen",
                                    "Datum", "Postcode", "Telefoonnummer"])
def test_header_resembles_nothing(header: str) -> None:
    from ekc_analysis.intake._messages import resembling
    from ekc_analysis.intake._schema import CASES

    assert resembling([header], CASES, set()) == {}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_resembling_headers_are_named_with_the_line_to_copy(tmp_path: Path, lang: str) -> None:
    path = write_csv(tmp_path / "export.csv", RESEMBLING_ROWS, RESEMBLING, sep=";")
    reg = ekc.load(path, as_of="2024-12-31", lang=lang)
    notes = "\n".join(render(n, lang) for n in reg.notes)
    for header, field in (("Datum EK-c", "conference_date"), ("Waarvan professioneel", "n_professional"),
                          ("Uitvoering na 3 mnd", "execution")):
        assert f"'{header}'" in notes and f"`{header},{field}`" in notes
        assert f"mapping={{'{header}': '{field}'}}" in notes
    assert "'Wijk'" not in notes.replace("Wijk, Opmerkingen", "")  # ignored, but resembles nothing
    absent = next(render(n, lang) for n in reg.notes if n.startswith("not in the data"))
    assert "execution ('Uitvoering na 3 mnd'" in absent and "conference_date ('Datum EK-c'" in absent


def test_the_copied_mapping_lines_read_the_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", RESEMBLING_ROWS, RESEMBLING, sep=";")
    lines = [n.split("`")[1] for n in ekc.load(path, as_of="2024-12-31").notes if "`" in n]
    (tmp_path / "map.csv").write_text("\n".join(lines) + "\n")
    from ekc_analysis.intake._mapping import read_mapping

    reg = ekc.load(path, as_of="2024-12-31", mapping=read_mapping(tmp_path / "map.csv"))
    assert reg.cases["execution"].tolist()[0] == "partial"
    assert reg.cases["n_professional"].tolist()[0] == 1
    assert str(reg.cases["conference_date"].iloc[0].date()) == "2019-02-10"
    assert not any("resembles" in n for n in reg.notes)
