"""The report's regional page for policymakers: funnel plots, units named in plain words, small units
suppressed; read in a real browser (Debian's chromium driven by playwright)."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest

import ekc_analysis as ekc
from ekc_analysis.reporting import analyse, build_html
from ekc_analysis.reporting.disclosure import Disclosure
from ekc_analysis.reporting.regional import hidden_units


def _export(tmp_path: Path) -> Path:
    """The sample, with 6 Leiden cases moved to a tiny municipality and one region made to stand out."""
    reg = ekc.sample_data()
    cases = reg.cases.drop(columns=["referral_year", "closed"]).copy()
    leiden = cases.index[cases["municipality"] == "Leiden"][:6]
    cases["municipality"] = cases["municipality"].astype(object)
    cases.loc[leiden, "municipality"] = "Vlieland"
    # Noord: no initiative stopped (a conference share far above the whole)
    cases = cases[~((cases["region"] == "Noord") & (cases["status"] == "stopped"))].copy()
    cases["status"] = cases["status"].astype(object)
    # Zuid: 60 conferences stopped instead (a conference share far below the whole)
    zuid_conf = cases.index[(cases["region"] == "Zuid") & (cases["status"] == "conference")
                            & (cases["execution"].isna())][:60]
    cases.loc[zuid_conf, ["status", "conference_date", "plan", "plan_date", "n_agreements", "n_professional",
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
        b = a.results["benchmark_municipality_conference"]
        marks = hidden_units(b, Disclosure(10)).set_axis(b.table["unit"])
        assert marks["Vlieland"] == "<10"
        assert (marks == "x").sum() >= 1  # a second unit hides Vlieland's count from the totals
        regions = a.results["benchmark_region_conference"].table.set_index("unit")["flag"]
        assert regions["Noord"] == "above_99.8" and regions["Zuid"] == "below_99.8"
        for lang, above, below, small in (
                ("en", "Above the 99.8% limit (clearly higher than the whole): Noord",
                 "Below the 99.8% limit (clearly lower than the whole): Zuid", "Too few cases to show"),
                ("nl", "Boven de 99,8%-grens (duidelijk hoger dan het geheel): Noord",
                 "Onder de 99,8%-grens (duidelijk lager dan het geheel): Zuid", "Te weinig gegevens om te tonen")):
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
                assert "Vlieland" in text and "<10" in text and "Noord" in text and "Zuid" in text
                row = section.locator("tr", has=page.locator("td", has_text="Vlieland")).first
                assert row.is_visible() and row.inner_text().split("\t")[1:3] == ["<10", "<10"]
                section.screenshot(path=str(tmp_path / f"regional_{lang}.png"))
                assert (tmp_path / f"regional_{lang}.png").stat().st_size > 20_000
        finally:
            browser.close()
