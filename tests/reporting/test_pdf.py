"""Printing to PDF: one Chromium over its DevTools pipe prints the same pages as ``chromium --print-to-pdf``."""

from __future__ import annotations

import glob
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from ekc_analysis.errors import EkcError, PrintError
from ekc_analysis.reporting import Browser, chromium, start_pdf, to_pdf
from ekc_analysis.reporting._pdf import renumber_nodes, reproducible, stamp_1970

needs_chromium = pytest.mark.skipif(chromium() is None or shutil.which("pdftoppm") is None,
                                    reason="Chromium prints and poppler-utils (pdftoppm) reads the PDF")

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 16mm 14mm 18mm 14mm; @bottom-right { content: counter(page) " / " counter(pages); } }
.box { background: #FFF3CD; border: 2px solid #D55E00; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
footer { color: #777; } p { break-after: page; }</style></head><body>
<div class="box">A banner with a background</div><p>Page one</p><p>Page two</p><footer>Made with a test</footer>
</body></html>"""


def test_the_dates_chromium_stamps_become_1970_and_nothing_else_moves() -> None:
    raw = b"%PDF-1.4\n<< /CreationDate (D:20261203141500+00'00') /ModDate (D:20261203141501+00'00') >>\n"
    stamped = stamp_1970(raw)
    assert stamped == raw.replace(b"20261203141500", b"19700101000000").replace(b"20261203141501", b"19700101000000")
    assert len(stamped) == len(raw)  # the cross-reference offsets stay valid


def test_the_structure_ids_that_shift_between_prints_are_numbered_from_one_in_their_order() -> None:
    """Chromium's tagged PDF names table headers by DOM node numbers, which were 73... in one print and 74... in
    the next of the same page (seen in the sample's Dutch report); numbered from 1 both prints are the same."""
    def pdf(first: int) -> bytes:
        ids = [first, first + 1, first + 12]
        return (b"%%PDF-1.7\n/ID (node%08d)>>\n/ID (node%08d)>>\n/Headers [(node%08d)] /ID (node%08d)\n"
                b"/IDTree << /Names [(node%08d) 5 0 R (node%08d) 7 0 R] >>\n" % (*ids, ids[0], ids[0], ids[1]))
    one, two = renumber_nodes(pdf(73)), renumber_nodes(pdf(74))
    assert one == two and len(one) == len(pdf(73))  # the cross-reference offsets stay valid
    assert one == (b"%PDF-1.7\n/ID (node00000001)>>\n/ID (node00000002)>>\n/Headers [(node00000003)] /ID "
                   b"(node00000001)\n/IDTree << /Names [(node00000001) 5 0 R (node00000002) 7 0 R] >>\n")
    assert renumber_nodes(b"%PDF-1.7 no tags") == b"%PDF-1.7 no tags"
    dated = b"/CreationDate (D:20261204200000+00'00') /ID (node00000009)"
    assert reproducible(dated) == b"/CreationDate (D:19700101000000+00'00') /ID (node00000001)"


def test_a_failed_print_is_a_package_error_a_caller_can_catch_as_runtime_error() -> None:
    assert issubclass(PrintError, EkcError) and issubclass(PrintError, RuntimeError)


@needs_chromium
@pytest.mark.slow
def test_the_browser_prints_the_pages_the_command_line_prints(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_text(PAGE, encoding="utf-8")
    with Browser.start() as browser:  # type: ignore[union-attr]
        piped = [browser.print_pdf(html), browser.print_pdf(html)]  # one browser, two prints
    assert piped[0] == piped[1] and piped[0].startswith(b"%PDF") and b"/CreationDate (D:19700101000000" in piped[0]
    job = start_pdf(html)
    assert job is not None
    printed = job.wait()
    assert printed is not None
    (tmp_path / "piped.pdf").write_bytes(piped[0])
    pages = {}
    for name in ("piped", "page"):  # 'page.pdf' is the command line's, printed beside the HTML
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                       check=True)
        pages[name] = [p.read_bytes() for p in sorted(tmp_path.glob(f"{name}-*.png"))]
    assert len(pages["piped"]) == 3  # the @page size and the page breaks of the CSS
    assert pages["piped"] == pages["page"]  # the same pixels: backgrounds, colours, page numbers


@needs_chromium
def test_a_missing_file_is_a_print_error_and_the_browser_leaves_no_profile_behind(tmp_path: Path) -> None:
    before = set(glob.glob(str(Path(tempfile.gettempdir()) / "ekc-chromium-*")))
    with Browser.start() as browser, pytest.raises(PrintError,  # type: ignore[union-attr]
                                                   match="could not open missing.html: net::ERR_FILE_NOT_FOUND"):
        browser.print_pdf(tmp_path / "missing.html")
    assert set(glob.glob(str(Path(tempfile.gettempdir()) / "ekc-chromium-*"))) == before


@needs_chromium
def test_to_pdf_writes_the_pdf_beside_the_report(tmp_path: Path) -> None:
    html = tmp_path / "report_en.html"
    html.write_text(PAGE, encoding="utf-8")
    pdf = to_pdf(html)
    assert pdf == tmp_path / "report_en.pdf" and pdf.read_bytes().startswith(b"%PDF")
