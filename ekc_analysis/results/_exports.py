"""A result as a table a manuscript or a council letter takes: Excel, Word, LaTeX.

Every export writes the table the reader sees (:meth:`Result.display`, so Table 1 in its manuscript layout),
in the reader's language (``lang=``, default :func:`ekc_analysis.get_language`; Dutch with the decimal comma),
with the title above and the notes below. The Excel workbook adds a sheet ``data`` with the unrounded numbers
of ``to_frame()`` as numbers.

Text that a spreadsheet could run (a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is written as inert text: an explicit string cell with Excel's quote prefix, never a formula.
(A private stand-in for ``ekc_analysis.intake._spreadsheets.safe_frame``, written by another helper; switch to it
once merged.)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from ..i18n import Lang, t
from ..intake import is_formula_like
from ._display import check_language, get_language, title

_FIXED_TIME = _dt.datetime(2000, 1, 1)  # no timestamps in generated files


class _Exportable(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def notes(self) -> tuple[str, ...]: ...
    @property
    def table(self) -> pd.DataFrame: ...
    @property
    def settings(self) -> Mapping[str, object]: ...
    def display(self, lang: str | None = None) -> pd.DataFrame: ...
    def to_frame(self) -> pd.DataFrame: ...


def _lang(lang: object) -> Lang:
    return get_language() if lang is None else check_language(lang)


def _shown(result: _Exportable, lang: Lang) -> tuple[str, pd.DataFrame]:
    return title(result, lang), result.display(lang).fillna("").astype(str)


# --- Excel ---------------------------------------------------------------------------------------------


def _put(ws, row: int, col: int, value: object, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    """One cell: numbers as numbers, text as inert text."""
    from openpyxl.styles import Font

    if value is None or (isinstance(value, float) and np.isnan(value)):
        return
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        value = value.item()
    if not isinstance(value, (int, float, bool, str)):
        value = str(value)
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store '=…' as a formula
        if is_formula_like(value):
            cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)


def to_excel(result: _Exportable, path: str | Path, lang: object = None) -> Path:
    """Write the shown table (sheet ``table``/``tabel``) and the raw numbers (sheet ``data``) to ``path``."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    lang_ = _lang(lang)
    heading, shown = _shown(result, lang_)
    wb = Workbook()
    ws = wb.active
    ws.title = t("sheet_table", lang_)
    _put(ws, 1, 1, heading, bold=True)
    for j, col in enumerate(shown.columns, start=1):
        _put(ws, 3, j, str(col), bold=True)
        width = max([len(str(col)), *(len(v) for v in shown[col])]) if len(shown) else len(str(col))
        ws.column_dimensions[get_column_letter(j)].width = min(60, width + 2)
    for i, row in enumerate(shown.itertuples(index=False), start=4):
        for j, value in enumerate(row, start=1):
            _put(ws, i, j, value)
    for k, note in enumerate(result.notes, start=len(shown) + 5):
        _put(ws, k, 1, note)
    data = wb.create_sheet("data")
    raw = result.to_frame()
    for j, col in enumerate(raw.columns, start=1):
        _put(data, 1, j, str(col), bold=True)
    for i, row in enumerate(raw.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            _put(data, i, j, value)
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    wb.properties.creator = "ekc_analysis"
    path = Path(path)
    wb.save(path)
    return path


# --- Word ----------------------------------------------------------------------------------------------


def to_docx(result: _Exportable, path: str | Path, lang: object = None) -> Path:
    """Write the title, the shown table and the notes to a Word document at ``path``."""
    import docx
    from docx.shared import Pt

    lang_ = _lang(lang)
    heading, shown = _shown(result, lang_)
    doc = docx.Document()
    doc.core_properties.created = doc.core_properties.modified = _FIXED_TIME
    doc.core_properties.author = "ekc_analysis"
    doc.core_properties.language = "nl-NL" if lang_ == "nl" else "en-GB"
    doc.add_paragraph().add_run(heading).bold = True
    table = doc.add_table(rows=len(shown) + 1, cols=len(shown.columns))
    table.style = "Table Grid"
    for j, col in enumerate(shown.columns):
        cell = table.cell(0, j)
        cell.text = ""
        cell.paragraphs[0].add_run(str(col)).bold = True
    for i, row in enumerate(shown.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    for row in table.rows:
        for cell in row.cells:
            for par in cell.paragraphs:
                for run in par.runs:
                    run.font.size = Pt(9)
    for note in result.notes:
        doc.add_paragraph(note).runs[0].font.size = Pt(8)
    path = Path(path)
    doc.save(str(path))
    return path


# --- LaTeX ---------------------------------------------------------------------------------------------

_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}


def latex_escape(text: str) -> str:
    """``text`` with LaTeX's special characters escaped."""
    return "".join(_LATEX.get(ch, ch) for ch in text)


def to_latex(result: _Exportable, lang: object = None) -> str:
    """A ``table`` environment (booktabs rules) with the shown table, the title as caption and the notes
    below; text columns left-aligned, the rest right-aligned. Needs ``\\usepackage{booktabs}``."""
    lang_ = _lang(lang)
    heading, shown = _shown(result, lang_)
    align = "".join("l" if j == 0 or not _numeric_looking(shown.iloc[:, j]) else "r" for j in range(shown.shape[1]))
    lines = [
        r"\begin{table}[htbp]",
        r"\centering",
        rf"\caption{{{latex_escape(heading)}}}",
        rf"\begin{{tabular}}{{{align}}}",
        r"\toprule",
        " & ".join(latex_escape(str(c)) for c in shown.columns) + r" \\",
        r"\midrule",
    ]
    lines += [" & ".join(latex_escape(v) for v in row) + r" \\" for row in shown.itertuples(index=False)]
    lines += [r"\bottomrule", r"\end{tabular}"]
    if result.notes:
        lines.append(r"\par\smallskip\footnotesize " + r" \par ".join(latex_escape(n) for n in result.notes))
    lines.append(r"\end{table}")
    return "\n".join(lines) + "\n"


def _numeric_looking(col: pd.Series) -> bool:
    values = [v for v in col if v]
    return bool(values) and all(v[:1].isdigit() or v[:1] in "-−<(∞" for v in values)
