"""``python -m ekc_analysis``: the same files whether the two languages are drawn side by side or in turn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ekc_analysis as ekc
from ekc_analysis.cli._reproduce import _workers, reproduce
from ekc_analysis.reporting import chromium


@pytest.mark.slow
@pytest.mark.filterwarnings(  # the sample's, known: a fifth of its 2024 referrals are still ongoing
    "ignore:funnel. more than 5% of initiatives are still ongoing:ekc_analysis.StatisticalWarning")
def test_one_process_and_two_write_the_same_bytes(tmp_path: Path) -> None:
    """The PDFs too where Chromium is installed: printed after each language in one process, as soon as each
    report is built with two."""
    pdf = chromium() is not None
    one = reproduce(out=tmp_path / "one", quiet=True, pdf=pdf, workers=1)
    two = reproduce(out=tmp_path / "two", quiet=True, pdf=pdf, workers=2)
    assert one == two  # the manifest holds the sha256 of every file written
    outputs = one["outputs"]
    assert isinstance(outputs, dict) and any(r.endswith(".svg") for r in outputs) and len(outputs) > 90
    assert ("report_nl.pdf" in outputs) == pdf
    for rel in outputs:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes()


def test_workers_must_be_one_or_more_and_never_exceed_the_languages() -> None:
    with pytest.raises(ekc.ArgumentError, match="workers must be 1 or more, got 0"):
        _workers(0)
    assert _workers(1) == 1
    assert _workers(8) in (1, 2)  # two languages: a third process would have nothing to draw


@pytest.mark.slow
@pytest.mark.filterwarnings(  # the sample's, known: a fifth of its 2024 referrals are still ongoing
    "ignore:funnel. more than 5% of initiatives are still ongoing:ekc_analysis.StatisticalWarning")
def test_pdf_asked_for_but_not_printed_is_an_error_naming_no_pdf(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ekc_analysis.cli._reproduce.Browser.start", lambda: None)  # as without Chromium
    monkeypatch.setattr("ekc_analysis.cli._reproduce.start_pdf", lambda html: None)
    with pytest.raises(RuntimeError, match=r"could not print report_nl.html to PDF; run with --no-pdf"):
        reproduce(out=tmp_path, quiet=True, pdf=True, workers=2)
    assert not (tmp_path / "manifest.json").exists()  # no manifest for a run that did not finish


@pytest.mark.slow
@pytest.mark.skipif(chromium() is None, reason="Chromium prints the PDFs")
@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.filterwarnings("ignore:funnel. more than 5% of initiatives are still ongoing")  # the sample's, known
def test_a_drawing_process_that_fails_stops_the_run_with_its_error_and_the_browser_ends(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    """The process driving Chromium does not wait for a report that will never come."""
    import glob
    import tempfile

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("drawing failed")

    before = set(glob.glob(str(Path(tempfile.gettempdir()) / "ekc-chromium-*")))
    monkeypatch.setattr("ekc_analysis.cli._reproduce.build_html", broken)  # forked processes inherit it
    with pytest.raises(ValueError, match="drawing failed"):
        reproduce(out=tmp_path, quiet=True, pdf=True, workers=workers)
    assert set(glob.glob(str(Path(tempfile.gettempdir()) / "ekc-chromium-*"))) == before  # closed, profile removed


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:funnel. more than 5% of initiatives are still ongoing")  # the sample's, known
def test_a_data_folder_whose_trial_has_its_own_columns_reads_the_spec_beside_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``reproduce --data`` reads a ``trial.study.json`` beside ``trial.csv``: the renamed trial gives the
    sample's numbers; a spec of another design does not fit the file (every problem in one ValidationError). The
    progress lines name the folder read, in the language asked for."""
    import json
    import shutil

    import pandas as pd
    from reporting.test_spec import ARMS, RENAMED, spec_json

    data = tmp_path / "data"
    shutil.copytree(ekc.sample_path("cases.csv").parent, data)
    trial = pd.read_csv(data / "trial.csv").rename(columns=RENAMED)
    trial["arm"] = trial["arm"].map(ARMS)
    trial.to_csv(data / "trial.csv", index=False)
    (data / "trial.study.json").write_text(json.dumps(spec_json()), encoding="utf-8")
    capsys.readouterr()
    reproduce(data=data, out=tmp_path / "own", pdf=False, workers=1, as_of="2024-12-31", lang="nl")
    lines = capsys.readouterr().err.splitlines()
    assert lines[:5] == [f"[1/5] {data} inlezen en controleren", "[2/5] trechter, plannen, uitvoering, trial, "
                         "cohort, meta-analyse", "[3/5] rapporten, figuren en tabellen (nl, en)",
                         "[4/5] bestanden schrijven", "[5/5] manifest"]
    assert re.fullmatch(rf"\d+ bestanden geschreven in {re.escape(str(tmp_path / 'own'))}/ \(\d+,\d s\)", lines[-1])
    sample = reproduce(out=tmp_path / "sample", quiet=True, pdf=False, workers=1)
    numbers = ["estimate", "ci_low", "ci_high", "p_value", "n_treated", "n_control"]
    own, theirs = (pd.read_csv(tmp_path / d / "tables" / "trial_many.csv") for d in ("own", "sample"))
    pd.testing.assert_frame_equal(own[numbers], theirs[numbers])
    assert isinstance(sample["outputs"], dict) and "tables/trial_many.csv" in sample["outputs"]
    (data / "trial.study.json").write_text(json.dumps({**spec_json(), "design": "cohort"}), encoding="utf-8")
    with pytest.raises(ekc.ValidationError, match=r"trial.study.json: the study spec is not valid"):
        reproduce(data=data, out=tmp_path / "wrong", quiet=True, pdf=False, workers=1, as_of="2024-12-31")
