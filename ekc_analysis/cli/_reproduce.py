"""``python -m ekc_analysis``: every figure, table and report from ``data/sample/`` into ``reports/``.

Deterministic: no timestamps anywhere, fixed seeds, so two runs give byte-identical files.
Every file is written atomically.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .. import __version__
from ..intake import SAMPLE_AS_OF, SAMPLE_DIR, csv_text, load, load_study
from ..reporting import analyse, build_html, chromium, to_pdf, write_atomic
from ..reporting._csv_tables import csv_bytes, raw_tables
from ..reporting._disclosure import Disclosure
from ..reporting._figures import png_bytes, svg_bytes
from ..simulate import DEFAULT_SEED

INPUTS = ("cases.csv", "agreements.csv", "trial.csv", "trial_long.csv", "cohort.csv", "meta_synthetic.csv",
          "zonmw.csv", "wodc.csv")


class Progress:
    """Progress on a terminal (one updating line), plain lines otherwise, nothing with ``quiet``."""

    def __init__(self, total: int, quiet: bool = False) -> None:
        self.total, self.done, self.quiet = total, 0, quiet
        self.tty = sys.stderr.isatty()
        self.start = time.perf_counter()

    @contextmanager
    def step(self, what: str) -> Iterator[None]:
        self.done += 1
        if not self.quiet:
            line = f"[{self.done}/{self.total}] {what}"
            if self.tty:
                sys.stderr.write("\r\033[K" + line)
                sys.stderr.flush()
            else:
                print(line, file=sys.stderr)
        yield

    def finish(self, message: str) -> None:
        if not self.quiet:
            if self.tty:
                sys.stderr.write("\r\033[K")
            print(f"{message} ({time.perf_counter() - self.start:.1f} s)", file=sys.stderr)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reproduce(data: Path | None = None, out: Path = Path("reports"), quiet: bool = False,
              min_cell: int = 10, pdf: bool | None = None, as_of: str | None = None) -> dict[str, object]:
    """Run every analysis on the sample and write figures (PNG, SVG), tables (CSV), both reports and a manifest.

    Each report is also printed to PDF when Chromium is installed (``pdf=None``), always
    (``True``: an error if it cannot) or never (``False``); the manifest lists what was written.
    ``as_of`` is the extraction date (default: the sample's, 31 December 2024, for the shipped sample;
    today for other data).
    """
    import matplotlib.pyplot as plt

    data = Path(data) if data else SAMPLE_DIR
    if as_of is None and data.resolve() == SAMPLE_DIR:
        as_of = str(SAMPLE_AS_OF.date())  # the sample's figures must not change with the calendar
    out = Path(out)
    make_pdf = chromium() is not None if pdf is None else pdf
    progress = Progress(11 if make_pdf else 10, quiet)
    with progress.step("loading and validating data/sample"):
        reg = load(data, as_of=as_of)
        trial = load_study(data / "trial.csv")
        cohort = load_study(data / "cohort.csv")
        meta = pd.read_csv(data / "meta_synthetic.csv")
        zonmw = load_study(data / "zonmw.csv") if (data / "zonmw.csv").exists() else None
        wodc = load_study(data / "wodc.csv") if (data / "wodc.csv").exists() else None
    with progress.step("funnel, plans, execution, trial, cohort, meta-analysis"):
        analyses = analyse(reg, trial=trial, cohort=cohort, meta=meta, seed=DEFAULT_SEED, zonmw=zonmw, wodc=wodc)
        analyses.study_sources = ["trial.csv", "cohort.csv", "meta_synthetic.csv"] + [
            n for n, f in (("zonmw.csv", zonmw), ("wodc.csv", wodc)) if f is not None]
    written: dict[str, bytes] = {}
    for lang in ("nl", "en"):
        with progress.step(f"report ({lang})"):
            page, figs, tables = build_html(analyses, lang, min_cell, __version__)
            written[f"report_{lang}.html"] = page.encode("utf-8")
        with progress.step(f"figures ({lang})"):
            for name, fig in figs.items():
                if fig is None:
                    continue
                written[f"figures/{lang}/{name}.png"] = png_bytes(fig)
                written[f"figures/{lang}/{name}.svg"] = svg_bytes(fig)
                plt.close(fig)
        with progress.step(f"tables ({lang})"):
            # numbers as numbers once; the tables as the report prints them as a formatted copy per language
            # (the Dutch copy ';'-separated, as a Dutch Excel opens it)
            if lang == "en":
                for name, table in raw_tables(analyses, Disclosure(min_cell, lang)).items():
                    written[f"tables/{name}.csv"] = csv_bytes(table)
            for name, table in tables.items():
                written[f"tables/formatted/{lang}/{name}.csv"] = csv_text(
                    table, sep=";" if lang == "nl" else ",").encode("utf-8")
    with progress.step("writing files"):
        for rel, content in written.items():
            write_atomic(out / rel, content)
    if make_pdf:
        with progress.step("PDF of both reports (Chromium)"):
            for lang in ("nl", "en"):
                printed = to_pdf(out / f"report_{lang}.html")
                if printed is None:
                    raise RuntimeError(f"Chromium could not print report_{lang}.html to PDF; "
                                       "run with --no-pdf, or install Debian's chromium")
                written[f"report_{lang}.pdf"] = printed.read_bytes()
    with progress.step("manifest"):
        manifest = {
            "package": "ekc_analysis", "version": __version__, "seed": DEFAULT_SEED, "min_cell": min_cell,
            "synthetic": reg.synthetic,
            "inputs": {name: _sha256((data / name).read_bytes()) for name in INPUTS if (data / name).exists()},
            "outputs": {rel: _sha256(content) for rel, content in sorted(written.items())},
        }
        write_atomic(out / "manifest.json", json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    progress.finish(f"wrote {len(written) + 1} files to {out}/")
    return manifest
