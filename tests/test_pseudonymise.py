"""Personal data: keyed pseudonyms (HMAC-SHA256), detection by name and by the BSN eleven-test, and
no identifier in a registry or a report."""

from __future__ import annotations

import hashlib
import hmac
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.cli import main
from ekc_analysis.pseudonyms import elfproef, identifier_columns, looks_like_bsn, pseudonymise

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
    import ekc_analysis.benchmarking  # noqa: F401
    import ekc_analysis.pseudonyms  # noqa: F401

    assert callable(ekc.pseudonymise) and callable(ekc.benchmark)
