"""A report from a study file's own columns (issue 20.6): a study spec (``<name>.study.json``) names them, the
report gives the same numbers as on the sample's names, and a spec that does not fit its file lists every
problem at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.reporting import (
    CohortSpec,
    Outcome,
    TrialSpec,
    analyse,
    analyse_files,
    build_html,
    read_spec,
)
from ekc_analysis.reporting._csv_tables import raw_tables
from ekc_analysis.reporting._disclosure import Disclosure
from ekc_analysis.reporting._spec import lenient

ROOT = Path(__file__).resolve().parents[2]
RENAMED = {"id": "dossier", "group": "arm", "conference_held": "conferentie_gehouden", "age": "leeftijd",
           "non_western": "niet_westers", "single_parent": "eenouder", "prior_reports": "eerdere_meldingen",
           "safety_0": "veiligheid_0", "safety_12": "veiligheid_12m", "professional_care_0": "hulp_0",
           "professional_care_12": "hulp_12m", "ots_extension": "verlenging_ots", "costs": "zorgkosten"}
ARMS = {"fgc": "ekc", "control": "gebruikelijk"}


def spec_json() -> dict[str, object]:
    """The sample trial's spec in the renamed file's own names."""
    r = RENAMED
    return {"design": "trial", "group": "arm", "treated": "ekc", "control": "gebruikelijk", "id": "dossier",
            "outcomes": [{"column": r["safety_12"], "kind": "continuous", "better": "higher"},
                         {"column": r["professional_care_12"], "kind": "binary", "better": "lower"},
                         {"column": r["ots_extension"], "kind": "binary", "better": "lower"}],
            "primary": r["safety_12"], "covariates": [r["safety_0"]], "moderated": r["ots_extension"],
            "moderator": r["non_western"], "costs": r["costs"], "compliance": r["conference_held"],
            "baseline": [r[c] for c in ("age", "non_western", "single_parent", "prior_reports", "safety_0",
                                        "professional_care_0")],
            "nonnormal": [r["prior_reports"]],
            "labels": {r["safety_12"]: {"en": "Safety at 12 months", "nl": "Veiligheid na 12 maanden"},
                       "arm=ekc": {"en": "FGC", "nl": "EK-c"}, "arm=gebruikelijk": {"en": "Control", "nl": "Controle"}},
            "words": {r["safety_12"]: {"en": "safety after 12 months", "nl": "de veiligheid na 12 maanden"},
                      f"{r['safety_12']}.difference": {"en": "difference in the safety score",
                                                       "nl": "verschil in veiligheidsscore"},
                      r["ots_extension"]: {"en": "a supervision-order extension",
                                           "nl": "verlenging van de ondertoezichtstelling"},
                      f"{r['non_western']}=1": {"en": "families of non-western background",
                                                "nl": "gezinnen met een niet-westerse achtergrond"},
                      r["costs"]: {"en": "Care costs", "nl": "De zorgkosten"}}}


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample trial with every column and both arms renamed, its spec beside it."""
    folder = tmp_path_factory.mktemp("renamed")
    trial = pd.read_csv(ekc.sample_path("trial.csv")).rename(columns=RENAMED)
    trial["arm"] = trial["arm"].map(ARMS)
    trial.to_csv(folder / "proef.csv", index=False)
    (folder / "proef.study.json").write_text(json.dumps(spec_json(), indent=1), encoding="utf-8")
    return folder / "proef.csv"


@pytest.fixture(scope="module")
def both(renamed: Path) -> tuple[object, object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        reg = ekc.sample_data()
        return analyse_files(reg, ekc.sample_path("trial.csv")), analyse_files(reg, renamed)


def test_the_default_spec_is_the_samples() -> None:
    trial, cohort = ekc.load_study(ekc.sample_path("trial.csv")), ekc.load_study(ekc.sample_path("cohort.csv"))
    assert lenient(TrialSpec(), trial) == TrialSpec()  # every column the default names is in the sample
    assert lenient(CohortSpec(), cohort) == CohortSpec(cluster=None)  # the sample cohort names no families
    assert [o.column for o in TrialSpec().outcomes] == ["safety_12", "professional_care_12", "ots_extension"]
    assert TrialSpec().outcome("ots_extension") == Outcome("ots_extension", "binary", "lower")
    # a file without some of them: the report leaves those analyses out, as it always has
    assert lenient(TrialSpec(), trial.drop(columns=["costs", "non_western"])).costs is None


def test_a_renamed_trial_with_its_spec_gives_the_samples_numbers(both: tuple[object, object]) -> None:
    sample, own = both
    assert own.trial.spec.group == "group" and own.trial.spec.costs == "costs"  # the loader's names  # type: ignore[attr-defined]
    assert own.trial.spec.primary == "veiligheid_12m"  # type: ignore[attr-defined]
    a, b = raw_tables(sample, Disclosure(10)), raw_tables(own, Disclosure(10))  # type: ignore[arg-type]
    numbers = ["estimate", "ci_low", "ci_high", "p_value", "n_treated", "n_control", "p_holm", "p_bh"]
    pd.testing.assert_frame_equal(a["trial_many"][numbers], b["trial_many"][numbers])
    one = ["n", "percent", "mean", "sd", "median", "q1", "q3", "missing", "missing_percent", "smd", "suppressed"]
    pd.testing.assert_frame_equal(a["trial_table_one"][one], b["trial_table_one"][one])
    assert a["trial_table_one"]["group"].map(ARMS).tolist() == b["trial_table_one"]["group"].tolist()
    pd.testing.assert_frame_equal(a["trial_flow"][["stage", "n"]], b["trial_flow"][["stage", "n"]])
    for res in ("primary", "moderated", "costs"):
        x, y = getattr(sample.trial, res).table, getattr(own.trial, res).table  # type: ignore[attr-defined]
        pd.testing.assert_frame_equal(x.select_dtypes("number"), y.select_dtypes("number"))


def test_the_renamed_trials_report_says_the_same_in_its_own_words(both: tuple[object, object]) -> None:
    """With the spec's words, page 1 and the bottom line read as the sample's; Table 1 holds the same numbers
    under the same heads (the spec's labels of the arms)."""
    sample, own = both
    for lang, start in (("en", "In the randomised trial ("), ("nl", "In het gerandomiseerde experiment (")):
        mine, figs, tables = build_html(own, lang, 10)  # type: ignore[arg-type]
        theirs, _, sample_tables = build_html(sample, lang, 10)  # type: ignore[arg-type]
        for begin, end in ((start, "</li>"), ('id="bottom-line"', "</section>")):
            said = mine[mine.index(begin):].split(end)[0]
            assert said == theirs[theirs.index(begin):].split(end)[0], said
        named = "Safety at 12 months" if lang == "en" else "Veiligheid na 12 maanden"  # the spec's label
        assert named in mine and named in {t.get_text() for ax in figs["trial_forest"].axes
                                           for t in ax.get_yticklabels()}
        assert "Hulp 12m" in mine  # a column without a label: its name, as a reader writes it
        for name in ("trial_table_one", "trial_flow"):
            assert tables[name].columns[1:].tolist() == sample_tables[name].columns[1:].tolist()
            assert tables[name].iloc[:, 1:].to_numpy().tolist() == sample_tables[name].iloc[:, 1:].to_numpy().tolist()


def test_report_takes_the_spec_beside_the_file_or_given(renamed: Path, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        page = ekc.report(ROOT / "data" / "sample", study=renamed, lang="en", out=tmp_path / "a", pdf=False)
        given = ekc.report(ROOT / "data" / "sample", study=renamed, lang="en", out=tmp_path / "b", pdf=False,
                           studies=spec_json())
    assert page.read_text(encoding="utf-8") == given.read_text(encoding="utf-8")
    assert "Safety at 12 months" in page.read_text(encoding="utf-8")


def test_a_spec_that_does_not_fit_lists_every_problem_at_once(renamed: Path) -> None:
    bad = spec_json()
    bad["outcomes"][1]["column"] = "hulp_12"  # type: ignore[index]  # a typo
    bad["outcomes"][2]["kind"] = "yes/no"  # type: ignore[index]
    bad["baseline"].append("gewicht")  # type: ignore[attr-defined]  # not in the file
    bad["treated"] = "EKC"  # not an arm
    bad["moderatr"] = "niet_westers"  # a misspelt field
    with pytest.raises(ekc.ValidationError) as caught:
        analyse_files(ekc.sample_data(), renamed, bad, "en")
    problems = caught.value.problems
    assert set(problems["column"]) >= {"outcomes[1]", "outcomes[2].kind", "baseline[6]", "treated", "moderatr"}
    message = str(caught.value)
    assert "did you mean 'hulp_12m'?" in message and "did you mean 'moderator'?" in message
    assert "'gewicht'" in message and "its values: ekc, gebruikelijk" in message
    with pytest.raises(ekc.ValidationError, match="deze kolom staat niet in het studiebestand"):
        analyse_files(ekc.sample_data(), renamed, bad, "nl")


def test_a_spec_given_in_python_is_checked_against_the_frame() -> None:
    trial = ekc.load_study(ekc.sample_path("trial.csv"))
    spec = TrialSpec(outcomes=(Outcome("safety_12", "binary", "higher"),), primary="safety_12", covariates=(),
                     moderated=None, moderator=None, baseline=("age", "weight"), nonnormal=("height",))
    with pytest.raises(ekc.ValidationError) as caught:
        analyse(ekc.sample_data(), trial=trial, trial_spec=spec)
    rules = dict(zip(caught.value.problems["column"], caught.value.problems["rule"], strict=True))
    assert "0 and 1" in rules["outcomes[0]"] and "no such column" in rules["baseline[1]"]
    assert "baseline" in rules["nonnormal"]
    with pytest.raises(ekc.ValidationError, match='"design" must be "trial", "cohort", "cluster_trial" .* or '
                                                  '"three_groups"'):
        read_spec({"group": "arm"})


def test_cli_report_reads_the_spec_beside_and_names_every_problem(renamed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ekc_analysis", "report", str(ROOT / "data" / "sample"),
                               "--study", str(renamed), "--no-pdf", "--as-of", "2024-12-31", *args],
                              capture_output=True, text=True, env=env)

    done = run("--lang", "en", "--out", str(tmp_path / "ok"))
    assert done.returncode == 0, done.stderr
    assert "Safety at 12 months" in (tmp_path / "ok" / "report_en.html").read_text(encoding="utf-8")
    bad = spec_json()
    bad["primary"] = "veiligheid"
    bad["covariates"] = ["veiligheid_nul"]
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    done = run("--lang", "nl", "--out", str(tmp_path / "bad"), "--study-spec", str(tmp_path / "bad.json"))
    assert done.returncode == 2 and not (tmp_path / "bad").exists()
    assert "gevonden problemen: 3" in done.stderr, done.stderr
    assert "primary: deze kolom staat niet" in done.stderr and "covariates[0]:" in done.stderr
    assert "moet een van de uitkomsten zijn" in done.stderr
