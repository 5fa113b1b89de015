"""The small words around a number or a name: where a problem is (row, column, value), the head of a
:class:`~ekc_analysis.errors.ValidationError`, the names of the sheets the package writes and of the sample's
synthetic studies: key → (English, Dutch).
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # where a problem is, in a problem's line: "cases.csv, rows 2–459 (458×), column 'Status', value 'x'"
    "where_row": ("row {row}", "rij {row}"),
    "where_rows": ("rows {rows} ({n}×)", "rijen {rows} ({n}×)"),
    "where_column": ("column '{column}'", "kolom '{column}'"),
    "where_value": ("value '{value}'", "waarde '{value}'"),
    "where_empty_cell": ("empty cell", "lege cel"),
    "where_empty_cells": ("empty cells", "lege cellen"),
    # the funnel figure's first box: how many initiatives its shares are of
    "closed_count": ("(closed: {n})", "(afgesloten: {n})"),
    # the head of a ValidationError and its closing lines
    "validation_head": ("{what} is not valid: {problems} found in {files} (see .problems for the full table).",
                        "{what} is niet in orde: {problems} in {files} (de volledige tabel staat in .problems)."),
    "validation_problems_one": ("{n} problem", "{n} probleem"),
    "validation_problems": ("{n} problems", "{n} problemen"),
    "validation_files_one": ("{n} file", "{n} bestand"),
    "validation_files": ("{n} files", "{n} bestanden"),
    "validation_first_problems": ("First problems:", "Eerste problemen:"),
    "validation_more": ("  ... and {left} more.", "  ... en nog {left}."),
    # names the package gives
    "sheet_table": ("table", "tabel"),
    "sheet_problems": ("problems", "problemen"),
    "study_synthetic": ("Synthetic study", "Synthetische studie"),
}
