"""The report's analyses: the trial-shaped pages computed in another process are the same, warnings included."""

from __future__ import annotations

import multiprocessing
import pickle
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.reporting import Analyses, analyse
from ekc_analysis.simulate import DEFAULT_SEED


def _studies() -> dict[str, pd.DataFrame]:
    load = ekc.load_study
    return {"trial": load(ekc.sample_path("trial.csv")), "cohort": load(ekc.sample_path("cohort.csv")),
            "meta": pd.read_csv(ekc.sample_path("meta_synthetic.csv")), "zonmw": load(ekc.sample_path("zonmw.csv")),
            "wodc": load(ekc.sample_path("wodc.csv"))}


def _results(a: Analyses) -> dict[str, ekc.Result]:
    """Every result of the pages computed apart (trial, ZonMw, WODC) and of those computed here."""
    assert a.trial is not None and a.zonmw is not None and a.wodc is not None and a.cohort is not None
    out = {f"trial.{k}": getattr(a.trial, k) for k in ("many", "primary", "moderated", "costs", "consort",
                                                       "table_one")}
    out.update({f"zonmw.{i}": r for i, r in enumerate(a.zonmw.outcomes)})
    out.update({f"wodc.{i}": r for i, r in enumerate(a.wodc.outcomes)})
    out.update({"cohort.survival": a.cohort.survival, "funnel": a.described.funnel})
    return out


def test_a_result_pickles_with_its_extras_settings_and_notes() -> None:
    res = ekc.compare(ekc.load_study(ekc.sample_path("trial.csv")), "safety_12", "group", treated="fgc")
    back = pickle.loads(pickle.dumps(res))
    pd.testing.assert_frame_equal(back.table, res.table)
    assert (back.kind, back.title, back.notes, dict(back.settings)) == (res.kind, res.title, res.notes,
                                                                         dict(res.settings))
    assert back.title.render("nl") == res.title.render("nl")  # still a catalogue message
    assert set(back.extras) == set(res.extras)
    with pytest.raises(TypeError):
        back.settings["treated"] = "x"  # type: ignore[index]  # read-only as before


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="forked processes")
@pytest.mark.filterwarnings("ignore:funnel. more than 5% of initiatives are still ongoing")  # the sample's, known
def test_the_trial_pages_computed_beside_are_the_same_and_their_warnings_reach_the_caller(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reg, studies = ekc.sample_data(), _studies()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        here = analyse(reg, seed=DEFAULT_SEED, **studies)
    from ekc_analysis.reporting import _studies as pages

    original = pages.wodc_results

    def warning_wodc(*args: object) -> object:
        warnings.warn("a caveat raised in the other process", ekc.StatisticalWarning, stacklevel=1)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "wodc_results", warning_wodc)  # the forked process inherits it
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as beside, \
            pytest.warns(ekc.StatisticalWarning, match="a caveat raised in the other process"):
        there = analyse(reg, seed=DEFAULT_SEED, beside=beside, **studies)
    a, b = _results(here), _results(there)
    assert a.keys() == b.keys()
    for key in a:
        if a[key] is None:
            assert b[key] is None, key
            continue
        pd.testing.assert_frame_equal(a[key].table, b[key].table, obj=key)
        assert (a[key].notes, a[key].title) == (b[key].notes, b[key].title), key
