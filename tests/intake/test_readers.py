"""Every format loads to the same registry; Dutch exports are understood."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

import ekc_analysis as ekc
from ekc_analysis.i18n import render

KEY = ["case_id", "referral_date", "status", "conference_date", "plan", "n_agreements", "n_professional",
       "followup_date", "execution", "region", "context", "coordinator_hours"]


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values as a reader of another program would write them (no pandas extension types)."""
    out = frame.drop(columns=["referral_year", "closed"]).copy()
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype) or out[c].dtype == "boolean":
            out[c] = out[c].astype(object).where(out[c].notna(), None)
        elif str(out[c].dtype) == "Int64":
            out[c] = out[c].astype("float64")
    out["plan"] = out["plan"].map({True: "ja", False: "nee"})
    return out


def _same(a: ekc.Registry, b: ekc.Registry) -> None:
    pd.testing.assert_frame_equal(a.cases[KEY].astype(object), b.cases[KEY].astype(object),
                                  check_dtype=False)


@pytest.fixture(scope="module")
def small(sample: ekc.Registry) -> ekc.Registry:
    return ekc.Registry(sample.cases.head(300).copy(), None)


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet", ".sav", ".dta", ".tsv"])
def test_round_trip_through_every_format(tmp_path: Path, small: ekc.Registry, suffix: str) -> None:
    frame = _plain(small.cases)
    path = tmp_path / f"cases{suffix}"
    if suffix == ".xlsx":
        frame.to_excel(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".tsv":
        frame.to_csv(path, sep="\t", index=False, date_format="%d-%m-%Y")
    else:
        frame = frame.copy()
        for c in frame.columns:
            if frame[c].dtype == object:
                frame[c] = frame[c].fillna("")
        writer = pyreadstat.write_dta if suffix == ".dta" else pyreadstat.write_sav
        writer(frame, str(path))
    _same(ekc.load(path), small)


def test_spss_value_labels_are_applied(tmp_path: Path) -> None:
    frame = pd.DataFrame({"dossiernummer": [1.0, 2.0, 3.0], "aanmelddatum": pd.to_datetime(["2019-01-01"] * 3),
                          "status": [1.0, 2.0, 3.0]})
    path = tmp_path / "cases.sav"
    pyreadstat.write_sav(frame, str(path), variable_value_labels={
        "status": {1.0: "Lopend", 2.0: "Plan zonder conferentie", 3.0: "Gestopt"}})
    reg = ekc.load(path)
    assert reg.cases["status"].tolist() == ["ongoing", "plan_without_conference", "stopped"]
    assert reg.cases["case_id"].tolist() == ["1", "2", "3"]


def test_dutch_export_semicolon_decimal_comma_cp1252(tmp_path: Path) -> None:
    text = ("Dossiernummer;Aanmelddatum;Status;Conferentiedatum;Plan;Aantal afspraken;Uitvoering;"
            "Regio;Uren coördinator;Kader\r\n"
            "D-01;03-01-2019;Conferentie;10-02-2019;Ja;12;Gedeeltelijk;Noord;31,5;Vrijwillig\r\n"
            "D-02;07-01-2019;Afgebroken;;Nee;;;Zuid;1.204,25;gedwongen kader\r\n"
            "\r\n"
            "D-03;09-01-2019; plan zonder conferentie ;;ja;7;niet;Oost;12;drang\r\n")
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("cp1252"))
    reg = ekc.load(path)
    c = reg.cases
    assert c["case_id"].tolist() == ["D-01", "D-02", "D-03"]
    assert c["coordinator_hours"].tolist() == [31.5, 1204.25, 12.0]
    assert c["execution"].astype(object).tolist()[::2] == ["partial", "none"]
    assert c["context"].tolist() == ["voluntary", "dwang", "drang"]
    assert c["referral_date"].tolist()[0] == pd.Timestamp("2019-01-03")
    assert any("1 empty row" in n for n in reg.notes)
    assert any("cp1252" in n for n in reg.notes)


def test_row_numbers_survive_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("case_id;referral_date;status\nA;01-01-2019;gestopt\n\n\nB;01-01-2019;kapot\n",
                    encoding="utf-8-sig")
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path)
    assert info.value.problems["row"].tolist() == [5]


def test_excel_row_numbers_and_sheet_choice(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame({"x": [1]}).to_excel(xl, sheet_name="uitleg", index=False)
        pd.DataFrame({"Dossiernummer": ["A", "B", "C"], "Aanmelddatum": ["01-01-2019", "02-01-2019", "x"],
                      "Status": ["gestopt", "gestopt", "gestopt"]}).to_excel(xl, sheet_name="data", index=False)
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path, sheet="data")
    assert info.value.problems[["row", "column"]].to_numpy().tolist() == [[4, "referral_date"]]
    with pytest.raises(ekc.ValidationError, match="no sheet named 'nope'; sheets are: uitleg, data"):
        ekc.load(path, sheet="nope")


def test_parquet_row_is_record_number_plus_one(tmp_path: Path) -> None:
    path = tmp_path / "cases.parquet"
    pd.DataFrame({"case_id": ["a", "b", "a"], "referral_date": pd.to_datetime(["2019-01-01"] * 3),
                  "status": ["stopped"] * 3}).to_parquet(path)
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path)
    assert info.value.problems["row"].tolist() == [4]


def test_load_never_leaks_a_library_exception(tmp_path: Path) -> None:
    for name, content in [("a.parquet", b"PAR1 nonsense"), ("a.sav", b"nonsense"), ("a.dta", b"\x00" * 50),
                          ("a.json", b"{}"), ("a.xls", b"old")]:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ekc.ValidationError) as info:
            ekc.load(path)
        assert len(info.value.problems) == 1, name


def test_utf16_export_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "cases.txt"
    path.write_bytes("case_id\treferral_date\tstatus\nK1\t01-02-2020\tgestopt\n".encode("utf-16"))
    assert ekc.load(path).cases["status"].tolist() == ["stopped"]


def test_load_study_types_known_columns(tmp_path: Path) -> None:
    study = ekc.load_study(ekc.sample_path("trial.csv"))
    assert study["conference_held"].dtype == "boolean"
    assert study["group"].value_counts().to_dict() == {"fgc": 150, "control": 150}
    path = tmp_path / "s.csv"
    path.write_text("respondent;arm;score;tijd;gebeurtenis\n1;a;1,5;2;1\n2;b;2,5;-1;0\n1;a;3;1;ja\n")
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load_study(path)
    got = info.value.problems[["row", "column"]].to_numpy().tolist()
    assert got == [[3, "time"], [4, "id"]]
    path.write_text("respondent;arm;score\n1;a;1,5\n2;b;2,5\n3;c;3\n")
    assert ekc.load_study(path)["group"].tolist() == ["a", "b", "c"]  # three groups: compare(reference=)
    path.write_text("respondent;arm;score\n1;a;1,5\n2;a;2,5\n")
    with pytest.raises(ekc.ValidationError, match="at least two groups, found 1"):
        ekc.load_study(path)
    path.write_text("respondent;arm;score\n1;a;1,5\n2;b;2,5\n")
    assert np.allclose(ekc.load_study(path)["score"], [1.5, 2.5])


# --- a municipal export as it really arrives (tests/fixtures/gemeente_export.xlsx) ---------------

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPORT = FIXTURES / "gemeente_export.xlsx"


def _truth() -> pd.DataFrame:
    """The values the generator put in the export, before it wrote them as serials, d/m/yy or dates."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_export", FIXTURES / "make_municipal_export.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _, _, truth = module.cases(np.random.default_rng(module.SEED))
    return pd.DataFrame(truth)


# the export holds a BSN and a surname column on purpose: load leaves them out and warns
IDENTIFIERS = r"^gemeente_export\.xlsx holds columns that identify a person: BSN \(bsn\), Achternaam \(name\)\."


@pytest.fixture(scope="module")
def export() -> ekc.Registry:
    with pytest.warns(ekc.PersonalDataWarning, match=IDENTIFIERS):
        return ekc.load(EXPORT)


def test_municipal_export_loads_every_case_and_agreement(export: ekc.Registry) -> None:
    assert export.n_cases == 260
    assert len(export.agreements) == 2837
    assert export.sources == ("gemeente_export.xlsx", "gemeente_export.xlsx [Afspraken]")


def test_municipal_export_dates_read_day_first_from_serials_text_and_cells(export: ekc.Registry) -> None:
    truth = _truth()
    for col in ("referral_date", "conference_date", "followup_date"):
        want = pd.to_datetime(truth[col])
        got = export.cases[col]
        assert got.isna().tolist() == want.isna().tolist(), col
        assert (got[want.notna()] == want[want.notna()]).all(), col


def test_municipal_export_dutch_statuses(export: ekc.Registry) -> None:
    """Afgerond and EK-c gehouden are held conferences; Loopt nog/In voorbereiding ongoing."""
    truth = _truth()
    assert export.cases["status"].astype(str).tolist() == truth["status"].tolist()
    assert export.cases["status"].value_counts().to_dict() == {
        "conference": 166, "plan_without_conference": 40, "stopped": 34, "ongoing": 20}


def test_municipal_export_identifiers_never_enter_the_registry(export: ekc.Registry) -> None:
    names = {c.lower() for c in export.cases.columns} | {c.lower() for c in export.agreements.columns}
    assert not names & {"bsn", "achternaam", "opmerkingen", "wijk"}
    values = [str(v) for v in export.cases.to_numpy().ravel()]  # astype(str) keeps NaN as NaN in pandas 3
    assert not any(v.startswith("999") and len(v) == 9 for v in values)
    assert not any("Jansen" in v or "Totaal" in v for v in values)


@pytest.mark.parametrize("lang, words", [
    ("en", ["headers on row 3", "columns ignored (not read into the registry): BSN, Achternaam, Wijk, Opmerkingen",
            "row 265 is a totals row ('Totaal') and was left out", "78 values read as unknown ('onbekend' 62",
            "124 dates stored as Excel serial numbers", "Datum aanmelding → referral_date"]),
    ("nl", ["kopregel op rij 3", "genegeerde kolommen (niet ingelezen): BSN, Achternaam, Wijk, Opmerkingen",
            "rij 265 is een totaalregel ('Totaal') en is weggelaten", "78 waarden gelezen als onbekend",
            "124 datums stonden als Excel-getal"]),
])
def test_municipal_export_notes_say_what_was_read(lang: str, words: list[str]) -> None:
    """The notes are messages: ``str()`` is English, rendered in the reader's language (as the summary does)."""
    with pytest.warns(ekc.PersonalDataWarning, match=IDENTIFIERS):
        reg = ekc.load(EXPORT, lang=lang)
    notes = "\n".join(render(n, lang) for n in reg.notes)
    assert all(f"note: {line}" in reg.summary() for line in notes.splitlines())  # the summary: load's language
    for w in words:
        assert w in notes


def test_municipal_export_with_explicit_sheets_and_header_row() -> None:
    with pytest.warns(ekc.PersonalDataWarning, match=IDENTIFIERS):
        reg = ekc.load(EXPORT, sheet="Aanmeldingen", header_row=3, agreements_sheet="Afspraken")
    assert reg.n_cases == 260 and len(reg.agreements) == 2837
    with pytest.raises(ekc.ValidationError, match="headers found on row 2: Export uit registratiesysteem"):
        ekc.load(EXPORT, header_row=2)


def test_csv_with_title_line_serials_two_digit_years_and_totals(tmp_path: Path) -> None:
    path = tmp_path / "aanmeldingen.csv"
    path.write_text("Overzicht aanmeldingen 2021\n"
                    "Dossiernummer;Datum aanmelding;Status;Datum conferentie\n"
                    "A1;17/3/21;EK-c gehouden;44300\n"
                    "A2;44197;Afgerond;1-2-21\n"
                    "A3;03-01-2021;onbekend;\n"
                    "Totaal;3;;\n", encoding="utf-8")
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(tmp_path, lang="nl")  # found in the folder by its Dutch name
    p = info.value.problems
    assert p[["row", "column", "value"]].to_numpy().tolist() == [[5, "status", "onbekend"]]
    text = str(info.value)
    assert "rij 5, kolom 'Status', waarde 'onbekend': verplichte waarde ontbreekt" in text
    path.write_text(path.read_text().replace("A3;03-01-2021;onbekend;", "A3;03-01-2021;Loopt nog;"))
    reg = ekc.load(path)
    assert reg.cases["referral_date"].dt.strftime("%Y-%m-%d").tolist() == ["2021-03-17", "2021-01-01", "2021-01-03"]
    assert reg.cases["conference_date"].dt.strftime("%Y-%m-%d").tolist()[:2] == ["2021-04-14", "2021-02-01"]
    assert any("row 6 is a totals row ('Totaal')" in n for n in reg.notes)


def test_a_bad_date_is_one_problem_not_two(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("case_id;referral_date;status;conference_date\nK1;01-01-2020;conference;gisteren\n")
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path)
    assert info.value.problems["rule"].tolist() == ["not a date (expected dd-mm-yyyy, d/m/yy or yyyy-mm-dd)"]


def test_title_row_with_unknown_headers_lists_the_headers_found(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    pd.DataFrame([["Rapportage 2021", None, None], ["Nummer", "Datum eerste contact", "Fase"],
                  ["1", "01-01-2021", "gestopt"]]).to_excel(path, index=False, header=False)
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path)
    rules = info.value.problems["rule"].tolist()
    assert all("headers found on row 2: Nummer, Datum eerste contact, Fase" in r for r in rules)
    reg = ekc.load(path, mapping={"Nummer": "case_id", "Datum eerste contact": "referral_date", "Fase": "status"})
    assert reg.cases["status"].tolist() == ["stopped"]


def test_read_mapping_csv_and_json(tmp_path: Path) -> None:
    from ekc_analysis.intake._mapping import read_mapping

    (tmp_path / "m.csv").write_text("header,column\nNummer,case_id\nFase,status\n")
    (tmp_path / "m.json").write_text('{"Nummer": "case_id", "Fase": "status"}')
    assert read_mapping(tmp_path / "m.csv") == read_mapping(tmp_path / "m.json") == {"Nummer": "case_id",
                                                                                     "Fase": "status"}
    (tmp_path / "bad.csv").write_text("Nummer\n")
    with pytest.raises(ekc.errors.ArgumentError, match="line 1: expected two fields"):
        read_mapping(tmp_path / "bad.csv")


def test_folder_files_found_by_dutch_name_or_by_their_headers(tmp_path: Path) -> None:
    cases = "Dossiernummer;Aanmelddatum;Status\nA;01-02-2021;Gestopt\nB;02-02-2021;Plan zonder conferentie\n"
    (tmp_path / "Aanmeldingen 2021.csv").write_text(cases)
    (tmp_path / "export_afspraken.csv").write_text("Dossiernummer;Professionele hulp\nB;ja\nB;nee\n")
    (tmp_path / "toelichting.csv").write_text("kolom;uitleg\nStatus;stand van zaken\n")
    reg = ekc.load(tmp_path)
    assert reg.sources == ("Aanmeldingen 2021.csv", "export_afspraken.csv") and len(reg.agreements) == 2
    (tmp_path / "Aanmeldingen 2021.csv").rename(tmp_path / "export.csv")
    assert ekc.load(tmp_path).sources == ("export.csv", "export_afspraken.csv")


def test_a_remark_starting_with_totaal_does_not_make_a_case_a_totals_row(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("case_id;referral_date;status;opmerkingen\nA;01-02-2021;gestopt;\n"
                    "B;02-02-2021;gestopt;Totaal geen contact meer\n")
    reg = ekc.load(path)
    assert reg.n_cases == 2 and not any("totals row" in n for n in reg.notes)
    assert "opmerkingen" not in reg.cases.columns


def test_study_with_children_in_families_keeps_the_family_as_a_column() -> None:
    """zonmw.csv has child_id and family_id: the child is the id, family_id stays for cluster=."""
    z = ekc.load_study(ekc.sample_path("zonmw.csv"))
    assert z["id"].is_unique and z["family_id"].nunique() == 328 and len(z) == 529
    w = ekc.load_study(ekc.sample_path("wodc.csv"))  # one row per family: family_id is the id
    assert w["id"].is_unique and len(w) == 290 and "family_id" not in w


# --- issue 19: one set of value rules for every format; a repeated header is one problem ---------------

FORMAT_FRAME = pd.DataFrame({
    "Dossiernummer": ["K1", "K2", "K3", "K4", "K5"],
    "Datum aanmelding": ["03-01-2019", "05-01-2019", "01-02-2019", "01-03-2019", "onbekend"],
    "Status": ["Afgerond", "Gestopt", "Plan zonder conferentie", "Lopend", "Afgerond"],
    "Plan opgesteld": ["ja", "nee", "ja", "onbekend", "ja"],
    "Uitvoering plan": ["volledig", "onbekend", "deels", "nvt", "misschien"],
    "Kader": ["vrijwillig", "-", "drang", "onbekend", "dwang"],
    "Regio": ["Noord", "onbekend", "Zuid", "Oost", "West"],
})


def _write_as(frame: pd.DataFrame, path: Path) -> Path:
    suffix = path.suffix
    if suffix == ".csv":
        frame.to_csv(path, index=False, sep=";")
    elif suffix == ".xlsx":
        frame.to_excel(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".sav":
        pyreadstat.write_sav(frame.rename(columns=lambda c: c.replace(" ", "_")), str(path),
                             column_labels=list(frame.columns))
    elif suffix == ".dta":
        pyreadstat.write_dta(frame.rename(columns=lambda c: c.replace(" ", "_")), str(path),
                             column_labels=list(frame.columns))
    return path


FORMATS = [".csv", ".xlsx", ".parquet", ".sav", ".dta"]


def test_every_format_goes_through_the_same_value_rules(tmp_path: Path) -> None:
    """The same export in five formats: the same problems (row, column, value, rule), word for word."""
    found = {}
    for suffix in FORMATS:
        path = _write_as(FORMAT_FRAME, tmp_path / f"export{suffix}")
        with pytest.raises(ekc.ValidationError) as info:
            ekc.load(path, as_of="2024-12-31")
        found[suffix] = info.value.problems[["row", "column", "value", "rule"]].astype(str).to_dict("records")
    # two real problems: the missing referral date of K5 ('onbekend') and the unknown execution 'misschien'
    assert len(found[".csv"]) == 2, found[".csv"]
    assert {p["value"] for p in found[".csv"]} == {"onbekend", "misschien"}
    for suffix in FORMATS[1:]:
        assert found[suffix] == found[".csv"], suffix


def test_every_format_gives_the_same_registry(tmp_path: Path) -> None:
    good = FORMAT_FRAME.iloc[:4]
    regs = {s: ekc.load(_write_as(good, tmp_path / f"export{s}"), as_of="2024-12-31") for s in FORMATS}
    cols = ["case_id", "referral_date", "status", "plan", "execution", "context", "region"]
    for suffix in FORMATS[1:]:
        pd.testing.assert_frame_equal(regs[suffix].cases[cols].astype(object),
                                      regs[".csv"].cases[cols].astype(object), check_dtype=False)
    execution = regs[".parquet"].cases["execution"]
    assert execution.iloc[[0, 2]].tolist() == ["full", "partial"] and execution.iloc[[1, 3]].isna().all()
    assert regs[".parquet"].cases["region"].isna().tolist() == [False, True, False, False]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_a_repeated_header_is_one_clear_problem(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"dup{suffix}"
    if suffix == ".csv":
        path.write_text("case_id;referral_date;status;Regio;Regio\nK1;2019-01-03;lopend;Noord;Zuid\n")
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["case_id", "referral_date", "status", "Regio", "Regio"])
        book.active.append(["K1", "2019-01-03", "lopend", "Noord", "Zuid"])
        book.save(path)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table([["K1"], ["2019-01-03"], ["lopend"], ["Noord"], ["Zuid"]],
                         names=["case_id", "referral_date", "status", "Regio", "Regio"])
        pq.write_table(table, path)
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path, as_of="2024-12-31")
    problems = info.value.problems
    assert len(problems) == 1, problems.to_string()
    rule = problems["rule"].iloc[0]
    assert "'Regio' appears 2 times" in rule and "rename" in rule
    if suffix != ".parquet":
        assert "D and E" in rule


# --- issue 19: a spreadsheet read as input is parsed with defusedxml and bounded in size and rows ----------

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10))
          + ']>\n')
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def _workbook(path: Path, rows: int = 3) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["case_id", "referral_date", "status"])
    for i in range(rows):
        book.active.append([f"K{i}", "2019-01-03", "lopend"])
    book.save(path)
    return path


def _rewrite(path: Path, part: str, edit, extra: dict[str, bytes] | None = None,
             compression: int = __import__("zipfile").ZIP_DEFLATED) -> Path:
    import zipfile

    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    parts[part] = edit(parts[part])
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", compression) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def _with_entities(path: Path, prolog: str, entity: str) -> Path:
    """The sheet's first cell text replaced by an entity reference, with a DTD declaring it."""
    def edit(xml: bytes) -> bytes:
        text = xml.decode()
        text = text[text.index("<worksheet"):]
        return (prolog + text.replace("K0", f"&{entity};", 1)).encode()
    return _rewrite(path, "xl/worksheets/sheet1.xml", edit)


def _problem(path: Path) -> str:
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path, as_of="2024-12-31")
    problems = info.value.problems
    assert len(problems) == 1, problems.to_string()
    return str(problems["rule"].iloc[0])


def test_openpyxl_parses_through_defusedxml() -> None:
    import openpyxl
    from defusedxml import DefusedXmlException

    from ekc_analysis.intake._workbook_limits import defused

    assert defused() and openpyxl.DEFUSEDXML
    from openpyxl.xml import functions

    assert functions.iterparse.__module__.startswith("defusedxml")
    assert issubclass(DefusedXmlException, ValueError)


@pytest.mark.parametrize("prolog, entity", [(LAUGHS, "lol9"), (EXTERNAL, "xxe")])
def test_workbook_with_xml_entities_is_one_problem(tmp_path: Path, prolog: str, entity: str) -> None:
    path = _with_entities(_workbook(tmp_path / "bomb.xlsx"), prolog, entity)
    rule = _problem(path)
    assert "declares XML entities" in rule and "xl/worksheets/sheet1.xml" in rule


@pytest.mark.parametrize("prolog, entity", [(LAUGHS, "lol9"), (EXTERNAL, "xxe")])
def test_defusedxml_refuses_entities_the_guard_does_not_see(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            prolog: str, entity: str) -> None:
    """With the archive check's look at the XML switched off, defusedxml (inside openpyxl) refuses them."""
    from ekc_analysis.intake import _workbook_limits as workbook_limits

    monkeypatch.setattr(workbook_limits, "_HEAD", 0)
    path = _with_entities(_workbook(tmp_path / "bomb.xlsx"), prolog, entity)
    rule = _problem(path)
    assert rule.startswith("the workbook declares XML entities")


def test_zip_bomb_member_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = _rewrite(_workbook(tmp_path / "zip.xlsx"), "xl/workbook.xml", lambda b: b,
                    {"xl/media/padding.bin": bytes(20 * 1024**2)})
    rule = _problem(path)
    assert "'xl/media/padding.bin'" in rule and "more than the limit of 100 times" in rule


def test_workbook_beyond_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from ekc_analysis.intake import _workbook_limits as workbook_limits

    monkeypatch.setattr(workbook_limits, "MAX_UNCOMPRESSED", 1024**2)
    noise = np.random.default_rng(1).bytes(2 * 1024**2)  # does not compress: only the size limit applies
    path = _rewrite(_workbook(tmp_path / "big.xlsx"), "xl/workbook.xml", lambda b: b,
                    {"xl/media/noise.bin": noise}, zipfile.ZIP_STORED)
    rule = _problem(path)
    assert rule.startswith("the workbook unpacks to 2 MB, more than the limit of 1 MB")
    assert workbook_limits.check_workbook(_workbook(tmp_path / "ok.xlsx")) is None


def test_sheet_beyond_the_row_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ekc_analysis.intake import _workbook_limits as workbook_limits

    monkeypatch.setattr(workbook_limits, "MAX_ROWS", 100)
    assert "more than 100 rows, the limit" in _problem(_workbook(tmp_path / "long.xlsx", rows=150))
    assert ekc.load(_workbook(tmp_path / "short.xlsx", rows=98), as_of="2024-12-31").n_cases == 98


def test_a_text_file_named_xlsx_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("case_id,referral_date\nK1,2019-01-01\n")
    assert "not an Excel workbook" in _problem(path)
