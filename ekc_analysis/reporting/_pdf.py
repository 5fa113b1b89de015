"""Printing a report to PDF with headless Chromium (Debian's ``chromium``), reproducibly.

:class:`Browser` keeps one Chromium running and prints pages over its DevTools pipe
(``--remote-debugging-pipe``, the way Puppeteer and Playwright drive it): started early, its start-up
(about half a second of a core) overlaps the caller's own work, and one browser prints several reports.
Where the pipe cannot be opened (not a POSIX system), :class:`PrintJob` runs ``chromium --print-to-pdf``
once per report instead. Both print with the page's own CSS page size and backgrounds, no header or footer
of the browser's, and give the same pages.

Chromium stamps the creation and modification time into a PDF, and names the elements of its tagged structure
(table headers, for screen readers) by DOM node numbers that differ from one print to the next;
:func:`reproducible` sets both dates to 1970-01-01 00:00:00 (:func:`stamp_1970`) and numbers the nodes from 1 in
their own order (:func:`renumber_nodes`) — same lengths, so the cross-reference offsets stay valid — which makes the
PDF as reproducible as the HTML it prints.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import PrintError

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync")
# Page.printToPDF as ``--print-to-pdf --no-pdf-header-footer`` prints: the page's @page size, backgrounds
PRINT = {"displayHeaderFooter": False, "preferCSSPageSize": True, "printBackground": True}

SETTLED = ("Promise.all([document.fonts.ready, ...Array.from(document.images, i => i.decode().catch(() => null))])"
           ".then(() => true)")
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")
_NODE_ID = re.compile(rb"\(node(\d{8})\)")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def stamp_1970(pdf: bytes) -> bytes:
    """The PDF with its creation and modification dates set to 1970 (a rerun gives the same bytes)."""
    return _PDF_DATE.sub(lambda m: m.group(0)[:-14] + b"19700101000000", pdf)


def renumber_nodes(pdf: bytes) -> bytes:
    """The PDF with the ids of its structure elements (``(node00000074)``, Chromium's DOM node numbers, which shift
    between prints of the same page) numbered 1, 2, 3, ... in their own order: the same length, and the id tree
    stays sorted. Another print of the same page then gives the same bytes."""
    rank = {n: i for i, n in enumerate(sorted({int(m) for m in _NODE_ID.findall(pdf)}), start=1)}
    if any(i >= 10**8 for i in rank.values()):  # never longer than what it replaces
        return pdf
    return _NODE_ID.sub(lambda m: b"(node%08d)" % rank[int(m.group(1))], pdf)


def reproducible(pdf: bytes) -> bytes:
    """A printed PDF as two prints of one page give it alike: dates of 1970, structure ids from 1."""
    return renumber_nodes(stamp_1970(pdf))


class Browser:
    """One headless Chromium printing HTML files to PDF through its DevTools pipe (POSIX systems).

    ``Browser.start()`` gives None where Chromium is not installed or the pipe cannot be opened. Each
    :meth:`print_pdf` loads the file in a tab of its own, waits for its load event and prints it;
    :meth:`close` ends Chromium and removes its profile folder (also on leaving a ``with`` block).
    """

    def __init__(self, exe: str) -> None:
        import fcntl  # POSIX only, as :meth:`start` checks

        self._profile = tempfile.TemporaryDirectory(prefix="ekc-chromium-")
        to_chrome, self._cmd_fd = os.pipe()  # Chromium reads its commands on fd 3 ...
        self._res_fd, from_chrome = os.pipe()  # ... and writes its answers on fd 4
        # copies above 4 first, so that placing one end at 3 or 4 can never overwrite the other
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_chrome, from_chrome)]
        devnull = os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC)
        try:  # posix_spawn: no Python code runs in the child (safe beside threads), the ends land on 3 and 4
            places = [(devnull, 0), (devnull, 1), (devnull, 2), (high[0], 3), (high[1], 4)]
            self._pid = os.posix_spawn(exe, [exe, *FLAGS, f"--user-data-dir={self._profile.name}",
                                             "--remote-debugging-pipe", "about:blank"], dict(os.environ),
                                       file_actions=[(os.POSIX_SPAWN_DUP2, fd, to) for fd, to in places])
        except BaseException:
            for fd in (self._cmd_fd, self._res_fd):
                os.close(fd)
            self._profile.cleanup()
            raise
        finally:
            for fd in (to_chrome, from_chrome, *high, devnull):
                os.close(fd)
        self._buffer, self._last_id, self._closed = b"", 0, False

    @classmethod
    def start(cls) -> Browser | None:
        exe = chromium()
        if exe is None or not hasattr(os, "posix_spawn"):
            return None
        try:
            return cls(exe)
        except OSError:
            return None

    def print_pdf(self, html_path: Path, timeout: float = 120) -> bytes:
        """The PDF of ``html_path`` (dates stamped 1970); a PrintError when Chromium fails or takes longer
        than ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        target = self._call("Target.createTarget", {"url": "about:blank"}, deadline=deadline)["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True},
                             deadline=deadline)["sessionId"]
        try:
            self._call("Page.enable", session=session, deadline=deadline)
            opened = self._call("Page.navigate", {"url": Path(html_path).resolve().as_uri()}, session=session,
                                deadline=deadline)
            if opened.get("errorText"):
                raise PrintError(f"Chromium could not open {Path(html_path).name}: {opened['errorText']}")
            self._event("Page.loadEventFired", session, deadline)
            # every figure decoded and every font loaded before printing: the same document state on every run
            self._call("Runtime.evaluate", {"expression": SETTLED, "awaitPromise": True}, session=session,
                       deadline=deadline)
            printed = self._call("Page.printToPDF", PRINT, session=session, deadline=deadline)
        finally:
            try:
                self._call("Target.closeTarget", {"targetId": target}, deadline=time.monotonic() + 10)
            except PrintError:  # Chromium has gone: the error that stopped the print is the one to raise
                pass
        return reproducible(base64.b64decode(printed["data"]))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._call("Browser.close", deadline=time.monotonic() + 10)
        except PrintError:
            pass
        finally:
            self._reap(timeout=10)
            for fd in (self._cmd_fd, self._res_fd):
                os.close(fd)
            self._profile.cleanup()

    def _reap(self, timeout: float) -> None:
        """Wait for Chromium to end (killed after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        try:
            while os.waitpid(self._pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(self._pid, signal.SIGKILL)
                    os.waitpid(self._pid, 0)
                    return
                time.sleep(0.01)
        except ChildProcessError:  # already reaped elsewhere
            pass

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # --- the DevTools protocol: JSON messages, each ended by a NUL byte ---------------------------------
    def _call(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None,
              deadline: float) -> dict[str, Any]:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        try:
            os.write(self._cmd_fd, json.dumps(message).encode("utf-8") + b"\0")
        except OSError as e:
            raise PrintError(f"Chromium stopped before {method}: {e}") from None
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._last_id:
                if "error" in answer:
                    raise PrintError(f"Chromium could not {method}: {answer['error'].get('message', answer['error'])}")
                return answer.get("result", {})

    def _event(self, name: str, session: str, deadline: float) -> None:
        while True:
            message = self._receive(deadline)
            if message.get("method") == name and message.get("sessionId") == session:
                return

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._res_fd], [], [], left)[0]:
                raise PrintError("Chromium did not answer in time")
            chunk = os.read(self._res_fd, 1 << 20)
            if not chunk:
                raise PrintError("Chromium stopped (its DevTools pipe closed)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed


class PrintJob:
    """``chromium --print-to-pdf`` printing one report beside it in the background; :meth:`wait` gives the PDF
    (or None). Used where the DevTools pipe of :class:`Browser` is not available."""

    def __init__(self, exe: str, html_path: Path) -> None:
        self.pdf = html_path.with_suffix(".pdf")
        self._profile = tempfile.TemporaryDirectory(prefix="ekc-chromium-")
        self._proc = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={self._profile.name}", "--no-pdf-header-footer",
             f"--print-to-pdf={self.pdf}", html_path.resolve().as_uri()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait(self, timeout: float = 120) -> Path | None:
        """The printed PDF, its dates stamped 1970 (reproducible); None if Chromium failed or timed out."""
        from . import write_atomic

        try:
            code = self._proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
            code = -1
        finally:
            self._profile.cleanup()
        if code != 0 or not self.pdf.exists():
            return None
        write_atomic(self.pdf, reproducible(self.pdf.read_bytes()))
        return self.pdf


def start_pdf(html_path: Path) -> PrintJob | None:
    """Start ``chromium --print-to-pdf`` of ``html_path`` beside it (None when Chromium is not installed)."""
    exe = chromium()
    return None if exe is None else PrintJob(exe, html_path)


def to_pdf(html_path: Path) -> Path | None:
    """Print the report to PDF beside it with headless Chromium when it is installed; None otherwise (or
    when Chromium could not print it)."""
    from . import write_atomic

    browser = Browser.start()
    if browser is None:
        job = start_pdf(html_path)
        return None if job is None else job.wait()
    with browser:
        try:
            pdf = browser.print_pdf(html_path)
        except PrintError:
            return None
    target = Path(html_path).with_suffix(".pdf")
    write_atomic(target, pdf)
    return target
