"""Every format loads to the same registry; Dutch exports are understood."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

import ekc_analysis as ekc

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
    with pytest.raises(ekc.ValidationError, match="exactly two groups, found 3"):
        ekc.load_study(path)
    path.write_text("respondent;arm;score\n1;a;1,5\n2;b;2,5\n")
    assert np.allclose(ekc.load_study(path)["score"], [1.5, 2.5])
