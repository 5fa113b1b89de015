"""Table 1 and the CONSORT/STROBE flow in the report (issue 22.4): the numbers are table_one()'s and
consort()'s, every count passes the ledger (a small category hidden with its complement, nothing hidden
recoverable from the totals), in both languages, in the HTML, the formatted tables and tables/*.csv."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reporting.test_ledger import attack

import ekc_analysis as ekc
from ekc_analysis.reporting import TrialSpec, analyse, build_html
from ekc_analysis.reporting._baseline import register_table_one
from ekc_analysis.reporting._csv_tables import raw_tables
from ekc_analysis.reporting._disclosure import Disclosure
from ekc_analysis.reporting._figures import make_figures
from ekc_analysis.reporting._flow import flow_key, register_flow
from ekc_analysis.reporting._ledger import Ledger
from ekc_analysis.reporting._published import ledger_for

TRIAL_BASELINE = ["age", "non_western", "single_parent", "prior_reports", "safety_0", "professional_care_0"]
COHORT = ["age", "girl", "prior_referrals", "reason", "immigrant"]


@pytest.fixture(scope="module")
def sample() -> dict[str, object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        trial, cohort = ekc.load_study(ekc.sample_path("trial.csv")), ekc.load_study(ekc.sample_path("cohort.csv"))
        a = analyse(ekc.sample_data(), trial=trial, cohort=cohort)
        out: dict[str, object] = {"a": a, "trial": trial, "cohort": cohort}
        for lang in ("en", "nl"):
            page, _, tables = build_html(a, lang, 10)
            out[lang] = (page, tables)
    return out


def numbers(cell: object) -> list[float]:
    """Every number in a cell as the reader reads it (decimal comma and real minus in Dutch)."""
    text = str(cell).replace("\u2212", "-")
    found = re.findall(r"-?\d[\d.,]*\d|-?\d", text)
    return [float(x.replace(".", "").replace(",", ".") if "," in x else x) for x in found]


def same_table(report: pd.DataFrame, manuscript: pd.DataFrame) -> None:
    """The report's Table 1 holds the numbers of table_one()'s manuscript layout, row by row, arm by arm."""
    assert len(report) == len(manuscript)
    for head in report.columns[1:]:
        theirs = next(c for c in manuscript.columns if c.split(" (n")[0] == head.split(" (n")[0])
        for mine, expected in zip(report[head], manuscript[theirs], strict=True):
            assert numbers(mine) == pytest.approx(numbers(expected), abs=1e-9), (head, mine, expected)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_table_one_in_the_report_is_table_ones(sample: dict[str, object], lang: str) -> None:
    _, tables = sample[lang]  # type: ignore[misc]
    trial, cohort = sample["trial"], sample["cohort"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        t1 = ekc.table_one(trial, "group", TRIAL_BASELINE, nonnormal=["prior_reports"])  # type: ignore[arg-type]
        c1 = ekc.table_one(cohort, "group", COHORT, nonnormal=["prior_referrals"])  # type: ignore[arg-type]
        w = ekc.propensity_weights(cohort, "group", COHORT)  # type: ignore[arg-type]
        cw = ekc.table_one(cohort, "group", COHORT, weights=w, nonnormal=["prior_referrals"])  # type: ignore[arg-type]
    same_table(tables["trial_table_one"], t1.display(lang))
    same_table(tables["cohort_table_one"], c1.display(lang))
    same_table(tables["cohort_table_one_weighted"], cw.display(lang))
    heads = tables["trial_table_one"].columns.tolist()
    assert heads[1:3] == (["FGC (n = 150)", "Control (n = 150)"] if lang == "en" else
                          ["EK-c (n = 150)", "Controle (n = 150)"])  # the treated arm first


def test_table_one_csv_holds_table_ones_numbers(sample: dict[str, object]) -> None:
    raw = raw_tables(sample["a"], Disclosure(10))  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        t1 = ekc.table_one(sample["trial"], "group", TRIAL_BASELINE, nonnormal=["prior_reports"]).table  # type: ignore[arg-type]
    mine = raw["trial_table_one"]
    keys = ["variable", "level", "group"]
    merged = mine.merge(t1, on=keys, suffixes=("", "_expected"))
    assert len(merged) == len(t1) == len(mine)
    for col in ("n", "percent", "mean", "sd", "median", "q1", "q3", "missing", "smd"):
        pd.testing.assert_series_equal(merged[col].astype(float), merged[f"{col}_expected"].astype(float),
                                       check_names=False)
    assert (mine["suppressed"] == "").all() and (mine["suppressed_missing"] == "").all()
    flow = raw["trial_flow"].set_index(["stage", "group"])["n"]
    assert (flow[("randomised", "all")], flow[("conference_held", "fgc")], flow[("declined", "fgc")]) == (300, 38, 112)
    assert "ess" in raw["cohort_table_one_weighted"] and raw["cohort_flow"]["stage"].tolist()[0] == "included"


def test_both_languages_read_their_own(sample: dict[str, object]) -> None:
    en, _ = sample["en"]  # type: ignore[misc]
    nl, _ = sample["nl"]  # type: ignore[misc]
    for phrase in ("Characteristic", "mean (SD)", "Effective sample size", "SMD weighted", "Randomised",
                   "In the group", "Trial: characteristics at the start, by arm", "the flow of children (STROBE)"):
        assert phrase in en and phrase not in nl, phrase
    for phrase in ("Kenmerk", "gemiddelde (SD)", "Effectieve steekproefomvang", "SMD gewogen", "Geloot",
                   "In de groep", "mishandeling", "Experiment: kenmerken bij de start, per groep"):
        assert phrase in nl and phrase not in en, phrase


def small_trial() -> pd.DataFrame:
    """The sample trial with a region of 4 families in the FGC arm (12 in control) and 3 ages missing."""
    trial = ekc.load_study(ekc.sample_path("trial.csv"))
    fgc, control = trial.index[trial["group"] == "fgc"], trial.index[trial["group"] == "control"]
    region = pd.Series("north", index=trial.index, dtype=object)
    region[fgc[:4]], region[fgc[4:50]] = "east", "south"
    region[control[:12]], region[control[12:60]] = "east", "south"
    trial["region"] = region
    trial.loc[control[-3:], "age"] = np.nan
    held = trial.index[(trial["group"] == "fgc") & trial["conference_held"].astype(bool)]
    trial.loc[held[5:], "conference_held"] = False  # 5 held: a small count in the flow
    return trial


@pytest.fixture(scope="module")
def small() -> object:
    spec = TrialSpec(baseline=("age", "region", "non_western"), nonnormal=(), costs=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        return analyse(ekc.simulate_registry(80, seed=2), trial=small_trial(), trial_spec=spec)


def test_a_small_category_is_hidden_with_its_complement_and_cannot_be_recovered(small: object) -> None:
    led = ledger_for(small, 10)  # type: ignore[arg-type]
    bounds = attack(led)
    t1 = {k: v for k, v in bounds.items() if k.startswith(("t1/", "flow/"))}
    assert t1, "the ledger hides Table 1 and flow counts"
    for key, (lo, hi) in bounds.items():
        assert lo - 1e-6 <= led.counts[key] <= hi + 1e-6 and hi - lo > 0.5, (key, led.counts[key], lo, hi)
    _, _, tables = build_html(small, "en", 10)  # type: ignore[arg-type]
    table = tables["trial_table_one"].set_index("Characteristic")
    fgc, control = table.columns[0], table.columns[1]
    assert table.loc["\u2003east", fgc] == "<10" and table.loc["\u2003south", fgc] == "x"  # its complement
    assert table.loc["\u2003north", fgc] == "100 (66.7)" and table.loc["\u2003east", control] == "12 (8.0)"
    assert table.loc["Region, n (%)", "SMD"] == "x"  # the SMD would give the hidden share away
    # three ages missing in control: that count hidden, and the count with an age that would give it away;
    # the mean of 147 ages is shown
    missing = table.loc["\u2003missing, n (%)"]
    assert (missing[fgc], missing[control]) == ("0 (0.0)", "<10")
    assert led.mark("t1/trial/age/control/known") == "x" and re.fullmatch(r"[\d.]+ \([\d.]+\)",
                                                                         table.loc["Age, mean (SD)", control])
    raw = raw_tables(small, Disclosure(10))["trial_table_one"]  # type: ignore[arg-type]
    east = raw[(raw["variable"] == "region") & (raw["group"] == "fgc")].set_index("level")
    assert east.loc["east", "suppressed"] == "<10"
    assert pd.isna(east.loc["east", "n"]) and pd.isna(east.loc["east", "percent"])
    assert east.loc["south", "suppressed"] == "x" and east.loc["north", "n"] == 100 and pd.isna(east["smd"]).all()


def test_the_flow_shows_the_ledgers_decision_in_figure_table_csv_and_sentence(small: object) -> None:
    led = ledger_for(small, 10)  # type: ignore[arg-type]
    assert led.mark(flow_key("trial", "conference_held", "fgc")) == "<10"
    assert led.mark(flow_key("trial", "declined", "fgc")) == "x"  # 150 − 145 would give the 5 away
    d = Disclosure(10, "en", ledger=led)
    fig = make_figures(small, "en", d)["trial_consort"]  # type: ignore[arg-type]
    boxes = [t.get_text() for t in fig.axes[0].texts]
    assert "Conference held\nn = <10" in boxes and "No conference\nn = x" in boxes
    assert "Lost to follow-up\nn = 0" in boxes  # a zero is shown, as everywhere in the report
    page, _, tables = build_html(small, "en", 10)  # type: ignore[arg-type]
    flow = tables["trial_flow"].set_index("stage")
    assert flow.loc["Conference held", "FGC"] == "<10" and flow.loc["No conference", "FGC"] == "x"
    assert "&lt;10 of the 150 families offered a conference held one (a share not shown)" in page
    raw = raw_tables(small, Disclosure(10))["trial_flow"].set_index(["stage", "group"])  # type: ignore[arg-type]
    assert pd.isna(raw.loc[("conference_held", "fgc"), "n"]) and raw.loc[("declined", "fgc"), "suppressed"] == "x"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=3, max_size=3), st.lists(st.integers(0, 40), min_size=3, max_size=3),
       st.integers(0, 12), st.integers(0, 12))
def test_no_hidden_table_one_count_can_be_solved_for(treated: list[int], control: list[int], miss_t: int,
                                                     miss_c: int) -> None:
    """Random arms (three levels, some missing): from every published count and every sum Table 1 and the
    flow obey, no hidden count is pinned."""
    rows = []
    for arm, counts, missing in (("fgc", treated, miss_t), ("control", control, miss_c)):
        rows += [(arm, level) for level, n in zip("abc", counts, strict=True) for _ in range(n)]
        rows += [(arm, None)] * missing
    frame = pd.DataFrame(rows, columns=["group", "kind"])
    if frame.groupby("group")["kind"].count().reindex(["fgc", "control"]).fillna(0).min() == 0:
        return  # an arm without a single value: no Table 1 to draw
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        flow = ekc.consort(frame, "group", treated="fgc")
        one = ekc.table_one(frame.assign(group=pd.Categorical(frame["group"], ["fgc", "control"])), "group", ["kind"])
    led = Ledger(10)
    register_flow(led, "trial", flow)
    register_table_one(led, "trial", one, lambda g: flow_key("trial", "allocated", g))
    for key, (lo, hi) in attack(led).items():
        assert hi - lo > 0.5, (key, led.counts[key], lo, hi, treated, control, miss_t, miss_c)
