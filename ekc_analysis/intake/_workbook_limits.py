"""Reading a spreadsheet someone sent as safely as a text file.

An ``.xlsx`` is a zip archive of XML. Before openpyxl opens one, :func:`check_workbook` looks at the
archive's table of contents: a member that unpacks to more than :data:`MAX_RATIO` times its packed size
(a zip bomb), more than :data:`MAX_UNCOMPRESSED` bytes in all, or XML that declares a document type or
entities (the 'billion laughs' and external-entity attacks) is refused with a problem naming the limit,
before anything is unpacked. The XML itself is parsed by openpyxl through ``defusedxml`` (a dependency:
openpyxl uses it whenever it is installed), which refuses entities a second time; :func:`unsafe_xml`
turns its exception into the same problem. :data:`MAX_ROWS` bounds the rows read from a sheet.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..i18n import Message
from ._rule_texts import problem

MAX_UNCOMPRESSED = 500 * 1024**2
"""Bytes the whole workbook may unpack to (500 MB; a 1,048,576-row export of 40 columns is about 300 MB)."""
MAX_RATIO = 100
"""How many times its packed size a member may unpack to (real sheets: 5 to 30 times)."""
RATIO_FROM = 1024**2
"""Members smaller than this (1 MB unpacked) are not held to :data:`MAX_RATIO`."""
MAX_MEMBERS = 10_000
MAX_ROWS = 1_048_576
"""Rows of one sheet (Excel's own limit; a sheet that claims more was not written by Excel)."""
_HEAD = 4096  # a document type declaration stands at the start of an XML part


def _megabytes(n: float) -> str:
    return f"{n / 1024**2:,.0f} MB" if n >= 1024**2 else f"{n / 1024:,.0f} kB"


def check_workbook(path: Path) -> Message | None:
    """Why the workbook at ``path`` must not be opened, or None when it is within every limit."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return problem("not_a_workbook")
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            return problem("workbook_parts", n=f"{len(members):,}", lim=f"{MAX_MEMBERS:,}")
        total = sum(m.file_size for m in members)
        if total > MAX_UNCOMPRESSED:
            return problem("workbook_size", size=_megabytes(total), lim=_megabytes(MAX_UNCOMPRESSED))
        for m in members:
            ratio = m.file_size / max(m.compress_size, 1)
            if m.file_size >= RATIO_FROM and ratio > MAX_RATIO:
                return problem("zip_bomb", p=m.filename, r=f"{ratio:,.0f}", size=_megabytes(m.file_size),
                               lim=str(MAX_RATIO))
        for m in members:
            if m.filename.lower().endswith((".xml", ".rels", ".vml")):
                with archive.open(m) as part:
                    head = part.read(_HEAD)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    return unsafe_xml(m.filename)
    return None


def unsafe_xml(part: str | None = None) -> Message:
    """The problem for XML that declares entities (refused here or by defusedxml)."""
    return problem("xml_entities_part", p=part) if part else problem("xml_entities")


def is_unsafe_xml_error(exc: BaseException) -> bool:
    """Whether ``exc`` is (or was caused by) defusedxml refusing a document type, an entity or an external
    reference; openpyxl re-raises it as a ValueError 'could not read worksheets'."""
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - defusedxml is a dependency
        return False
    seen: BaseException | None = exc
    for _ in range(10):  # the chain of causes, not followed for ever
        if seen is None:
            return False
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def defused() -> bool:
    """Whether openpyxl parses XML through defusedxml (it does when defusedxml is installed)."""
    import openpyxl

    return bool(getattr(openpyxl, "DEFUSEDXML", False))
