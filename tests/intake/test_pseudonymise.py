"""Personal data: keyed pseudonyms (HMAC-SHA256), detection by name and by the BSN eleven-test, and
no identifier in a registry or a report."""

from __future__ import annotations

import hashlib
import hmac
import re
import stat
import warnings
from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.cli._main import main
from ekc_analysis.intake._pseudonym_files import write_key
from ekc_analysis.intake._pseudonymise import elfproef, identifier_columns, looks_like_bsn, pseudonymise

KEY = b"0123456789abcdef0123456789abcdef"
OTHER = b"fedcba9876543210fedcba9876543210"
# valid BSNs by the eleven-test (9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66 = 6*11, and so on)
BSNS = ["111222333", "123456782", "999999990", "012345672"]
NAMES = ["Jansen", "de Vries", "Bakker", "El Amrani"]


def export(tmp_path: Path) -> Path:
    cases = ekc.sample_data().cases.head(40).drop(columns=["referral_year", "closed"]).copy()
    cases.insert(1, "BSN", [BSNS[i % 4] for i in range(len(cases))])
    cases.insert(2, "Achternaam", [NAMES[i % 4] for i in range(len(cases))])
    cases.insert(3, "Geboortedatum", ["12-05-2010", "01-01-2012", "30-09-2008", "15-03-2015"] * 10)
    cases.insert(4, "kenmerk", [BSNS[(i + 1) % 4] for i in range(len(cases))])  # a BSN under an innocent name
    path = tmp_path / "cases.csv"
    cases.to_csv(path, index=False, date_format="%Y-%m-%d")
    return path


def test_eleven_test() -> None:
    assert elfproef(BSNS).tolist() == [True] * 4
    assert elfproef(["123456789", "000000000", "12345", "abcdefghi", "1234567890"]).tolist() == [False] * 5
    assert elfproef(["12345672"]).tolist() == [True]  # 8 digits: a leading zero dropped by a spreadsheet


def _elfproef_scalar(value: object) -> bool:
    """The eleven-test one value at a time, as written in the rule (the reference for the vectorised one)."""
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{8,9}", text):
        return False
    digits = [int(c) for c in text.zfill(9)]
    total = sum(w * d for w, d in zip([9, 8, 7, 6, 5, 4, 3, 2, -1], digits, strict=True))
    return total % 11 == 0 and sum(digits) > 0


def test_vectorised_eleven_test_equals_the_scalar_rule_on_random_numbers() -> None:
    rng = np.random.default_rng(19)
    numbers = rng.integers(0, 10**9, size=20_000)
    texts = [f"{n:09d}" for n in numbers]  # 9 digits, about one in eleven valid, some with leading zeros
    texts += [f"{n:08d}" for n in numbers[:3000] % 10**8]  # 8 digits: a spreadsheet dropped the leading zero
    valid = [t for t in texts if _elfproef_scalar(t)]
    texts += [v[1:] for v in valid if v.startswith("0")][:500]  # valid BSNs with the leading zero dropped
    texts += [f" {t} " for t in texts[:200]] + [t[:4] + "x" + t[5:] for t in texts[:200]]
    texts += ["", "12345", "1234567890", "000000000", "00000000", "１２３４５６７８２", "12 345 678", "-12345678"]
    texts += [int(t) for t in valid[:100]] + [None, float("nan")]
    expected = np.array([_elfproef_scalar(t) for t in texts])
    assert expected.sum() > 1500 and (~expected).sum() > 15_000  # both kinds well represented
    np.testing.assert_array_equal(elfproef(texts), expected)
    np.testing.assert_array_equal(elfproef(pd.Series(texts, dtype=object)), expected)
    assert elfproef([]).tolist() == []


def test_identifier_scan_counts_each_distinct_value_by_how_often_it_occurs() -> None:
    # 79 % of the cells are BSNs though only 2 of 4 distinct values are: the share counts cells, not values
    cells = ["111222333"] * 70 + ["123456782"] * 9 + ["K1", "K2"] * 10 + ["K3"]
    assert not looks_like_bsn(pd.Series(cells))
    assert looks_like_bsn(pd.Series(cells[:-1] + ["111222333"]))  # 80 of 100
    as_category = pd.Series(cells[:-1] + ["111222333"], dtype="category")
    assert looks_like_bsn(as_category) and identifier_columns(pd.DataFrame({"ref": as_category})) == {"ref": "bsn"}
    # many distinct values, tested a chunk at a time: the decision is the one over all cells, wherever they stand
    rng = np.random.default_rng(8)
    valid = [t for t in (f"{n:09d}" for n in rng.integers(10**8, 10**9, size=200_000)) if _elfproef_scalar(t)]
    valid = list(dict.fromkeys(valid))[:12_000]
    others = [f"K{i:07d}" for i in range(3_000)]
    assert looks_like_bsn(pd.Series(valid + others))  # 80 % exactly
    assert not looks_like_bsn(pd.Series(valid + others + ["K9"]))
    assert not looks_like_bsn(pd.Series(valid[:9_000] + others + valid[9_000:] + ["K9"], dtype="category"))
    assert looks_like_bsn(pd.Series(others + valid))  # the misses come first, and still do not settle it
    floats = pd.Series([111222333.0, 123456782.0, np.nan, 12345672.0])  # an Excel column of numbers with a gap
    assert looks_like_bsn(floats) and looks_like_bsn(pd.Series([111222333, 123456782.0, None], dtype=object))


def test_identifier_columns_by_name_and_by_value() -> None:
    df = pd.DataFrame({"BSN": BSNS, "voornaam": NAMES, "geboortedatum": ["2010-01-01"] * 4,
                       "Postcode": ["1011AB"] * 4, "e-mail": ["a@b.nl"] * 4, "contact": ["x@y.com", "p@q.org",
                                                                                          "k@l.nl", "m@n.de"],
                       "nummer": BSNS, "dossier": ["123456789", "234567890", "345678901", "456789012"],
                       "region": ["Noord"] * 4, "n_agreements": [10, 12, 15, 9]})
    assert identifier_columns(df) == {"BSN": "bsn", "voornaam": "name", "geboortedatum": "birth_date",
                                      "Postcode": "name", "e-mail": "name", "contact": "email", "nummer": "bsn"}


def test_round_trip_same_key_same_pseudonym_other_key_other_pseudonym(tmp_path: Path) -> None:
    df = pd.read_csv(export(tmp_path), dtype=str, keep_default_na=False)
    a, b, c = pseudonymise(df, KEY), pseudonymise(df, KEY), pseudonymise(df, OTHER)
    pd.testing.assert_frame_equal(a, b)
    for col in ("BSN", "Achternaam", "kenmerk"):
        assert (a[col] != c[col]).all() and a[col].str.fullmatch(r"[0-9a-f]{32}").all()
        assert a[col].nunique() == 4  # one pseudonym per person: still linkable
    # the pseudonym is the keyed hash (HMAC-SHA256), not a plain hash of the BSN
    assert a.loc[0, "BSN"] == hmac.new(KEY, b"111222333", hashlib.sha256).hexdigest()[:32]
    assert a.loc[0, "BSN"] != hashlib.sha256(b"111222333").hexdigest()[:32]
    assert a.loc[0, "kenmerk"] == a.loc[1, "BSN"]  # the same BSN in another column: the same pseudonym
    assert a["Geboortedatum"].tolist()[:4] == ["2010", "2012", "2008", "2015"]  # coarsened to the year
    assert pseudonymise(df, KEY, birth_dates="hash")["Geboortedatum"].str.fullmatch(r"[0-9a-f]{32}").all()
    untouched = [col for col in df.columns if col not in ("BSN", "Achternaam", "Geboortedatum", "kenmerk")]
    pd.testing.assert_frame_equal(a[untouched], df[untouched])
    with pytest.raises(ekc.ArgumentError, match="at least 16 bytes"):
        pseudonymise(df, b"short")


def test_cli_writes_no_identifier_and_never_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = export(tmp_path)
    key_file = tmp_path / "secret" / "key.txt"
    out = tmp_path / "out" / "cases.csv"
    assert main(["pseudonymise", str(source), str(out), "--key-file", str(key_file)]) == 2  # no key yet
    assert "--new-key" in capsys.readouterr().err
    assert main(["pseudonymise", str(source), str(out), "--key-file", str(key_file), "--new-key",
                 "--column", "case_id"]) == 0
    key = key_file.read_bytes().strip()
    assert len(key) == 64 and (key_file.stat().st_mode & 0o077) == 0  # readable by the owner only
    text = out.read_text(encoding="utf-8")
    original = source.read_text(encoding="utf-8")
    for value in [*BSNS, *NAMES, "12-05-2010", "EKC15-00001"]:
        assert value in original and value not in text, value
    assert key.decode() not in text and key.decode() not in capsys.readouterr().out
    again = tmp_path / "again.csv"
    assert main(["pseudonymise", str(source), str(again), "--key-file", str(key_file), "--column", "case_id"]) == 0
    assert again.read_text(encoding="utf-8") == text  # same key, same file
    with warnings.catch_warnings():
        warnings.simplefilter("error", ekc.PersonalDataWarning)
        reg = ekc.load(out, as_of="2024-12-31")  # the pseudonymised export loads without a warning
    # a registry holds its canonical columns only: the pseudonymised BSN stays in the file, not the registry
    assert reg.n_cases == 40 and "bsn" not in reg.cases
    assert reg.cases["case_id"].astype(str).str.fullmatch(r"[0-9a-f]{32}").all()


def test_load_warns_and_leaves_identifiers_out(tmp_path: Path) -> None:
    with pytest.warns(ekc.PersonalDataWarning, match="(?i)bsn.*achternaam.*pseudonymise"):
        reg = ekc.load(export(tmp_path), as_of="2024-12-31")
    lowered = {c.lower() for c in reg.cases.columns}
    assert not lowered & {"bsn", "achternaam", "geboortedatum", "kenmerk"}
    # the note names the columns by the headers of the file
    assert any("identifier column(s) left out: BSN, Achternaam, Geboortedatum, kenmerk" in n for n in reg.notes)


def test_no_identifier_in_a_report_built_from_a_registry_with_bsn_and_names(tmp_path: Path) -> None:
    cases = ekc.sample_data().cases.drop(columns=["referral_year", "closed"]).copy()
    cases.insert(1, "bsn", [BSNS[i % 4] for i in range(len(cases))])
    cases.insert(2, "naam", [NAMES[i % 4] for i in range(len(cases))])
    cases.insert(3, "geboortedatum", "17-06-2011")
    folder = tmp_path / "export"
    folder.mkdir()
    cases.to_csv(folder / "cases.csv", index=False, date_format="%Y-%m-%d")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        with pytest.warns(ekc.PersonalDataWarning):
            page = ekc.report(folder, out=tmp_path / "reports", lang="en", pdf=False, as_of="2024-12-31")
    html = page.read_text(encoding="utf-8")
    for value in [*BSNS, *NAMES, "17-06-2011", "2011-06-17"]:
        assert value not in html, value
    words = re.sub(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=]+", "", html).lower()  # text, not embedded figures
    assert "bsn" not in words and "naam" not in words and "geboortedatum" not in words


def test_public_names_are_the_functions_not_their_modules() -> None:
    import ekc_analysis.describe._benchmark  # noqa: F401
    import ekc_analysis.intake._pseudonymise  # noqa: F401

    assert callable(ekc.pseudonymise) and callable(ekc.benchmark)


# --- a real workbook: two sheets, names in odd places, Excel date cells, a formula ------------------------
CONTACTS = ["Marieke Smit", "Jan de Groot", "Ayşe Yılmaz", "Kees Visser"]
FIRST_NAMES = ["Fatima", "Pieter", "Truus", "Mohammed"]
BIRTHS = [datetime(2010, 5, 12), datetime(2012, 1, 1), datetime(2008, 9, 30), datetime(2015, 3, 15)]


def workbook(tmp_path: Path, birth: list[object] | None = None) -> Path:
    """Sheets Aanmeldingen and Afspraken as a municipality exports them: BSNs, surnames, a contact person,
    remarks that name family members, birth dates as real Excel date cells, a live formula, a text cell
    that begins with '='."""
    book = openpyxl.Workbook()
    cases = book.active
    cases.title = "Aanmeldingen"
    cases.append(["Dossiernummer", "BSN", "Achternaam", "Contactpersoon", "Geboortedatum", "Datum aanmelding",
                  "Status", "Datum conferentie", "Plan gemaakt", "Gemeente", "Aantal afspraken", "Opmerkingen"])
    for i in range(8):
        cases.append([f"D{i + 1:03d}", BSNS[i % 4], NAMES[i % 4], CONTACTS[i % 4],
                      (birth or BIRTHS)[i % 4], datetime(2021, 1, 4 + i), "Afgerond", datetime(2021, 3, 1 + i),
                      "ja", "Arnhem" if i else '=HYPERLINK("http://x"&A1,"klik")', f"=COUNTIF(Afspraken!A:A,A{i + 2})",
                      f"Moeder {FIRST_NAMES[i % 4]} belt terug na overleg met oma {FIRST_NAMES[(i + 1) % 4]}"])
    assert cases["J2"].data_type == "f"
    cases["J2"].data_type = "s"  # text that begins with '=' (a string cell in the export, not a formula)
    agreements = book.create_sheet("Afspraken")
    agreements.append(["Dossiernummer", "Domein", "Professioneel", "Uitvoerder", "Toelichting"])
    for i in range(8):
        for j in range(2):
            agreements.append([f"D{i + 1:03d}", ["wonen", "school"][j], ["nee", "ja"][j], CONTACTS[(i + j) % 4],
                               f"{FIRST_NAMES[(i + j) % 4]} brengt de kinderen elke dinsdag naar school"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    return path


def cell_texts(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    return [path.read_text(encoding="utf-8")]


def assert_nothing_personal(texts: list[str]) -> None:
    joined = "\n".join(texts)
    for value in [*BSNS, *NAMES, *CONTACTS, *FIRST_NAMES, "2010-05-12", "12-05-2010", "Moeder", "Ayşe"]:
        assert value not in joined, value
    for bsn in BSNS:
        assert bsn.lstrip("0") not in joined, bsn


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_workbook_comes_out_with_every_sheet_and_no_name_bsn_or_formula(
        tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = workbook(tmp_path)
    key_file = tmp_path / "secret" / "key.txt"
    out = tmp_path / "out" / f"export_pseudo{suffix}"
    assert main(["pseudonymise", str(source), str(out), "--key-file", str(key_file), "--new-key"]) == 0
    printed = capsys.readouterr().out
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and len(key_file.read_bytes().strip()) == 64
    # the columns left out are named, with what to do after review
    for column in ("Contactpersoon", "Opmerkingen", "Uitvoerder", "Toelichting"):
        assert re.search(rf"left out: .*{column} \(", printed), column
    assert "--keep COLUMN" in printed and "export.xlsx [Afspraken]: BSN" not in printed
    assert "export.xlsx [Aanmeldingen]: BSN: HMAC-SHA256 pseudonym (bsn)" in printed
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(out)
        assert book.sheetnames == ["Aanmeldingen", "Afspraken"]  # every sheet
        assert not [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
        heads = [c.value for c in book["Aanmeldingen"][1]]
        assert heads == ["Dossiernummer", "BSN", "Achternaam", "Geboortedatum", "Datum aanmelding", "Status",
                         "Datum conferentie", "Plan gemaakt", "Gemeente", "Aantal afspraken"]
        assert [c.value for c in book["Afspraken"][1]] == ["Dossiernummer", "Domein", "Professioneel"]
        assert [c.value for c in book["Aanmeldingen"]["D"][1:5]] == ["2010", "2012", "2008", "2015"]
        assert book["Aanmeldingen"]["I2"].value == '=HYPERLINK("http://x"&A1,"klik")'  # text, kept as text
        assert book["Aanmeldingen"]["I2"].data_type == "s"
        written = [out]
        with warnings.catch_warnings():
            warnings.simplefilter("error", ekc.PersonalDataWarning)  # pseudonyms and years are no identifiers
            reg = ekc.load(out, agreements_sheet="Afspraken", as_of="2024-12-31")  # an export the package reads
        assert reg.n_cases == 8 and len(reg.agreements) == 16
    else:
        written = sorted(out.parent.glob("export_pseudo_*.csv"))
        assert [p.name for p in written] == ["export_pseudo_aanmeldingen.csv", "export_pseudo_afspraken.csv"]
        assert "'=HYPERLINK" in written[0].read_text(encoding="utf-8")  # inert in CSV
        cases = pd.read_csv(written[0], dtype=str)
        assert cases["Datum aanmelding"].tolist()[:2] == ["2021-01-04", "2021-01-05"]  # days, as written
        assert cases["Geboortedatum"].tolist()[:4] == ["2010", "2012", "2008", "2015"]
    assert_nothing_personal([t for p in written for t in cell_texts(p)])
    assert key_file.read_text().strip() not in "\n".join(t for p in written for t in cell_texts(p))


def test_excel_birth_dates_hash_like_the_same_day_written_as_text(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    key_file = tmp_path / "key.txt"
    out = tmp_path / "out.xlsx"
    assert main(["pseudonymise", str(workbook(tmp_path)), str(out), "--key-file", str(key_file), "--new-key",
                 "--birth-dates", "hash"]) == 0
    capsys.readouterr()
    hashed = [c.value for c in openpyxl.load_workbook(out)["Aanmeldingen"]["D"][1:5]]
    key = key_file.read_bytes().strip()
    as_text = pseudonymise(pd.DataFrame({"geboortedatum": ["12-05-2010", "2012-01-01", "30/09/2008", "15.03.2015"]}),
                           key, birth_dates="hash")["geboortedatum"].tolist()
    assert hashed == as_text and all(re.fullmatch(r"[0-9a-f]{32}", h) for h in hashed)
    assert hashed[0] == hmac.new(key, b"2010-05-12", hashlib.sha256).hexdigest()[:32]


def test_a_failing_input_writes_no_key_and_names_the_option(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    source = workbook(tmp_path, birth=[datetime(2010, 5, 12), "ergens in 2012", datetime(2008, 9, 30), None])
    key_file = tmp_path / "key.txt"
    out = tmp_path / "out.xlsx"
    assert main(["pseudonymise", str(source), str(out), "--key-file", str(key_file), "--new-key"]) == 2
    err = capsys.readouterr().err
    assert "--birth-dates hash" in err and "birth_dates=" not in err and "'ergens in 2012'" in err
    assert not key_file.exists() and not out.exists()  # checked before anything is written
    assert main(["pseudonymise", str(source), str(out), "--key-file", str(key_file), "--new-key",
                 "--keep", "Opmerking"]) == 2
    assert "--keep 'Opmerking': no such column" in capsys.readouterr().err and not key_file.exists()
    assert main(["pseudonymise", str(source), str(out), "--key-file", str(key_file), "--new-key",
                 "--birth-dates", "hash", "--keep", "Opmerkingen"]) == 0
    printed = capsys.readouterr().out
    assert "Opmerkingen (" not in printed  # kept after review: not named as left out
    heads = [c.value for c in openpyxl.load_workbook(out)["Aanmeldingen"][1]]
    assert "Opmerkingen" in heads and "Contactpersoon" not in heads
    # the key file is never overwritten: --new-key again uses it, and says so
    key = key_file.read_bytes()
    assert main(["pseudonymise", str(source), str(tmp_path / "again.xlsx"), "--key-file", str(key_file),
                 "--new-key", "--birth-dates", "hash"]) == 0
    assert key_file.read_bytes() == key and "its key is used" in capsys.readouterr().out
    with pytest.raises(ekc.ArgumentError, match="never overwritten"):
        write_key(key_file, b"x" * 64)
    assert key_file.read_bytes() == key
    short = tmp_path / "short.key"
    short.write_text("geheim\n")
    assert main(["pseudonymise", str(source), str(tmp_path / "x.xlsx"), "--key-file", str(short)]) == 2
    assert f"--key-file '{short}': key: at least 16 bytes" in capsys.readouterr().err


def test_allow_list_passes_known_columns_only() -> None:
    df = pd.DataFrame({"Dossiernummer": ["D1", "D2"], "Gemeente": ["Arnhem", "Ede"], "Contactpersoon": ["A", "B"],
                       "Opmerkingen": ["x", "y"], "Probleemgebied": ["Vader Henk is vaak weg van huis, zegt Kim",
                                                                    "Oma Truus zorgt voor de kinderen sinds mei"]})
    out = pseudonymise(df, KEY)
    assert out.columns.tolist() == ["Dossiernummer", "Gemeente"]
    assert out.attrs["left_out"] == {"Contactpersoon": "not a column the package knows",
                                     "Opmerkingen": "not a column the package knows", "Probleemgebied": "free text"}
    kept = pseudonymise(df, KEY, keep=["Opmerkingen"])
    assert kept.columns.tolist() == ["Dossiernummer", "Gemeente", "Opmerkingen"]
    assert kept.attrs["kept"] == ["Opmerkingen"]
    with pytest.raises(ekc.ArgumentError, match=r"^keep= 'Nope': no such column"):
        pseudonymise(df, KEY, keep=["Nope"])


def test_pseudonymise_speaks_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key_file = tmp_path / "sleutel.txt"
    assert main(["pseudonymise", str(workbook(tmp_path)), str(tmp_path / "uit.xlsx"), "--key-file", str(key_file),
                 "--new-key", "--lang", "nl"]) == 0
    printed = capsys.readouterr().out
    assert "export.xlsx [Aanmeldingen]: weggelaten: Contactpersoon (geen kolom die het pakket kent)" in printed
    assert "--keep KOLOM" in printed and f"nieuwe sleutel geschreven naar {key_file}" in printed
    assert "export.xlsx [Aanmeldingen]: BSN: HMAC-SHA256-pseudoniem (bsn)" in printed
    for english in ("pseudonym (", "coarsened", "left out", "not a column", "free text"):
        assert english not in printed, english


def test_a_folder_comes_out_file_by_file_with_every_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    export(folder)  # cases.csv
    workbook(folder)  # export.xlsx, two sheets
    out = tmp_path / "pseudo"
    assert main(["pseudonymise", str(folder), str(out), "--key-file", str(tmp_path / "k.key"), "--new-key"]) == 0
    printed = capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["cases.csv", "export.xlsx"]
    assert openpyxl.load_workbook(out / "export.xlsx").sheetnames == ["Aanmeldingen", "Afspraken"]
    assert f"wrote {out / 'cases.csv'}" in printed and f"wrote {out / 'export.xlsx'}" in printed
    assert_nothing_personal(cell_texts(out / "cases.csv") + cell_texts(out / "export.xlsx"))
