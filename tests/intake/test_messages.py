"""Issue 13's messages: each says what is wrong in the user's terms and what to do."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.simulate._synthetic import simulate_cohort


def test_no_numpy_reprs_in_messages() -> None:
    d = pd.DataFrame({"g": np.array([1, 2] * 6, dtype=np.int64), "y": [0.0, 1.0] * 6})
    with pytest.raises(ekc.ArgumentError) as info:
        ekc.compare(d, "y", "g", treated=np.int64(5))
    assert "treated=5 is not a group of 'g'; groups are 1 and 2" in str(info.value)
    with pytest.raises(ekc.ArgumentError) as info:
        ekc.compare(d.assign(y=np.array([0, 1, 2] * 4, dtype=np.int64)), "y", "g", treated=1, kind="binary")
    assert "values other than 0/1: 2;" in str(info.value)
    for message in (str(info.value),):
        assert "np." not in message and "int64" not in message


def test_an_outcome_coded_1_2_is_not_silently_continuous() -> None:
    d = pd.DataFrame({"g": [0, 1] * 10, "y": [1, 2] * 5 + [2, 2] * 5})
    with pytest.raises(ekc.ArgumentError, match="has only two values, 1 and 2: .*recode it to 0/1 .*kind='continuous'"):
        ekc.compare(d, "y", "g")
    assert ekc.compare(d, "y", "g", kind="continuous").settings["kind"] == "continuous"
    long = pd.DataFrame({"id": np.repeat(range(10), 2), "wave": [0, 1] * 10, "g": np.repeat([0, 1] * 5, 2),
                         "y": [1, 2] * 10})
    with pytest.raises(ekc.ArgumentError, match="only two values, 1 and 2"):
        ekc.compare_waves(long, "y", "g")


def test_reference_level_is_stated_and_a_categorical_order_is_kept() -> None:
    c = simulate_cohort(600)
    c["age_band"] = pd.cut(c["age"], [-1, 5, 11, 17], labels=["<=5", "6-11", ">11"])
    as_text = c.assign(age_band=c["age_band"].astype(str))
    text = ekc.compare(as_text, "event", "group", covariates=["age_band"])
    ordered = ekc.compare(c, "event", "group", covariates=["age_band"])
    assert "age_band = '6-11'" in " ".join(text.notes)  # code-point order puts '6-11' first
    assert "age_band = '<=5'" in " ".join(ordered.notes)
    assert {"age_band<=5", "age_band>11"} <= set(text.model["term"])
    assert {"age_band6-11", "age_band>11"} <= set(ordered.model["term"])
    # the FGC effect does not depend on the reference level
    a = text.to_frame().set_index("measure").loc["adjusted_odds_ratio", "estimate"]
    b = ordered.to_frame().set_index("measure").loc["adjusted_odds_ratio", "estimate"]
    assert a == pytest.approx(b, rel=1e-9)
    hr = ekc.survival(c, "time", "event", "group", covariates=["age_band", "reason"])
    assert "Reference levels of text covariates: age_band = '<=5', reason = 'abuse'" in " ".join(hr.notes)


def test_quasi_separation_names_the_level_instead_of_refusing() -> None:
    c = simulate_cohort(600)
    c.loc[0, "reason"] = "neglect"  # one child, in the FGC group
    with pytest.warns(ekc.StatisticalWarning, match=r"reason = 'neglect' \(1 row, all in fgc\).*trim=0.01"):
        w = ekc.propensity_weights(c, "group", ["age", "reason", "prior_referrals"])
    assert w.notna().all() and np.isfinite(w).all()
    split = c.assign(group=np.where(c["age"] > 8, "fgc", "traditional"))
    with pytest.raises(ekc.ArgumentError, match="separate the two groups completely"):
        ekc.propensity_weights(split, "group", ["age"])


def test_missing_covariates_shrink_only_the_adjusted_estimates() -> None:
    trial = ekc.load_study(ekc.sample_path("trial.csv"))
    gaps = trial.assign(age=trial["age"].astype(float).where(trial.index % 7 != 0))
    with pytest.warns(ekc.StatisticalWarning, match="Crude estimates use all 300 rows|Crude estimates use all"):
        res = ekc.compare(gaps, "ots_extension", "group", covariates=["age", "prior_reports"])
    t = res.to_frame().set_index("measure")
    crude = ekc.compare(trial, "ots_extension", "group").to_frame().set_index("measure")
    complete = gaps[gaps["age"].notna()]
    adjusted = ekc.compare(complete, "ots_extension", "group", covariates=["age", "prior_reports"])
    adjusted_t = adjusted.to_frame().set_index("measure")
    for m in ("risk_difference", "risk_ratio", "odds_ratio"):
        assert t.loc[m, "estimate"] == pytest.approx(crude.loc[m, "estimate"], rel=1e-12)
        assert t.loc[m, "n_treated"] + t.loc[m, "n_control"] == len(trial)
    for m in ("adjusted_odds_ratio", "adjusted_risk_difference"):
        assert t.loc[m, "estimate"] == pytest.approx(adjusted_t.loc[m, "estimate"], rel=1e-12)
        assert t.loc[m, "n_treated"] + t.loc[m, "n_control"] == len(complete)
    n_missing = int(gaps["age"].isna().sum())
    assert f"({n_missing - int((gaps['age'].isna() & (gaps['group'] == 'control')).sum())} + " in " ".join(res.notes)


# --- issue 19: identical problems fold into one line with their rows and count ---------------------------

def _many_identical(tmp_path):
    from conftest import write_csv

    rows = [[f"K{i}", "03-01-2019", "Afgerond", "10-02-2019", "ja", "half"] for i in range(458)]
    rows[3][2] = "Wachtlijst"  # row 5
    rows[100][1] = "31-02-2019"  # row 102
    return write_csv(tmp_path / "c.csv", rows, ["Dossiernummer", "Datum aanmelding", "Status", "Datum conferentie",
                                                 "Plan opgesteld", "Uitvoering"])


def test_identical_problems_fold_into_one_line_with_rows_and_count(tmp_path) -> None:
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(_many_identical(tmp_path), as_of="2024-12-31")
    assert len(info.value.problems) == 460  # the table keeps one row per problem
    assert list(info.value.problems.columns) == ["file", "row", "column", "value", "rule"]
    text = str(info.value)
    assert "c.csv, rows 2–459 (458×), column 'Uitvoering', value 'half': unknown value" in text
    assert "row 5, column 'Status', value 'Wachtlijst'" in text and "row 102, column 'Datum aanmelding'" in text
    assert text.count("\n  - ") == 3 and "more" not in text


def test_row_ranges_and_fold() -> None:
    from ekc_analysis.intake._messages import fold, row_ranges

    assert row_ranges([9, 2, 3, 4, 4]) == "2–4, 9"
    assert row_ranges(list(range(2, 40, 2)), most=3) == "2, 4, 6, …"
    frame = pd.DataFrame({"file": ["a", "a", "a", "a"], "row": pd.array([None, 3, 2, 7], dtype="Int64"),
                          "column": ["", "x", "x", "x"], "value": ["", "v", "v", "w"], "rule": ["r", "s", "s", "s"]})
    folded = fold(frame)
    assert folded["rows"].tolist() == [[], [3, 2], [7]] and folded["n"].tolist() == [1, 2, 1]


def test_study_problems_fold_too(tmp_path) -> None:
    rows = "\n".join(f"{i % 3},fgc" for i in range(30))
    (tmp_path / "trial.csv").write_text("id,group\n" + rows + "\n")
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load_study(tmp_path / "trial.csv")
    assert len(info.value.problems) == 28  # 27 repeated ids and one group
    text = str(info.value)
    assert "trial.csv, rows 5, 8, 11, 14, 17, 20, 23, 26, … (9×), column 'id', value '0': duplicate id" in text
    assert text.count("\n  - ") == 4


def test_intake_rules_in_dutch_and_english_unchanged(tmp_path) -> None:
    """The rules of the intake (a repeated header, the workbook limits) read in Dutch; English as checked."""
    from ekc_analysis.intake._reading import Words, render_rule
    from ekc_analysis.intake._rule_texts import problem
    from ekc_analysis.intake._workbook_limits import unsafe_xml

    words_en, words_nl = Words([], "en"), Words([], "nl")
    rules = [problem("repeated_header", h="Regio", k=2, first="D", last="E"),
             unsafe_xml("xl/worksheets/sheet1.xml"), unsafe_xml(),
             problem("zip_bomb", p="xl/media/x.bin", r="1,024", size="20 MB", lim="100"),
             problem("workbook_size", size="600 MB", lim="500 MB"),
             problem("too_many_rows", sheet="Blad1", n="1,048,576"), problem("not_a_workbook")]
    english = ["the header 'Regio' appears 2 times (columns D and E); rename one so that every header is unique "
               "(only the first is read)", unsafe_xml("xl/worksheets/sheet1.xml"), unsafe_xml(),
               "part 'xl/media/x.bin' of the workbook unpacks to 1,024 times its packed size (20 MB), more than the "
               "limit of 100 times: a file built to exhaust memory (a zip bomb), not an export; it was not read",
               "the workbook unpacks to 600 MB, more than the limit of 500 MB; it was not read (split the export, "
               "or save it as .csv)", "sheet 'Blad1' has more than 1,048,576 rows, the limit (Excel's own); it was "
               "not read", "not an Excel workbook (an .xlsx is a zip archive; this file is not one): save it again "
               "as .xlsx or .csv"]
    dutch = [render_rule(r, "f.xlsx", None, words_nl) for r in rules]
    assert [render_rule(r, "f.xlsx", None, words_en)[1] for r in rules] == english == [str(r) for r in rules]
    assert [key for key, _ in dutch] == ["repeated_header", "xml_entities_part", "xml_entities", "zip_bomb",
                                         "workbook_size", "too_many_rows", "not_a_workbook"]
    assert dutch[0][1].startswith("de kop 'Regio' staat er 2 keer (kolommen D en E)")
    assert "meer dan de grens van 100 keer" in dutch[3][1] and "meer dan de grens van 500 MB" in dutch[4][1]
