"""Making a report leaves its caller alone: matplotlib's backend, rcParams and open figures as before."""

from __future__ import annotations

import base64
import subprocess
import sys

import matplotlib
import matplotlib.pyplot as plt
import pytest

import ekc_analysis as ekc
from ekc_analysis.reporting import analyse, build_html
from ekc_analysis.reporting._figures import png_bytes


def test_importing_the_report_code_changes_no_matplotlib_setting() -> None:
    code = ("import matplotlib; b = (matplotlib.get_backend(), dict(matplotlib.rcParams)); "
            "import ekc_analysis.reporting, ekc_analysis.reporting._figures; "
            "assert (matplotlib.get_backend(), dict(matplotlib.rcParams)) == b")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.filterwarnings("ignore::ekc_analysis.StatisticalWarning")
def test_building_a_report_changes_no_matplotlib_state() -> None:
    backend = matplotlib.get_backend()
    before = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
    plt.figure()  # the caller's own open figure stays open, and only it
    open_before = plt.get_fignums()
    with plt.rc_context({"font.size": 13.5, "axes.spines.top": True}):
        caller = {k: matplotlib.rcParams[k] for k in ("font.size", "axes.spines.top")}
        page, figs, _ = build_html(analyse(ekc.sample_data(), seed=1), "en", 10, "test")
        assert {k: matplotlib.rcParams[k] for k in ("font.size", "axes.spines.top")} == caller
    after = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
    assert matplotlib.get_backend() == backend
    assert after == before
    assert plt.get_fignums() == open_before
    plt.close("all")
    # the report's own look is applied while drawing: no top spine on its axes, 10 pt text
    drawn = [f for f in figs.values() if f is not None]
    assert drawn and all(not ax.spines["top"].get_visible() for f in drawn for ax in f.axes[:1])
    # each figure rendered once: the HTML embeds exactly the bytes written to figures/*.png
    funnel = png_bytes(figs["funnel"])
    assert png_bytes(figs["funnel"]) is funnel
    assert base64.b64encode(funnel).decode("ascii") in page
