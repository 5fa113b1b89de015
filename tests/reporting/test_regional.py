"""The report's regional page for policymakers: funnel plots, units named in plain words, small units
suppressed; read in a real browser (Debian's chromium driven by playwright)."""

from __future__ import annotations

import os
import re
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.reporting import analyse, build_html
from ekc_analysis.reporting._disclosure import Disclosure
from ekc_analysis.reporting._regional import hidden_units


def _export(tmp_path: Path) -> Path:
    """The sample, with 6 Gemeente I cases moved to a tiny municipality and one region made to stand out."""
    reg = ekc.sample_data()
    cases = reg.cases.drop(columns=["referral_year", "closed"]).copy()
    gemeente_i = cases.index[cases["municipality"] == "Gemeente I"][:6]
    cases["municipality"] = cases["municipality"].astype(object)
    cases.loc[gemeente_i, "municipality"] = "Vlieland"
    # Regio 1: no initiative stopped (a conference share far above the whole)
    cases = cases[~((cases["region"] == "Regio 1") & (cases["status"] == "stopped"))].copy()
    cases["status"] = cases["status"].astype(object)
    # Regio 4: 60 conferences stopped instead (a conference share far below the whole)
    regio4_conf = cases.index[(cases["region"] == "Regio 4") & (cases["status"] == "conference")
                            & (cases["execution"].isna())][:60]
    cases.loc[regio4_conf, ["status", "conference_date", "plan", "plan_date", "n_agreements", "n_professional",
                          "followup_date"]] = ["stopped", None, False, None, None, None, None]
    folder = tmp_path / "export"
    folder.mkdir()
    cases.to_csv(folder / "cases.csv", index=False, date_format="%Y-%m-%d")
    agreements = reg.agreements
    assert agreements is not None
    agreements[agreements["case_id"].isin(cases.loc[cases["status"] == "conference", "case_id"])
               | agreements["case_id"].isin(cases.loc[cases["status"] == "plan_without_conference", "case_id"])
               ].to_csv(folder / "agreements.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> ekc.Registry:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        return ekc.load(_export(tmp_path_factory.mktemp("regional")), as_of="2024-12-31")


def test_small_units_are_suppressed_and_outliers_named(registry: ekc.Registry) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        a = analyse(registry)
        b = a.described.benchmarks.municipality_conference
        marks = hidden_units(b, Disclosure(10)).set_axis(b.table["unit"])
        assert marks["Vlieland"] == "<10"
        assert (marks == "x").sum() >= 1  # a second unit hides Vlieland's count from the totals
        regions = a.described.benchmarks.region_conference.table.set_index("unit")["flag"]
        assert regions["Regio 1"] == "above_99.8" and regions["Regio 4"] == "below_99.8"
        for lang, above, below, small in (
                ("en", "Above the 99.8% limit (clearly higher than the whole): Regio 1",
                 "Below the 99.8% limit (clearly lower than the whole): Regio 4", "Share not shown, too few cases"),
                ("nl", "Boven de 99,8%-grens (duidelijk hoger dan het geheel): Regio 1",
                 "Onder de 99,8%-grens (duidelijk lager dan het geheel): Regio 4", "Aandeel niet getoond, te weinig")):
            page, figs, tables = build_html(a, lang, min_cell=10)
            assert above in page and below in page
            assert small in page and "Vlieland" in page
            table = tables["benchmark_municipality_conference"].set_index(tables["benchmark_municipality_conference"]
                                                                          .columns[0])
            assert table.loc["Vlieland"].tolist()[:2] == ["<10", "<10"]
            assert figs["benchmark_region_conference"] is not None


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_regional_page_in_chromium_shows_the_funnel_plots_and_the_suppressed_units(registry: ekc.Registry,
                                                                                   tmp_path: Path) -> None:
    if _chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed on CI; .ci/run should have installed it")
        pytest.skip("Debian's chromium is not installed here (apt-get install chromium; .ci/run does)")
    import playwright.sync_api as playwright

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        a = analyse(registry)
        pages = {lang: build_html(a, lang, min_cell=10)[0] for lang in ("nl", "en")}
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu"])
        try:
            for lang, heading in (("nl", "Regio's en gemeenten vergeleken"),
                                  ("en", "Regions and municipalities compared")):
                path = tmp_path / f"report_{lang}.html"
                path.write_text(pages[lang], encoding="utf-8")
                page = browser.new_page(viewport={"width": 1000, "height": 1400})
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                section = page.locator("section", has=page.locator("h2", has_text=heading))
                assert section.count() == 1 and section.is_visible()
                images = section.evaluate("s => Array.from(s.querySelectorAll('img')).map(i => "
                                          "[i.id || i.closest('figure').id, i.complete, i.naturalWidth, "
                                          "i.getBoundingClientRect().width])")
                assert [i[0] for i in images] == ["fig-benchmark_region_conference", "fig-benchmark_region_execution",
                                                  "fig-benchmark_municipality_conference",
                                                  "fig-benchmark_municipality_execution"]
                assert all(ok and natural > 300 and shown > 300 for _, ok, natural, shown in images)
                text = section.inner_text()
                assert "Vlieland" in text and "<10" in text and "Regio 1" in text and "Regio 4" in text
                row = section.locator("tr", has=page.locator("td", has_text="Vlieland")).first
                assert row.is_visible() and row.inner_text().split("\t")[1:3] == ["<10", "<10"]
                section.screenshot(path=str(tmp_path / f"regional_{lang}.png"))
                assert (tmp_path / f"regional_{lang}.png").stat().st_size > 20_000
        finally:
            browser.close()


@pytest.fixture(scope="module")
def sample() -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        return analyse(ekc.sample_data())


def test_the_sample_report_shows_gemeente_f_with_its_n_and_flag(sample: object) -> None:
    """Issue 19: Gemeente F (45 plans followed up, 9 fully carried out) is the one municipality below the 95 %
    limit; it keeps n = 45 and its flag in the table, the caption, the CSV and the figure."""
    from ekc_analysis.reporting._csv_tables import raw_tables

    for lang, item, position, wrong in (
            ("en", "Below the 95% limit but within the 99.8% limit (possibly lower): Gemeente F (n = 45; share hidden)",
             "below 95% limit", "All municipalities shown lie within"),
            ("nl", "Onder de 95%-grens, maar binnen de 99,8%-grens (mogelijk lager): Gemeente F (n = 45; aandeel "
                   "afgeschermd)", "onder 95%-grens", "Alle getoonde gemeenten liggen binnen")):
        page, figs, tables = build_html(sample, lang, min_cell=10)  # type: ignore[arg-type]
        table = tables["benchmark_municipality_execution"]
        row = table.set_index(table.columns[0]).loc["Gemeente F"].tolist()
        assert row == ["45", "<10", position, "6"]
        caption = page[page.index('id="fig-benchmark_municipality_execution"'):]
        caption = caption[caption.index("<figcaption>"):caption.index("</figcaption>")]
        assert item in caption and wrong not in caption
        ax = figs["benchmark_municipality_execution"].axes[0]
        assert "6 Gemeente F" in ax.get_legend_handles_labels()[1]  # 15 units: numbered dots, the key in the legend
        assert {t.get_text() for t in ax.texts} >= {"6", "8"}
    csv = raw_tables(sample, Disclosure(10, "en"))["benchmark_municipality_execution"].set_index("unit")  # type: ignore[arg-type]
    gemeente_f = csv.loc["Gemeente F"]
    assert (gemeente_f["n"], gemeente_f["flag"]) == (45, "below_95")
    assert (gemeente_f["suppressed"], gemeente_f["suppressed_share"]) == ("", "<10")
    assert pd.isna(gemeente_f["events"]) and pd.isna(gemeente_f["share"])
    assert csv["n"].notna().all() and (csv["flag"] != "").all()  # every n is kept: none is small
    assert (csv["suppressed_share"] != "").sum() == 2  # Gemeente F and the one unit that protects it


def test_funnel_plot_names_few_dots_and_numbers_many(sample: object) -> None:
    import matplotlib

    matplotlib.use("Agg")
    bm = sample.described.benchmarks  # type: ignore[attr-defined]
    regions = bm.region_conference.plot()
    assert {t.get_text() for t in regions.texts} == {"Regio 1", "Regio 2", "Regio 3", "Regio 4", "Regio 5"}
    towns = bm.municipality_conference.plot()
    assert {t.get_text() for t in towns.texts} == {str(i) for i in range(1, 16)}
    assert "1 Gemeente A" in towns.get_legend_handles_labels()[1]


def _one_town(tmp_path: Path, town: str) -> Path:
    reg = ekc.sample_data()
    cases = reg.cases.drop(columns=["referral_year", "closed"])
    cases = cases[cases["municipality"] == town]
    folder = tmp_path / "one"
    folder.mkdir()
    cases.to_csv(folder / "cases.csv", index=False, date_format="%Y-%m-%d")
    assert reg.agreements is not None
    reg.agreements[reg.agreements["case_id"].isin(cases["case_id"])].to_csv(folder / "agreements.csv", index=False)
    return folder


def test_page_one_says_how_the_own_municipality_does(sample: object, tmp_path: Path) -> None:
    en, _, _ = build_html(sample, "en", 10, unit="Gemeente F")  # type: ignore[arg-type]
    nl, _, _ = build_html(sample, "nl", 10, unit="Gemeente F")  # type: ignore[arg-type]
    first = re.search(r'<ul class="findings">\s*<li>(.*?)</li>', en, re.S).group(1)  # type: ignore[union-attr]
    assert first.startswith("Gemeente F against all municipalities in these data:")
    assert "45 plans with a follow-up, share hidden, below the 95% limit" in first
    assert "66.7% of 111 closed initiatives, within the limits" in first
    assert "45 plannen met een evaluatie, aandeel afgeschermd, onder de 95%-grens" in nl
    with pytest.raises(ekc.ArgumentError, match="Atlantis.*--unit.*Gemeente F"):
        build_html(sample, "en", 10, unit="Atlantis")  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        one = analyse(ekc.load(_one_town(tmp_path, "Gemeente D"), as_of="2024-12-31"))
    for lang, words in (("en", "This export holds one municipality, Gemeente D"),
                        ("nl", "Deze export bevat één gemeente, Gemeente D")):
        page, _, _ = build_html(one, lang, 10)
        first = re.search(r'<ul class="findings">\s*<li>(.*?)</li>', page, re.S).group(1)  # type: ignore[union-attr]
        assert first.startswith(words)


@pytest.mark.filterwarnings(  # the sample's, known: a fifth of its 2024 referrals are still ongoing
    "ignore:funnel. more than 5% of initiatives are still ongoing:ekc_analysis.StatisticalWarning")
def test_report_command_names_the_unit_or_says_it_is_unknown(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    sample_dir = Path(__file__).resolve().parents[2] / "data" / "sample"
    bad = subprocess.run([sys.executable, "-m", "ekc_analysis", "report", str(sample_dir), "--unit", "Atlantis",
                          "--no-pdf", "--out", str(tmp_path)], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "--unit" in bad.stderr and "Atlantis" in bad.stderr
    target = ekc.report(sample_dir, lang="en", out=tmp_path, pdf=False, unit="Gemeente H", as_of="2024-12-31")
    assert "Gemeente H against all municipalities in these data" in target.read_text(encoding="utf-8")
