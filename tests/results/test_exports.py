"""Result.to_excel / to_docx / to_latex: read the files back and check the numbers and the decimal comma."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.results._exports import latex_escape

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def birthwt_dr() -> ekc.Result:
    d = pd.read_csv(REF / "doubly_robust_data.csv")
    return ekc.doubly_robust(d, "low", "smoke", ["age", "lwt", "race", "ptl", "ht", "ui"], treated=1)


@pytest.fixture(scope="module")
def table1() -> ekc.Result:
    d = pd.read_csv(REF / "table_one_data.csv", dtype={"edema": str, "stage": str})
    return ekc.table_one(d, "group", ["age", "sex", "chol"], nonnormal=["chol"])


def test_excel_holds_the_shown_table_in_dutch_and_the_raw_numbers(birthwt_dr, tmp_path) -> None:
    from openpyxl import load_workbook

    path = birthwt_dr.to_excel(tmp_path / "dr.xlsx", lang="nl")
    wb = load_workbook(path)
    ws = wb["tabel"]
    assert ws["A1"].value.startswith("Dubbel robuust effect van EK-c")
    shown = birthwt_dr.display("nl")
    header = [c.value for c in ws[3]][: shown.shape[1]]
    assert header == list(shown.columns)
    cells = [[c.value for c in row][: shown.shape[1]] for row in ws.iter_rows(min_row=4, max_row=3 + len(shown))]
    assert cells == shown.fillna("").astype(str).replace("", None).to_numpy().tolist()
    flat = " ".join(str(v) for row in cells for v in row if v)
    assert "13,6" in flat and "1,60" in flat  # RD 13.57 pp and RR 1.600, with the decimal comma
    data = wb["data"]
    names = [c.value for c in data[1]]
    est = data.cell(row=2, column=names.index("estimate") + 1).value
    assert isinstance(est, float) and est == pytest.approx(0.1356857154, abs=1e-9)  # numbers stay numbers


def test_excel_writes_formula_like_text_as_inert_text(tmp_path) -> None:
    from openpyxl import load_workbook

    risky = ['=HYPERLINK("http://x")', "@SUM(A1)", "+1", "-2", "\tx", "\rx"]
    r = ekc.Result("custom", pd.DataFrame({"label": risky, "estimate": [1.5] * 6}), "Formulas?")
    wb = load_workbook(r.to_excel(tmp_path / "t.xlsx", lang="nl"))
    for sheet, first in (("tabel", 4), ("data", 2)):
        cells = [wb[sheet].cell(row=first + i, column=1) for i in range(len(risky))]
        assert [c.value for c in cells] == risky
        assert all(c.data_type == "s" for c in cells), sheet  # text, never a formula
        # the quote prefix where a spreadsheet would run the text; "+1" and "-2" are plain numbers as text
        assert [c.quotePrefix for c in cells] == [True, True, False, False, True, True], sheet
    assert wb["data"].cell(row=2, column=2).value == 1.5  # numbers stay numbers
    assert wb["tabel"].cell(row=4, column=2).value == "1,50"


def test_word_table_reads_back_in_dutch(table1, tmp_path) -> None:
    import docx

    doc = docx.Document(str(table1.to_docx(tmp_path / "t1.docx", lang="nl")))
    assert doc.paragraphs[0].text == "Kenmerken bij aanvang naar group"
    table = doc.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Kenmerk", "Penicillamine (n = 158)", "Placebo (n = 154)", "SMD"]
    assert ["Leeftijd, gemiddelde (SD)", "51,4 (11,0)", "48,6 (10,0)", "0,270"] in rows
    assert any(r[0].strip() == "ontbrekend, n (%)" and r[1] == "18 (11,4)" for r in rows)
    assert any("Yang & Dalton" in p.text for p in doc.paragraphs)


def test_latex_in_english_and_dutch(birthwt_dr, table1) -> None:
    en = table1.to_latex(lang="en")
    assert en.startswith("\\begin{table}") and "\\toprule" in en and en.rstrip().endswith("\\end{table}")
    assert "Age, mean (SD) & 51.4 (11.0) & 48.6 (10.0) & 0.270 \\\\" in en
    assert "Chol, median [Q1, Q3] & 315.5 [247.8, 417.0]" in en
    nl = birthwt_dr.to_latex(lang="nl")
    assert "13,6" in nl and "\\%" in nl or "punt" in nl
    assert "Yang \\& Dalton" in en


def test_default_language_is_the_session_language(table1) -> None:
    ekc.set_language("nl")
    try:
        assert "Kenmerk" in table1.to_latex()
    finally:
        ekc.set_language("en")
    assert "Characteristic" in table1.to_latex()


def test_latex_escape() -> None:
    assert latex_escape("50% & $5_{x}") == "50\\% \\& \\$5\\_\\{x\\}"


def test_compare_exports_keep_the_shown_numbers(tmp_path) -> None:
    """The Word and Excel cells hold what display("nl") shows: percentage points with the decimal comma."""
    import docx
    from openpyxl import load_workbook

    trial = ekc.load_study(ekc.sample_path("trial.csv"))
    r = ekc.compare(trial, "ots_extension", "group")
    shown = r.display("nl").fillna("").astype(str)
    rd = shown.iloc[0]["Schatting"]
    assert rd.endswith("%-punt") and "," in rd
    ws = load_workbook(r.to_excel(tmp_path / "c.xlsx", lang="nl"))["tabel"]
    assert [c.value for c in ws[4]][: shown.shape[1]] == [v or None for v in shown.iloc[0]]
    table = docx.Document(str(r.to_docx(tmp_path / "c.docx", lang="nl"))).tables[0]
    assert [c.text for c in table.rows[1].cells] == list(shown.iloc[0])
    d = r.to_frame().iloc[0]
    assert rd == f"{100 * d['estimate']:.1f} %-punt".replace(".", ",")
