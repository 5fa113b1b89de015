"""The pages on the real designs from any file's own columns (``reporting/_studies.py``): a ZonMw-shaped and a
WODC-shaped file with every column and group renamed give the sample's numbers with their spec
(:class:`ClusterTrialSpec`, :class:`ThreeGroupSpec`); a cohort followed to another event than re-referral is
worded with that event in both languages (:attr:`CohortSpec.event_words`)."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.reporting import (
    ClusterTrialSpec,
    CohortSpec,
    Outcome,
    ThreeGroupSpec,
    analyse,
    analyse_files,
    build_html,
)
from ekc_analysis.reporting._disclosure import Disclosure
from ekc_analysis.reporting._numbers import Numbers
from ekc_analysis.reporting._studies import competing_results, paragraphs

ROOT = Path(__file__).resolve().parents[2]
ZONMW = {"family_id": "gezin", "child_id": "kind", "group": "toewijzing", "conference_held": "ekc_gehad",
         "age": "leeftijd", "girl": "meisje", "non_western": "niet_westers", "safety_0": "veiligheid_0",
         "safety_12": "veiligheid_12m", "placed": "uithuisgeplaatst"}
ZONMW_ARMS = {"fgc": "aanbod", "cau": "gebruikelijk"}
WODC = {"family_id": "gezin", "group": "traject", "non_western": "niet_westers", "prior_reports": "eerdere_meldingen",
        "age": "leeftijd", "safety_0": "veiligheid_0", "safety_12": "veiligheid_12m",
        "professional_care_12": "hulp_12m",
        "ots_extension": "verlenging_ots", "costs": "uitgaven", "plan_used_3m": "plan_3m"}
WODC_ARMS = {"held": "gehouden", "not_held": "aangeboden", "cau": "gebruikelijk"}
PLACEMENT = {"en": {"name": "out-of-home placement", "time_to": "out-of-home placement",
                    "happened": "placed out of home"},
             "nl": {"name": "uithuisplaatsing", "time_to": "een uithuisplaatsing", "happened": "uit huis geplaatst"}}


def zonmw_spec() -> dict[str, object]:
    z = ZONMW
    return {"design": "cluster_trial", "group": z["group"], "treated": "aanbod", "control": "gebruikelijk",
            "id": z["child_id"], "cluster": z["family_id"],
            "outcomes": [{"column": z["safety_12"], "kind": "continuous", "better": "higher"},
                         {"column": z["placed"], "kind": "binary", "better": "lower"}],
            "primary": z["safety_12"], "covariates": [z["safety_0"]],
            "labels": {z["safety_12"]: {"en": "Safety at 12 months", "nl": "Veiligheid na 12 maanden"},
                       z["placed"]: {"en": "Out-of-home placement", "nl": "Uithuisplaatsing"}},
            "words": {z["safety_12"]: {"en": "safety after 12 months", "nl": "veiligheid na 12 maanden"},
                      z["placed"]: {"en": "out-of-home placement", "nl": "uithuisplaatsing"},
                      z["safety_0"]: {"en": "the baseline", "nl": "de beginmeting"}}}


def wodc_spec() -> dict[str, object]:
    w = WODC
    return {"design": "three_groups", "group": w["group"], "held": "gehouden", "not_held": "aangeboden",
            "control": "gebruikelijk", "id": w["family_id"],
            "outcomes": [{"column": w["ots_extension"], "kind": "binary", "better": "lower"},
                         {"column": w["safety_12"], "kind": "continuous", "better": "higher"}],
            "primary": w["ots_extension"], "covariates": [w["age"], w["prior_reports"], w["non_western"]],
            "labels": {w["ots_extension"]: {"en": "Supervision order extended",
                                            "nl": "Ondertoezichtstelling verlengd"}},
            "words": {w["ots_extension"]: {"en": "extension of the supervision order",
                                           "nl": "verlenging van de ondertoezichtstelling"},
                      w["age"]: {"en": "age", "nl": "leeftijd"},
                      w["prior_reports"]: {"en": "prior reports", "nl": "eerdere meldingen"},
                      w["non_western"]: {"en": "non-western background", "nl": "niet-westerse achtergrond"}}}


def _renamed(name: str, columns: dict[str, str], arms: dict[str, str], folder: Path, spec: dict[str, object]) -> Path:
    frame = pd.read_csv(ekc.sample_path(f"{name}.csv")).rename(columns=columns)
    frame[columns["group"]] = frame[columns["group"]].map(arms)
    path = folder / f"{name}_eigen.csv"
    frame.to_csv(path, index=False)
    (folder / f"{name}_eigen.study.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's ZonMw and WODC files with every column and every group renamed, each spec beside it."""
    folder = tmp_path_factory.mktemp("own_names")
    return {"zonmw": _renamed("zonmw", ZONMW, ZONMW_ARMS, folder, zonmw_spec()),
            "wodc": _renamed("wodc", WODC, WODC_ARMS, folder, wodc_spec())}


@pytest.fixture(scope="module")
def sample() -> object:
    """The sample's pages as ``python -m ekc_analysis`` makes them (no spec: the sample's names)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        load = ekc.load_study
        return analyse(ekc.sample_data(), zonmw=load(ekc.sample_path("zonmw.csv")),
                       wodc=load(ekc.sample_path("wodc.csv")))


def _numbers(res: ekc.Result) -> pd.DataFrame:
    return _numbers_of(res.table)


def _numbers_of(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.select_dtypes("number").reset_index(drop=True)


def _plain(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.mark.filterwarnings("ignore:funnel. more than 5% of initiatives are still ongoing")  # the sample's, known
def test_the_default_specs_are_the_samples(sample: object) -> None:
    z, w = sample.zonmw, sample.wodc  # type: ignore[attr-defined]
    assert z.spec == ClusterTrialSpec() and w.spec == ThreeGroupSpec()
    assert [o.column for o in z.spec.outcomes] == ["safety_12", "placed"] and z.spec.cluster == "family_id"
    assert ThreeGroupSpec().outcome("ots_extension") == Outcome("ots_extension", "binary", "lower")
    direct = ekc.compare(ekc.load_study(ekc.sample_path("zonmw.csv")), "safety_12", "group", treated="fgc",
                         covariates=["safety_0"], cluster="family_id")
    pd.testing.assert_frame_equal(z.primary.table, direct.table)
    # a file without the page's columns gets no page, as before the specs
    zonmw = ekc.load_study(ekc.sample_path("zonmw.csv"))
    assert analyse(ekc.sample_data(), zonmw=zonmw.drop(columns=["family_id"])).zonmw is None
    assert analyse(ekc.sample_data(), wodc=ekc.load_study(ekc.sample_path("wodc.csv")).drop(
        columns=["safety_12"])).wodc is None


def test_a_renamed_zonmw_file_with_its_spec_gives_the_samples_numbers(files: dict[str, Path], sample: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        own = analyse_files(ekc.sample_data(), files["zonmw"])  # the spec beside the file
    z, s = own.zonmw, sample.zonmw  # type: ignore[attr-defined]
    assert own.trial is None and z is not None and z.spec.group == "group" and z.spec.cluster == "gezin"
    assert len(z.outcomes) == 2
    for mine, theirs in zip(z.outcomes, s.outcomes, strict=True):
        pd.testing.assert_frame_equal(_numbers(mine), _numbers(theirs))
        pd.testing.assert_frame_equal(_numbers_of(mine.clustering), _numbers_of(theirs.clustering))
    c = z.primary.clustering.iloc[0]
    assert (int(c["n_clusters"]), int(c["n_clusters_treated"]), int(c["n_clusters_control"])) == (328, 229, 99)
    row = z.primary.table.set_index("measure").loc["adjusted_mean_difference"]
    placed = z.outcomes[1].table.set_index("measure").loc["risk_difference"]
    for lang, words in (("en", ("328 families were randomised (229 to the offer of a conference, 99 to care as usual), "
                                "with 529 children", f"ICC of safety after 12 months {c['icc']:.2f}",
                                f"Safety after 12 months, adjusted for the baseline: difference {row['estimate']:.2f}",
                                f"Out-of-home placement: risk difference {100 * placed['estimate']:.1f} pp")),
                        ("nl", ("328 gezinnen werden door loting verdeeld (229 kregen een conferentie aangeboden, "
                                "99 de gebruikelijke zorg), met samen 529 kinderen",
                                f"Veiligheid na 12 maanden, gecorrigeerd voor de beginmeting: verschil "
                                f"{row['estimate']:.2f}".replace(".", ","),
                                "Uithuisplaatsing: verschil in risico"))):
        heading, said = paragraphs(own, lang, Numbers(lang, Disclosure(10, lang)))["zonmw"]  # type: ignore[arg-type]
        assert all(w in said for w in words), said
        page = _plain(build_html(own, lang, 10)[0])  # type: ignore[arg-type]
        assert heading in page and ("Safety at 12 months" if lang == "en" else "Veiligheid na 12 maanden") in page


def test_a_renamed_wodc_file_with_its_spec_gives_the_samples_numbers(files: dict[str, Path], sample: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        own = analyse_files(ekc.sample_data(), files["wodc"], wodc_spec())  # the spec given: the same as beside
    w, s = own.wodc, sample.wodc  # type: ignore[attr-defined]
    assert w is not None and w.spec.held == "gehouden" and len(w.outcomes) == 2
    for mine, theirs in zip(w.outcomes, s.outcomes, strict=True):
        pd.testing.assert_frame_equal(_numbers(mine), _numbers(theirs))
        # the groups in the page's words whatever the file calls them: the same contrasts
        assert mine.table["contrast"].tolist() == theirs.table["contrast"].tolist()
        pd.testing.assert_frame_equal(mine.arms, theirs.arms)
    assert w.primary.arms.set_index("group")["n"].to_dict() == {"held": 84, "not_held": 121, "cau": 85,
                                                               "offered": 205}
    for lang in ("en", "nl"):
        nb = Numbers(lang, Disclosure(10, lang))  # type: ignore[arg-type]
        mine, theirs = paragraphs(own, lang, nb)["wodc"], paragraphs(sample, lang, nb)["wodc"]  # type: ignore[arg-type]
        assert mine[0] == theirs[0]
        assert mine == theirs  # the spec's words are the sample's: word for word the sample's page
        assert ("205 families" if lang == "en" else "205 gezinnen") in mine[1]


def test_report_reads_the_designs_spec_beside_the_file(files: dict[str, Path], tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        beside = ekc.report(ROOT / "data" / "sample", study=files["wodc"], lang="nl", out=tmp_path / "a", pdf=False)
        given = ekc.report(ROOT / "data" / "sample", study=files["wodc"], lang="nl", out=tmp_path / "b", pdf=False,
                           studies=wodc_spec())
    page = beside.read_text(encoding="utf-8")
    assert page == given.read_text(encoding="utf-8")
    assert "Drie groepen: conferentie gehouden" in page and "Ondertoezichtstelling verlengd" in page
    assert "Het experiment met loting" not in page  # the file is the three-group page, not a trial


def test_a_design_spec_that_does_not_fit_lists_every_problem(files: dict[str, Path]) -> None:
    bad = zonmw_spec()
    bad["cluster"] = None  # a clustered trial without its cluster
    bad["treated"] = "ekc"  # not a value of the group column
    bad["outcomes"][1]["column"] = "uithuis"  # type: ignore[index]  # no such column
    bad["primary"] = "veiligheid"  # not an outcome, and no column
    bad["covariate"] = ["veiligheid_0"]  # a misspelt field
    with pytest.raises(ekc.ValidationError) as caught:
        analyse_files(ekc.sample_data(), files["zonmw"], bad, "en")
    problems = caught.value.problems
    assert set(problems["column"]) == {"cluster", "treated", "outcomes[1]", "primary", "covariate"}
    assert len(problems) == 6  # the primary twice: no such column, and not among the outcomes
    message = str(caught.value)
    assert "problems found: 6" in message and "did you mean 'covariates'?" in message
    assert "did you mean 'uithuisgeplaatst'?" in message and "its values: aanbod, gebruikelijk" in message
    assert "needs the column of the family" in message
    three = wodc_spec()
    three["held"], three["control"] = "aangeboden", 3  # two roles for one group, a group that is not there
    three["outcomes"][1]["kind"] = "binary"  # type: ignore[index]  # safety is a score, not 0/1
    with pytest.raises(ekc.ValidationError) as caught:
        analyse_files(ekc.sample_data(), files["wodc"], three, "nl")
    rules = dict(zip(caught.value.problems["column"], caught.value.problems["rule"], strict=True))
    assert set(rules) == {"not_held", "control", "outcomes[1]"}
    assert "dezelfde groep als held" in rules["not_held"]
    assert "geen waarde van de groepskolom traject" in rules["control"]
    assert "0 en 1" in rules["outcomes[1]"]
    # a spec given in Python is checked the same way; three groups need three
    wodc = ekc.load_study(ekc.sample_path("wodc.csv"))
    with pytest.raises(ekc.ValidationError) as caught:
        analyse(ekc.sample_data(), wodc=wodc[wodc["group"] != "cau"], wodc_spec=ThreeGroupSpec(outcomes=()))
    rules = dict(zip(caught.value.problems["column"], caught.value.problems["rule"], strict=True))
    assert "exactly three groups" in rules["group"] and "'cau'" not in rules["group"]
    assert "not a value of the group column" in rules["control"] and "list of outcomes" in rules["outcomes"]


def _placement_cohort(folder: Path) -> Path:
    """The sample cohort followed to an out-of-home placement: re-referral and moving compete with it."""
    cohort = pd.read_csv(ekc.sample_path("cohort.csv"))
    ends = cohort["end"].where(~cohort["end"].str.startswith("rereferral"), "rereferral")
    cohort = cohort.assign(end=ends, event=(ends == "placed").astype(int)).rename(
        columns={"end": "afloop", "event": "geplaatst", "time": "jaren"})
    path = folder / "plaatsing.csv"
    cohort.drop(columns=["n_rereferrals", "exposure_years"]).to_csv(path, index=False)
    return path


def test_a_cohort_with_another_event_is_worded_with_it_in_both_languages(tmp_path: Path) -> None:
    spec = {"design": "cohort", "time": "jaren", "event": "geplaatst", "end": "afloop", "cause": "placed",
            "event_words": PLACEMENT,
            "words": {"afloop=rereferral": {"en": "re-referral", "nl": "heraanmelding"},
                      "afloop=rereferral.when": {"en": "the child is re-referred",
                                                 "nl": "het kind opnieuw wordt gemeld"},
                      "afloop=moved": {"en": "moving", "nl": "verhuizing"},
                      "afloop=moved.when": {"en": "the family moves", "nl": "het gezin verhuist"}},
            "labels": {"afloop=rereferral": {"en": "Re-referral", "nl": "Heraanmelding"}}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        a = analyse_files(ekc.sample_data(), _placement_cohort(tmp_path), spec)
    assert a.cohort is not None and a.cohort.spec.cause == "placed" and a.cohort.competing is not None
    assert a.cohort.spec.event_words == PLACEMENT
    hr = a.cohort.survival.table.set_index("measure").loc["hazard_ratio", "estimate"]  # type: ignore[union-attr]
    shr = a.cohort.competing.table.query("measure == 'subdistribution_hazard_ratio' and level == 'placed'")
    for lang, words, absent in (
            ("en", ("The cohort: time to out-of-home placement",
                    f"the hazard ratio for out-of-home placement within three years was {hr:.2f}",
                    "Above 1 means placed out of home sooner",
                    "Cohort: time to out-of-home placement (hazard ratio above 1: placed out of home sooner)",
                    "How follow-up ends: out-of-home placement against re-referral and moving",
                    "Follow-up also ends when the child is re-referred or the family moves.",
                    "as if they could still be placed out of home overstates out-of-home placement",
                    f"Subdistribution hazard ratio of out-of-home placement (Fine–Gray): "
                    f"{shr['estimate'].iloc[0]:.2f}",
                    "Restricted mean time without out-of-home placement",
                    "the cumulative incidence of out-of-home placement after 3 years"),
             ("time to re-referral", "re-referred sooner", "hazard ratio of re-referral", "without re-referral",
              "against placement and moving")),
            ("nl", ("Het cohort: tijd tot een uithuisplaatsing",
                    f"de hazard ratio voor een uithuisplaatsing binnen drie jaar {hr:.2f}".replace(".", ","),
                    "Boven 1 betekent: eerder uit huis geplaatst",
                    "Cohort: tijd tot een uithuisplaatsing (hazard ratio boven 1: eerder uit huis geplaatst)",
                    "Hoe de follow-up eindigt: uithuisplaatsing tegenover heraanmelding en verhuizing",
                    "De follow-up eindigt ook als het kind opnieuw wordt gemeld of het gezin verhuist.",
                    "alsof ze nog uit huis geplaatst kunnen worden, overschat de kans op uithuisplaatsing",
                    "Subdistributie-hazard ratio van uithuisplaatsing (Fine–Gray)",
                    "Gemiddelde tijd zonder uithuisplaatsing",
                    "cumulatieve incidentie van uithuisplaatsing na 3 jaar"),
             ("tijd tot een nieuwe melding", "eerder opnieuw gemeld", "ratio van heraanmelding",
              "zonder heraanmelding"))):
        html, figs, _ = build_html(a, lang, 10)  # type: ignore[arg-type]
        page = _plain(html)
        assert all(w in page for w in words), [w for w in words if w not in page]
        km = figs["cohort_km"].axes[0]  # the figures name the event as the sentences do
        assert (km.get_title(loc="left"), km.get_ylabel()) == (
            ("Time to out-of-home placement", "Not placed out of home") if lang == "en" else
            ("Tijd tot een uithuisplaatsing", "Niet uit huis geplaatst"))
        legend = [t.get_text() for ax in figs["cohort_cif"].axes if ax.get_legend() for t in ax.get_legend().texts]
        main, *others = ["Out-of-home placement", "Re-referral", "Moving"] if lang == "en" else [
            "Uithuisplaatsing", "Heraanmelding", "Verhuizing"]
        assert legend[0] == main and set(legend[1:3]) == set(others), legend  # the event at the bottom
        assert not any(w in page for w in absent), [w for w in absent if w in page]
        bottom = page[page.index('Kort gezegd' if lang == "nl" else "In short"):]
        assert ("out-of-home placement did not differ demonstrably" in bottom or "placed out of home sooner" in bottom
                or "placed out of home later" in bottom) if lang == "en" else (
                "verschilde uithuisplaatsing niet aantoonbaar" in bottom or "uit huis geplaatst (gewogen" in bottom)
        assert ("Out-of-home placement" if lang == "en" else "Uithuisplaatsing") in page  # the incidence table


def test_the_cohorts_event_words_are_re_referral_by_default_and_checked() -> None:
    cohort = ekc.load_study(ekc.sample_path("cohort.csv"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        spec = CohortSpec(cluster=None)
        cr, _ = competing_results(cohort, spec, None, "fgc")
        a = analyse(ekc.sample_data(), cohort=cohort)
    assert cr is not None and a.cohort is not None and a.cohort.spec.event_words == {}
    en, nl = (paragraphs(a, lang, Numbers(lang, Disclosure(10, lang)))["competing"] for lang in ("en", "nl"))  # type: ignore[arg-type]
    assert en[0] == "How follow-up ends: re-referral against placement and moving"
    assert en[1].startswith("Follow-up also ends when a child is placed out of home or the family moves. Counting "
                            "those children as if they could still be re-referred overstates re-referral")
    assert nl[0] == "Hoe de follow-up eindigt: heraanmelding tegenover uithuisplaatsing en verhuizing"
    half = {"design": "cohort", "event_words": {"en": PLACEMENT["en"], "nl": {"name": "uithuisplaatsing"}}}
    with pytest.raises(ekc.ValidationError, match="event_words.nl"):
        analyse_files(ekc.sample_data(), ekc.sample_path("cohort.csv"), half)
    with pytest.raises(ekc.ValidationError, match="name, time_to, happened"):
        analyse(ekc.sample_data(), cohort=cohort, cohort_spec=CohortSpec(cluster=None, event_words={"en": {}}))
