"""What the loader made of a file, said in the user's own words (Dutch or English).

A data manager reads messages about *their* export: the headers as they wrote them ("Datum
aanmelding", not ``referral_date``), the statuses their system uses ("Afgerond", "EK-c gehouden"),
which columns were used and which were ignored (a BSN or a remark is never read into the registry),
what was left out (a totals row) and what was read as unknown ("onbekend", "nvt", "-").

:class:`FileIntake` records this per file; :func:`localise` rewrites a problems table with the
user's headers and rules in the chosen language; :func:`rule_summary` gives one line per rule
with a count. Each rule states its problem as a key with parameters
(:func:`~ekc_analysis.intake._rule_texts.problem`); its texts in both languages live in
:mod:`ekc_analysis.intake._rule_texts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..i18n import Lang, Message, t
from ._messages import fold, message_lines, resemblance_notes, resembling
from ._rule_texts import COLUMN_PARAMS, STATUS_PARAMS, rule_key
from ._schema import MISSING_WORDS, VALUE_ALIASES, Table, normalise
from ._validate import excel_serial

# the Dutch word a reader knows for a category the file itself does not use
DUTCH_CATEGORY = {
    "conference": "conferentie gehouden", "plan_without_conference": "plan zonder conferentie",
    "stopped": "gestopt", "ongoing": "loopt nog", "full": "volledig", "partial": "gedeeltelijk",
    "none": "niet", "voluntary": "vrijwillig", "drang": "drang", "dwang": "dwang",
}
PROBLEM_HEADERS = {"nl": ["bestand", "rij", "kolom", "waarde", "regel"],
                   "en": ["file", "row", "column", "value", "rule"]}


@dataclass
class FileIntake:
    """How one file was read: where its headers were, which columns were used, what was left out."""

    file: str
    table: str
    sheet: str | None = None
    header_row: int = 1
    above_header: list[str] = field(default_factory=list)
    used: dict[str, str] = field(default_factory=dict)
    """The file's header → canonical column, for every column read."""
    ignored: list[str] = field(default_factory=list)
    """Headers not read into the registry (identifiers, remarks, anything the schema does not know)."""
    totals: list[tuple[int, str]] = field(default_factory=list)
    blank: int = 0
    missing: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per header, how often each 'unknown' word (onbekend, nvt, -) was read as a missing value."""
    serials: dict[str, int] = field(default_factory=dict)
    """Per date header, how many Excel serial numbers (44197) were read as dates."""
    words: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Per canonical category column, per category, the spellings the file uses ('Afgerond')."""
    resembles: dict[str, str] = field(default_factory=dict)
    """Ignored headers that resemble a known field: header → the field ('Datum EK-c' → conference_date)."""

    @property
    def header_of(self) -> dict[str, str]:
        """Canonical column → the file's header."""
        return {canonical: header for header, canonical in self.used.items()}

    def notes(self) -> list[Message]:
        """What a reader should know about this file, one sentence each (rendered in the reader's language
        when shown: :func:`ekc_analysis.i18n.render`)."""
        where: str = self.file
        if self.sheet and f"[{self.sheet}]" not in self.file:
            where = Message("note_where_sheet", {"file": self.file, "sheet": self.sheet})
        out = []
        if self.above_header:
            skipped = "; ".join(f"'{a[:80]}…'" if len(a) > 80 else f"'{a}'" for a in self.above_header)
            out.append(Message("note_read_header_row", {"where": where, "row": self.header_row, "skipped": skipped}))
        if any(normalise(h) != c for h, c in self.used.items()) or self.ignored:
            used = ", ".join(f"{h} → {c}" for h, c in self.used.items())
            out.append(Message("note_read_columns_used", {"where": where, "used": used}))
        if self.ignored:
            out.append(Message("note_read_columns_ignored", {"where": where, "names": ", ".join(self.ignored)}))
            out += resemblance_notes(self.resembles, where)
        if self.blank:
            out.append(Message("note_read_blank", {"file": where, "n": self.blank}))
        out += [Message("note_read_totals", {"where": where, "row": row, "label": label}) for row, label in self.totals]
        return out + self._value_notes(where)

    def _value_notes(self, where: str) -> list[Message]:
        """The cells read as unknown ('onbekend', 'nvt', '-') and the dates stored as Excel serial numbers."""
        out = []
        if self.missing:
            words: dict[str, int] = {}
            for counts in self.missing.values():
                for w, k in counts.items():
                    words[w] = words.get(w, 0) + k
            which = ", ".join(f"'{w}' {k}" for w, k in sorted(words.items(), key=lambda x: -x[1]))
            cols = ", ".join(f"{h} {sum(c.values())}" for h, c in self.missing.items())
            out.append(Message("note_read_unknown_words", {"where": where, "total": sum(words.values()),
                                                           "which": which, "cols": cols}))
        if self.serials:
            cols = ", ".join(f"{h} {k}" for h, k in self.serials.items())
            out.append(Message("note_read_excel_serials", {"where": where, "total": sum(self.serials.values()),
                                                           "cols": cols}))
        return out


def file_intake(raw_frame: pd.DataFrame, headers: dict[str, str], table: Table, file: str, *,
                sheet: str | None = None, header_row: int = 1, above_header: list[str] | None = None,
                totals: list[tuple[int, str]] | None = None, blank: int = 0,
                values: dict[str, dict[str, str | None]] | None = None) -> FileIntake:
    """Record what :func:`~ekc_analysis.intake._load.load` reads from one file (before typing)."""
    used = {h: c for h, c in headers.items() if c in table.by_name}
    ignored = [h for h, c in headers.items() if c not in table.by_name]
    out = FileIntake(file, table.name, sheet, header_row, list(above_header or []), used, ignored,
                     list(totals or []), blank, resembles=resembling(ignored, table, set(used.values())))
    for header, canonical in used.items():
        col = table.by_name[canonical]
        s = raw_frame[header]
        text = s.dtype == object or isinstance(s.dtype, pd.StringDtype)  # str in pandas 3
        if col.kind == "id" or not text:  # ids are checked for presence; typed columns have no words
            continue
        # one pass over the distinct values: long columns repeat a handful of spellings
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
        counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
        missing: dict[str, int] = {}
        serials = 0
        found: dict[str, list[str]] = {}
        aliases: dict[str, str | None] = dict(VALUE_ALIASES.get(canonical, {}))
        aliases.update({normalise(c): c for c in col.categories} | (values or {}).get(canonical, {}))
        for value, n in zip(uniques, counts, strict=True):
            if isinstance(value, str):
                word = value.strip()
                if word and word.lower() in MISSING_WORDS:
                    missing[word] = missing.get(word, 0) + int(n)
                    continue
                if col.kind == "category":
                    category = aliases.get(normalise(word))
                    if category is not None and word not in found.setdefault(category, []):
                        found[category].append(word)
            if col.kind == "date" and np.isfinite(excel_serial(value)):
                serials += int(n)
        if missing:
            out.missing[header] = dict(sorted(missing.items(), key=lambda kv: -kv[1]))
        if serials:
            out.serials[header] = serials
        if col.kind == "category":
            out.words[canonical] = {c: found[c] for c in col.categories if c in found}
    return out


# column names in a text no rule of the catalogue wrote: shown as the file's headers
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
# problems that only say a cell is empty: not repeated for a cell already reported
_EMPTY_CELL = frozenset({"required_value", "conference_no_date", "professional_missing"})


class Words:
    """The file's headers and category words, for every file of one load."""

    def __init__(self, intakes: list[FileIntake] | tuple[FileIntake, ...], lang: Lang) -> None:
        self.lang = lang
        self.headers: dict[tuple[str, str], str] = {}
        self.words: dict[str, dict[str, list[str]]] = {}
        for i in intakes:
            for canonical, header in i.header_of.items():
                self.headers[(i.file, canonical)] = header
            for col, found in i.words.items():
                merged = self.words.setdefault(col, {})
                for cat, spellings in found.items():
                    merged.setdefault(cat, []).extend(s for s in spellings if s not in merged.get(cat, []))

    def header(self, file: str, canonical: str) -> str:
        return self.headers.get((file, canonical), canonical)

    def quoted(self, file: str, canonical: str) -> str:
        return f"'{self.header(file, canonical)}'"

    def category(self, column: str, category: str) -> str:
        """The file's words for a category ('Afgerond / EK-c gehouden'), else the reader's word."""
        found = self.words.get(column, {}).get(category)
        if found:
            return " / ".join(f"'{w}'" for w in found)
        return f"'{DUTCH_CATEGORY.get(category, category)}'" if self.lang == "nl" else f"'{category}'"

    def allowed(self, column: str, categories: list[str]) -> str:
        """Each category in the file's words (else the reader's), then its canonical name."""
        shown = [(self.category(column, c), c) for c in categories]
        return "; ".join(word if word == f"'{c}'" else f"{word} (= {c})" for word, c in shown)


def render_rule(rule: object, file: str, column: str | None, words: Words) -> tuple[str, str]:
    """(key, text): the rule's problem in the reader's language with the file's headers and words."""
    key = rule_key(rule)
    if key is None or not isinstance(rule, Message):
        # a text no rule of the catalogue wrote: kept as written, column names shown as the file's headers
        text = str(rule)
        return text, _SNAKE.sub(lambda m: words.quoted(file, m.group(0)) if (file, m.group(0)) in words.headers
                                else m.group(0), text)
    params: dict[str, object] = {}
    for name, value in rule.params.items():
        if name in COLUMN_PARAMS:
            params[name] = words.quoted(file, str(value))
        elif name in STATUS_PARAMS:
            params[name] = words.category("status", str(value))
        elif name == "allowed" and column:
            params[name] = words.allowed(column, str(value).split(", "))
        else:
            params[name] = value
    return key, t(rule.key, words.lang, words=False, **params)


def localise(problems: pd.DataFrame, intakes: list[FileIntake] | tuple[FileIntake, ...],
             lang: Lang = "en") -> pd.DataFrame:
    """The problems table as the user should read it: their headers, rules in ``lang``, and a ``key``
    naming the rule (for counting). The ``value`` column keeps the cell as written."""
    words = Words(intakes, lang)
    keys, rules, columns = [], [], []
    done: dict[tuple[str, str, str | None], tuple[str, str]] = {}  # many problems share one rule text
    for rec in problems.itertuples(index=False):
        column = None if pd.isna(rec.column) or rec.column == "" else str(rec.column)
        at = (str(rec.rule), str(rec.file), column)
        if at not in done:
            done[at] = render_rule(rec.rule, at[1], column, words)
        key, text = done[at]
        keys.append(key)
        rules.append(text)
        columns.append("" if column is None else words.header(str(rec.file), column))
    out = problems.copy()
    out["column"] = columns
    out["rule"] = rules
    out["value"] = out["value"].fillna("").astype(str)
    out["key"] = keys
    return out


def rule_summary(localised: pd.DataFrame, lang: Lang = "en") -> list[str]:
    """One line per rule (and column) with its count, most frequent first."""
    if localised.empty:
        return []
    first = localised.groupby(["key", "file", "column"], sort=False, dropna=False)
    counts = first.size().sort_values(ascending=False, kind="stable")
    lines = []
    for (key, file, column), n in counts.items():
        rule = localised.loc[(localised["key"] == key) & (localised["file"] == file)
                             & (localised["column"] == column), "rule"].iloc[0]
        if key in ("before", "duplicate", "greater", "count_disagrees", "date_but_status"):
            rule = re.sub(r"\s*\([^()]*\)$", "", rule)  # the row-specific detail belongs to the rows
        where = f"{file}, {t('where_column', lang, column=column)}" if column else str(file)
        lines.append(f"{int(n):>5} × {where}: {rule}")
    return lines


def problems_table(localised: pd.DataFrame, lang: Lang = "en") -> pd.DataFrame:
    """The table a data manager saves (``--problems``): five columns, headed in ``lang``."""
    out = localised[["file", "row", "column", "value", "rule"]].copy()
    out.columns = PROBLEM_HEADERS[lang]
    return out


def is_technical(note: str) -> bool:
    """Notes about how a file was decoded ('read as text (utf-8 ...)', "sheet 'x'"): not for a summary."""
    return bool(re.search(r": (read as text \(|sheet '[^']*'$|\d+ empty row\(s\) skipped$)", note))


def error_message(localised: pd.DataFrame, what: str, lang: Lang = "en", limit: int = 15) -> str:
    """The text of a :class:`~ekc_analysis.errors.ValidationError`: a count, then the first problems."""
    n, files = len(localised), int(localised["file"].dropna().nunique())
    problems = t("validation_problems_one" if n == 1 else "validation_problems", lang, n=str(n))
    in_files = t("validation_files_one" if files == 1 else "validation_files", lang, n=str(files))
    lines, more = [t("validation_head", lang, what=what, problems=problems, files=in_files)], ""
    folded = fold(localised)  # identical problems in one line, with their rows and count
    if len(folded) > limit:  # many problems: first one line per rule with its count, then the first problems
        lines += [t("cli_per_rule", lang), *rule_summary(localised, lang), t("validation_first_problems", lang)]
        left = n - int(folded["n"].head(limit).sum())
        more = t("validation_more", lang, left=str(left))
    return "\n".join(lines + message_lines(localised, lang, limit) + ([more] if more else []))


def drop_knock_on(problems: pd.DataFrame) -> pd.DataFrame:
    """A cell already reported (a date that is no date) is not reported again as 'missing'."""
    if problems.empty:
        return problems
    located = (problems["row"].notna() & problems["column"].notna()).to_numpy()
    missing = np.array([rule_key(r) in _EMPTY_CELL or str(r).endswith("is missing") for r in problems["rule"]],
                       dtype=bool)
    if not (located & missing).any():
        return problems
    cells = pd.MultiIndex.from_frame(problems[["file", "row", "column"]].astype(object))
    drop = located & missing & cells.isin(cells[located & ~missing])
    return problems.loc[~drop].reset_index(drop=True)


def written_values(problems: pd.DataFrame, file: str, raw_frame: pd.DataFrame, rows: np.ndarray,
                   header_of: dict[str, str]) -> pd.DataFrame:
    """Show the cell as written ('ja', 'deels', 'onbekend', '-'), not its canonical value, for problems of
    ``file``; cells that are not text (numbers, dates) keep the value the rule gave."""
    if problems.empty or len(rows) == 0:
        return problems
    values = problems["value"].astype(object).to_numpy(copy=True)
    located = (problems["file"] == file).to_numpy() & problems["row"].notna().to_numpy()
    rows = np.asarray(rows, dtype=np.int64)  # increasing spreadsheet rows: found by bisection
    for column, at in problems.loc[located].groupby("column", sort=False).indices.items():
        header = header_of.get(str(column))
        if header is None or header not in raw_frame:
            continue
        idx = np.flatnonzero(located)[at]
        wanted = problems["row"].to_numpy(dtype=np.int64, na_value=-1)[idx]
        pos = np.minimum(np.searchsorted(rows, wanted), len(rows) - 1)
        found = rows[pos] == wanted
        cells = raw_frame[header].to_numpy(dtype=object)[pos[found]]
        for k, cell in zip(idx[found], cells, strict=True):
            if isinstance(cell, str) and cell.strip():
                values[k] = cell.strip()
    out = problems.copy()
    out["value"] = values
    return out
