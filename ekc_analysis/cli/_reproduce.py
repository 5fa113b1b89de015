"""``python -m ekc_analysis``: every figure, table and report from ``data/sample/`` into ``reports/``.

Deterministic: no timestamps anywhere, fixed seeds, so two runs give byte-identical files.
Every file is written atomically.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import queue
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__
from ..errors import ArgumentError, PrintError
from ..i18n import Lang, check_lang, t
from ..intake import SAMPLE_AS_OF, SAMPLE_DIR, Registry, csv_text, load
from ..reporting import Analyses, Browser, analyse, build_html, chromium, load_with_spec, start_pdf, write_atomic
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

    def finish(self, message: Callable[[float], str]) -> None:
        """The closing line: ``message(seconds since the start)``."""
        if not self.quiet:
            if self.tty:
                sys.stderr.write("\r\033[K")
            print(message(time.perf_counter() - self.start), file=sys.stderr)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


LANGS: tuple[Lang, ...] = ("nl", "en")


def reproduce(data: Path | None = None, out: Path = Path("reports"), quiet: bool = False,
              min_cell: int = 10, pdf: bool | None = None, as_of: str | None = None,
              workers: int | None = None, lang: str = "en") -> dict[str, object]:
    """Run every analysis on the sample and write figures (PNG, SVG), tables (CSV), both reports and a manifest.

    Each report is also printed to PDF when Chromium is installed (``pdf=None``), always
    (``True``: an error if it cannot) or never (``False``); the manifest lists what was written.
    ``as_of`` is the extraction date (default: the sample's, 31 December 2024, for the shipped sample;
    today for other data). The analyses run once; the two languages' reports and figures are drawn
    side by side in ``workers`` processes (default: two where the system can fork them, Linux, and has
    two cores; ``workers=1`` draws them one after the other). The files are the same either way.
    ``lang`` is the language of the progress lines (the reports are written in both).
    """
    data = Path(data) if data else SAMPLE_DIR
    if as_of is None and data.resolve() == SAMPLE_DIR:
        as_of = str(SAMPLE_AS_OF.date())  # the sample's figures must not change with the calendar
    out = Path(out)
    say = functools.partial(t, lang=check_lang(lang), words=False)  # progress lines: _catalogue/_cli.py
    make_pdf = chromium() is not None if pdf is None else pdf
    processes = _workers(workers)  # checked before any work
    browser = Browser.start() if make_pdf else None  # Chromium starts while the data are read and analysed
    try:
        progress = Progress(5, quiet)
        with progress.step(say("cli_reproduce_loading", data=_shown(data))):
            reg, studies = _inputs(data, as_of)
        with progress.step(say("cli_reproduce_analyses")):
            analyses = _analyses(reg, studies, processes)
            analyses.study_sources = ["trial.csv", "cohort.csv", "meta_synthetic.csv"] + [
                n for n, key in (("zonmw.csv", "zonmw"), ("wodc.csv", "wodc")) if studies[key] is not None]
        with progress.step(say("cli_reproduce_render_pdf" if make_pdf else "cli_reproduce_render")):
            written = _render(analyses, min_cell, processes, out if make_pdf else None, browser)
    finally:
        if browser is not None:
            browser.close()
    with progress.step(say("cli_reproduce_writing")):
        for rel, content in written.items():
            write_atomic(out / rel, content)
    with progress.step(say("cli_reproduce_manifest")):
        manifest = _manifest(data, written, min_cell, reg.synthetic)
        write_atomic(out / "manifest.json", json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    progress.finish(lambda seconds: say("cli_reproduce_done", n=len(written) + 1, out=f"{out}/", seconds=seconds))
    return manifest


def _shown(data: Path) -> str:
    """The data folder as a progress line names it: the sample as data/sample, another folder relative to the
    working folder where it lies inside it."""
    if data.resolve() == SAMPLE_DIR:
        return "data/sample"
    try:
        return str(data.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(data)


# each study file of a folder, the design its spec (a ``<name>.study.json`` beside it) must describe
DESIGNS = {"trial": "trial", "cohort": "cohort", "zonmw": "cluster_trial", "wodc": "three_groups"}


def _inputs(data: Path, as_of: str | None) -> tuple[Registry, dict[str, Any]]:
    """The registry and the study files of ``data`` (ZonMw- and WODC-shaped files when present), each read in
    the columns of the ``<name>.study.json`` beside it when there is one (see :func:`analyse_files`)."""
    reg = load(data, as_of=as_of)
    studies: dict[str, Any] = {"meta": pd.read_csv(data / "meta_synthetic.csv")}
    for name, design in DESIGNS.items():
        path = data / f"{name}.csv"
        if name in ("zonmw", "wodc") and not path.exists():
            studies[name] = None
            continue
        frame, spec = load_with_spec(path)
        if spec is not None and spec.design != design:
            raise ArgumentError(f"{name}.study.json describes a {spec.design} study; {name}.csv is a {design} "
                                f"study (\"design\": \"{design}\")")
        studies[name] = frame
        if spec is not None:
            studies[f"{name}_spec"] = spec
    return reg, studies


def _analyses(reg: Registry, studies: dict[str, Any], workers: int) -> Analyses:
    """Every analysis, the trial-shaped pages in a forked process beside this one when there are two workers."""
    if workers == 1:
        return analyse(reg, seed=DEFAULT_SEED, **studies)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as beside:
        return analyse(reg, seed=DEFAULT_SEED, beside=beside, **studies)


def _workers(workers: int | None) -> int:
    """How many processes draw the languages: forked processes share the analyses without copying them."""
    if workers is not None:
        if workers < 1:
            raise ArgumentError(f"workers must be 1 or more, got {workers}")
        return min(workers, len(LANGS)) if sys.platform == "linux" else 1
    return min(len(LANGS), os.cpu_count() or 1) if sys.platform == "linux" else 1


_SHARED: dict[str, object] = {}  # what a forked drawing process inherits (never pickled): the analyses, a queue


def _render(analyses: Analyses, min_cell: int, workers: int, pdf_out: Path | None,
            browser: Browser | None) -> dict[str, bytes]:
    """Every file of both languages: report, figures, tables and, with ``pdf_out``, the PDFs (``browser`` prints
    each report as soon as it is built; without one ``chromium --print-to-pdf`` does); in ``workers``
    processes, the same bytes."""
    written: dict[str, bytes] = {}
    for name, table in raw_tables(analyses, Disclosure(min_cell, "en")).items():
        written[f"tables/{name}.csv"] = csv_bytes(table)  # the numbers as numbers, once
    if workers == 1:
        for lang in LANGS:
            written.update(_language(analyses, lang, min_cell, pdf_out, None if browser is None else _no_wait))
            if browser is not None:
                written[f"report_{lang}.pdf"] = _printed(browser, pdf_out, lang)  # type: ignore[arg-type]
        return written
    context = multiprocessing.get_context("fork")
    _SHARED.update(analyses=analyses, ready=context.Queue())
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = [pool.submit(_language_in_child, lang, min_cell, pdf_out, browser is not None) for lang in LANGS]
            if browser is not None:  # the processes are forked: print here while they draw their figures
                written.update(_print_when_ready(browser, pdf_out, futures))  # type: ignore[arg-type]
            for future in futures:
                written.update(future.result())
    finally:
        _SHARED.clear()
    return written


def _no_wait(lang: Lang) -> None:
    """In one process, a report is printed after its language's files are drawn."""


def _language_in_child(lang: Lang, min_cell: int, pdf_out: Path | None, tell: bool) -> dict[str, bytes]:
    ready: queue.Queue[str] = _SHARED["ready"]  # type: ignore[assignment]
    return _language(_SHARED["analyses"], lang, min_cell, pdf_out, ready.put if tell else None)  # type: ignore[arg-type]


def _print_when_ready(browser: Browser, pdf_out: Path, futures: list[Future[dict[str, bytes]]]) -> dict[str, bytes]:
    """Each report's PDF, printed as soon as its drawing process says the HTML is written (none when a process
    failed first: its error is raised by its future)."""
    ready: queue.Queue[str] = _SHARED["ready"]  # type: ignore[assignment]
    pdfs: dict[str, bytes] = {}
    while len(pdfs) < len(futures):
        try:
            lang = ready.get(timeout=0.1)
        except queue.Empty:
            if any(f.done() and f.exception() is not None for f in futures):
                return pdfs
            continue
        pdfs[f"report_{lang}.pdf"] = _printed(browser, pdf_out, lang)  # type: ignore[arg-type]
    return pdfs


def _printed(browser: Browser, pdf_out: Path, lang: Lang) -> bytes:
    html = f"report_{lang}.html"
    try:
        return browser.print_pdf(pdf_out / html)
    except PrintError as e:
        raise PrintError(f"Chromium could not print {html} to PDF ({e}); run with --no-pdf, "
                         "or install Debian's chromium") from None


def _language(analyses: Analyses, lang: Lang, min_cell: int, pdf_out: Path | None,
              ready: Callable[[Lang], None] | None) -> dict[str, bytes]:
    """The report of ``lang``, its figures (PNG and SVG, each rendered once) and its formatted tables.

    With ``pdf_out`` the report is written there as soon as it is built, for Chromium to print while the figure
    files are rendered: ``ready(lang)`` tells the process that drives the browser; without ``ready``,
    ``chromium --print-to-pdf`` is started here and its PDF is among the files returned."""
    import matplotlib.pyplot as plt

    page, figs, tables = build_html(analyses, lang, min_cell, __version__)
    html = f"report_{lang}.html"
    files = {html: page.encode("utf-8")}
    job = None
    if pdf_out is not None:
        write_atomic(pdf_out / html, files[html])
        if ready is not None:
            ready(lang)
        else:
            job = start_pdf(pdf_out / html)
            if job is None:
                raise PrintError(f"Chromium could not print {html} to PDF; run with --no-pdf, "
                                 "or install Debian's chromium")
    for name, fig in figs.items():
        if fig is not None:
            files[f"figures/{lang}/{name}.png"] = png_bytes(fig)  # the bytes the report embeds
            files[f"figures/{lang}/{name}.svg"] = svg_bytes(fig)
            plt.close(fig)
    for name, table in tables.items():  # as the report prints them; the Dutch copy ';'-separated for Excel
        files[f"tables/formatted/{lang}/{name}.csv"] = csv_text(
            table, sep=";" if lang == "nl" else ",").encode("utf-8")
    if job is not None:
        printed = job.wait()
        if printed is None:
            raise PrintError(f"Chromium could not print {html} to PDF; run with --no-pdf, "
                             "or install Debian's chromium")
        files[f"report_{lang}.pdf"] = printed.read_bytes()
    return files


def _manifest(data: Path, written: dict[str, bytes], min_cell: int, synthetic: bool) -> dict[str, object]:
    return {
        "package": "ekc_analysis", "version": __version__, "seed": DEFAULT_SEED, "min_cell": min_cell,
        "synthetic": synthetic,
        "inputs": {name: _sha256((data / name).read_bytes()) for name in INPUTS if (data / name).exists()},
        "outputs": {rel: _sha256(content) for rel, content in sorted(written.items())},
    }
