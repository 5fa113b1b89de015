"""Where a registry's tables are: the cases file of a folder (by its name, English or Dutch, else by its
headers), and the agreements beside it (a file, a named sheet, or an 'Afspraken' sheet of the cases workbook).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ValidationError
from ..i18n import Lang
from ._readers import EXCEL_SUFFIXES, SUFFIXES, read_table, sheet_names
from ._reading import error_message, localise
from ._rule_texts import problem
from ._schema import CASES, Table, header_map, normalise
from ._validate import Problems

PathLike = str | os.PathLike[str]


# file names a folder's tables go by, English and Dutch
CASES_NAMES = ("cases", "aanmeldingen", "aanmelding", "casussen", "dossiers", "initiatieven", "registratie",
               "registraties")
AGREEMENTS_NAMES = ("agreements", "afspraken")


def _named(path: Path, names: tuple[str, ...]) -> bool:
    """``aanmeldingen.xlsx``, ``Aanmeldingen 2021.xlsx`` and ``export_afspraken.csv`` go by their names."""
    words = normalise(path.stem).split("_")
    return any(name in words for name in names)


def find_table(folder: Path, stem: str) -> Path | None:
    """The folder's cases (or agreements) file: by name, English or Dutch, else by its headers."""
    names = CASES_NAMES if stem == "cases" else AGREEMENTS_NAMES
    tables = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$")))
    for name in names:  # the exact name first, then a name among other words
        hits = [p for p in tables if normalise(p.stem) == name] or [p for p in tables if _named(p, (name,))]
        if hits:
            return hits[0]
    if stem != "cases":
        return None
    others = [p for p in tables if not _named(p, AGREEMENTS_NAMES)]
    if len(others) == 1:  # one table besides the agreements: it holds the cases
        return others[0]
    by_content = [p for p in others[:10] if _has_case_headers(p)]
    return by_content[0] if len(by_content) == 1 else None


def _has_case_headers(path: Path) -> bool:
    """Whether a file's headers cover the required columns of a cases table."""
    raw = read_table(path, Problems(path.name), known=known_headers(CASES, None))
    if raw is None:
        return False
    return set(CASES.required) <= set(header_map(CASES, list(raw.frame.columns)).values())


def known_headers(table: Table, mapping: dict[str, str] | None) -> frozenset[str]:
    """Normalised headers that mark the header row of ``table``."""
    names = {normalise(c.name) for c in table.columns} | {normalise(a) for c in table.columns for a in c.aliases}
    return frozenset(names | {normalise(k) for k in (mapping or {})})


def sources(path: Path, agreements: PathLike | None, sheet: str | int | None, agreements_sheet: str | int | None,
             lang: Lang) -> tuple[Path, Path | None, str | int | None, str]:
    """The cases file (in a folder: found by its name or headers) and where its agreements are: the file, the
    sheet and the label their problems carry (see :func:`agreements_source`)."""
    cases_path = path
    agreements_path = Path(agreements) if agreements is not None else None
    if path.is_dir():
        found = find_table(path, "cases")
        if found is None:
            folder_problems = Problems(path.name)
            folder_problems.whole_file(problem("no_cases_file"))
            raise ValidationError(folder_problems.frame(), f"{path}", lang=lang,
                                  message=error_message(localise(folder_problems.frame(), (), lang), str(path), lang))
        cases_path = found
        if agreements_path is None:
            agreements_path = find_table(path, "agreements")
    return (cases_path, *agreements_source(cases_path, sheet, agreements_path, agreements_sheet))


def agreements_source(cases_path: Path, sheet: str | int | None, agreements: Path | None,
                       agreements_sheet: str | int | None) -> tuple[Path | None, str | int | None, str]:
    """Where the agreements are: a file, a named sheet, or an 'Afspraken' sheet of the cases workbook.

    Returns the file, the sheet and the label its problems carry (file [sheet] for a second sheet).
    """
    if agreements is None and agreements_sheet is None and cases_path.suffix.lower() in EXCEL_SUFFIXES:
        names = sheet_names(cases_path)
        found = [n for n in names if normalise(n) in AGREEMENTS_NAMES and n != sheet]
        if found and (sheet is None or sheet != names.index(found[0])):
            agreements_sheet = found[0]
    if agreements is None and agreements_sheet is not None:
        agreements = cases_path
    if agreements is None:
        return None, None, ""
    label = agreements.name if agreements_sheet is None else f"{agreements.name} [{agreements_sheet}]"
    return agreements, agreements_sheet, label
