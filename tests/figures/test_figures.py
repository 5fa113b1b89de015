"""Figures draw what the result holds, in the asked language, and never show a suppressed count."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import ekc_analysis as ekc  # noqa: E402
from ekc_analysis import figures as ekc_figures  # noqa: E402
from ekc_analysis.figures._describe import funnel_flow  # noqa: E402


@pytest.fixture(autouse=True)
def _close() -> None:
    yield
    plt.close("all")


def texts(ax: plt.Axes) -> str:
    return " ".join(t.get_text() for t in ax.texts) + " " + ax.get_title(loc="left")


def test_funnel_flow_shows_counts_and_dutch_labels(sample: ekc.Registry) -> None:
    ax = ekc.funnel(sample).plot(lang="nl")
    shown = texts(ax)
    assert "Waar aanmeldingen eindigen" in shown and "Gestopt in" in shown
    assert "1019 (69%)" in shown.replace("\n", " ")


def test_flow_uses_the_count_formatter(sample: ekc.Registry) -> None:
    ax = funnel_flow(ekc.funnel(sample), count=lambda n: "<10" if n < 10 else f"{n:,}")
    shown = texts(ax)
    assert "1,500" in shown and "1500" not in shown


def test_life_domains_are_named_in_the_readers_language(sample: ekc.Registry) -> None:
    plans = ekc.plans(sample)
    english = [t.get_text() for t in plans.plot(which="domains", lang="en").get_yticklabels()]
    dutch = [t.get_text() for t in plans.plot(which="domains", lang="nl").get_yticklabels()]
    assert {"finances", "parenting", "social network"} <= set(english) and "financien" not in english
    assert {"financiën", "opvoeding", "sociaal netwerk"} <= set(dutch)


@pytest.mark.filterwarnings(  # the sample's, known: a fifth of its 2024 referrals are still ongoing
    "ignore:funnel. more than 5% of initiatives are still ongoing:ekc_analysis.StatisticalWarning")
def test_every_describe_figure_draws(sample: ekc.Registry) -> None:
    plans = ekc.plans(sample)
    assert plans.plot().get_xlabel() == "Number of agreements in the plan"
    ax = plans.plot(which="domains")
    assert len(ax.patches) == len(plans.domains)
    ax = ekc.execution(sample).plot()
    assert len(ax.patches) == 6  # three observed, three published
    ax = ekc.funnel(sample, by="year").plot()
    assert ax.get_xlabel() == "Year of referral" and len(ax.lines[0].get_xdata()) == 9
    with pytest.raises(ekc.ArgumentError, match="choose from") as err:
        plans.plot(which="nope")
    assert str(err.value) == ("no figure for a plans result with which='nope'; "
                              "choose from ['agreements', 'domains']")


def test_effect_figures_draw() -> None:
    import pandas as pd

    from ekc_analysis.figures._effects import overlap

    trial = ekc.load_study(ekc.sample_path("trial.csv"))
    cohort = pd.read_csv(ekc.sample_path("cohort.csv"))
    meta = pd.read_csv(ekc.sample_path("meta_synthetic.csv"))
    covs = ["age", "girl", "prior_referrals", "reason", "immigrant"]
    many = ekc.compare_many(trial, ["professional_care_12", "ots_extension"], "group")
    ax = many.plot()
    # one measure for several outcomes: the outcome names each row, the measure the axis
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["Professional care at 12 months",
                                                                   "Supervision order extended"]
    # both outcomes are better when lower: the side in favour of FGC is on the left of the axis label
    assert ax.get_xlabel() == "risk difference (pp, 95% CI)\n← in favour of EK-c          in favour of comparison →"
    # risk differences in percentage points, as the report's tables and sentences write them
    rd = many.table.query("measure == 'risk_difference' and outcome == 'ots_extension'").iloc[0]
    shown = [t.get_text() for t in ax.texts]
    # the report's one interval style, "estimate (low – high)"
    assert f"{100 * rd['estimate']:.1f} ({100 * rd['ci_low']:.1f} – {100 * rd['ci_high']:.1f})".replace(
        "-", "\u2212") in [v.replace("-", "\u2212") for v in shown]
    ax = many.plot(lang="nl")
    assert "Ondertoezichtstelling verlengd" in [t.get_text() for t in ax.get_yticklabels()]
    assert ax.get_xlabel() == ("risicoverschil (%-punt, 95%-BI)\n← in het voordeel van EK-c          in het voordeel "
                               "van de vergelijkingsgroep →")
    safety = ekc.compare_many(trial, ["safety_12"], "group").plot()
    assert safety.get_xlabel().split("\n")[1].startswith("← in favour of comparison")  # higher safety is better
    # a mean difference and a risk difference share no scale: one panel per measure, each naming its measure
    both = ekc.compare_many(trial, ["safety_12", "ots_extension"], "group")
    mixed = both.plot()
    panels = mixed.figure.axes
    assert len(panels) == 2 and mixed is panels[0]
    assert [[t.get_text() for t in a.get_yticklabels()] for a in panels] == [["Safety at 12 months"],
                                                                              ["Supervision order extended"]]
    assert "mean difference (95% CI)" in panels[0].get_xlabel()
    assert "risk difference (pp, 95% CI)" in panels[1].get_xlabel()
    assert panels[0].get_xticks().max() > 1  # the mean difference keeps its own scale
    with pytest.raises(ekc.ArgumentError, match="pass measure= to draw one of them"):
        both.plot(ax=panels[0])
    one = both.plot(measure="risk_difference")
    assert [t.get_text() for t in one.get_yticklabels()] == ["Supervision order extended"]
    assert any("," in t.get_text() and "." not in t.get_text() for t in ax.texts)  # decimal commas in Dutch
    ax = ekc.consort(trial, "group", compliance="conference_held").plot(lang="nl")
    assert "Geloot\nn = 300" in [t.get_text() for t in ax.texts]
    surv = ekc.survival(cohort, "time", "event", "group")
    ax = surv.plot()
    assert len(ax.get_lines()) == 2
    shown = [t.get_text() for t in ax.child_axes[0].texts if t.get_text().strip()]
    at_risk = [t for t in shown if t.isdigit()]
    assert {"FGC", "Traditional", "At risk"} <= set(shown)
    km = surv.km
    expected = [str(int(km.loc[(km["group"] == g) & (km["time"] >= x), "at_risk"].max()))
                for g in ("fgc", "traditional") for x in (0, 1, 2, 3)]
    assert at_risk == expected  # numbers at risk at 0, 1, 2 and 3 years, per group
    ax = ekc.meta_analysis(meta, "log_rr", "se", study="study", exp=True).plot()
    assert ax.get_xscale() == "log" and any(" – " in t.get_text() and "(" in t.get_text() for t in ax.texts)
    assert all("^" not in t.get_text() for t in ax.get_xticklabels())  # 0.75, 1, 1.25, not 10^0
    w = ekc.propensity_weights(cohort, "group", covs)
    assert len(ekc.balance(cohort, "group", covs, weights=w).plot().collections) == 2
    assert len(overlap(w).patches) == 60


def test_funnel_boxes_are_legible_and_the_root_names_the_closed_count() -> None:
    """Issue 14: box text ≥ 8 pt with WCAG AA contrast (4.5:1) on its box; the root box says how many
    initiatives are closed, the denominator of the shares beside it."""
    from matplotlib.colors import to_hex

    from ekc_analysis.figures._describe import contrast

    reg = ekc.sample_data()
    ax = ekc.funnel(reg).plot(lang="nl")
    boxes = [to_hex(p.get_facecolor()) for p in ax.patches]
    texts = [t for t in ax.texts if t.get_text().strip()]
    assert len(texts) == len(boxes)
    for t, fc in zip(texts, boxes, strict=True):
        assert t.get_fontsize() >= 8
        assert contrast(to_hex(t.get_color()), fc) >= 4.5, (t.get_text(), fc)
    flow = ekc.funnel(reg).extras["flow"].set_index("target")["n"]
    closed = int(flow[["conference", "plan_without_conference", "stopped"]].sum())
    assert f"(afgesloten: {closed})" in texts[0].get_text()


def test_agreements_histogram_merges_small_bars_instead_of_dropping_plans() -> None:
    """Issue 14: with a disclosure threshold of 10 every plan is still in a bar (bars merged, area-true)."""
    reg = ekc.sample_data()
    res = ekc.plans(reg)
    dist = res.extras["distribution"]
    ax = ekc_figures.agreements_histogram(res, min_count=10)
    area = sum(p.get_height() * round(p.get_width() + 0.1) for p in ax.patches)
    assert area == pytest.approx(dist["plans"].sum())
    assert all(p.get_height() * round(p.get_width() + 0.1) >= 10 - 1e-9 for p in ax.patches)
    assert (dist["plans"] < 10).any()  # the sample has small bars: they are merged, not dropped
