"""Messages about a file in the reader's words: headers that resemble a known field, problems folded
into one line per kind, and warnings as the command line prints them (from their catalogue message).
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterator
from typing import TextIO

import numpy as np
import pandas as pd

from .._catalogue import PYTHON_ADVICE
from ..errors import MessageWarning
from ..i18n import Lang, Message, check_lang, t, variant
from ._schema import Table, normalise


def column_letter(position: int) -> str:
    """The spreadsheet letter of a column position (0 → A, 26 → AA)."""
    out = ""
    n = position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


# --- headers that resemble a known field ---------------------------------------------------------
# a word of a header → the concept it names; Dutch and English, with the abbreviations exports use
SYNONYMS = {
    **dict.fromkeys(("ekc", "ek", "eigenkracht", "conferentie", "conferenties", "conference", "conf",
                     "fgc"), "conference"),
    **dict.fromkeys(("datum", "date", "dat", "dt"), "date"),
    **dict.fromkeys(("mnd", "mnden", "maand", "maanden", "month", "months", "mth", "mths"), "months"),
    **dict.fromkeys(("professioneel", "professionele", "professional", "professionals", "prof",
                     "professionelen", "hulpverlening", "hulpverleners"), "professional"),
    **dict.fromkeys(("aantal", "aant", "number", "count", "n", "totaal", "total", "hoeveel"), "n"),
    **dict.fromkeys(("afspraak", "afspraken", "agreement", "agreements", "afspr"), "agreements"),
    **dict.fromkeys(("uitvoering", "uitgevoerd", "uitv", "execution", "executed", "nakoming",
                     "nagekomen"), "execution"),
    **dict.fromkeys(("evaluatie", "followup", "vervolg", "nameting", "evaluation", "eval"), "followup"),
    **dict.fromkeys(("aanmelding", "aanmeld", "aangemeld", "verwijzing", "referral", "referred", "aanm",
                     "instroom", "start"), "referral"),
    **dict.fromkeys(("plan", "plannen", "plans", "familieplan", "gezinsplan"), "plan"),
    **dict.fromkeys(("status", "uitkomst", "resultaat", "stand", "fase", "outcome"), "status"),
    **dict.fromkeys(("gemeente", "municipality", "gem"), "municipality"),
    **dict.fromkeys(("regio", "region", "reg"), "region"),
    **dict.fromkeys(("verwijzer", "aanmelder", "referrer", "verwijzende"), "referrer"),
    **dict.fromkeys(("kader", "context", "juridisch"), "context"),
    **dict.fromkeys(("coordinator", "coord", "coordinatoren"), "coordinator"),
    **dict.fromkeys(("uren", "uur", "hours", "tijdsbesteding"), "hours"),
    **dict.fromkeys(("deelnemers", "deelnemer", "participants", "aanwezigen"), "participants"),
    **dict.fromkeys(("dossier", "dossiernummer", "dossiernr", "casus", "case", "zaak", "zaaknummer"), "case"),
    **dict.fromkeys(("id", "nummer", "nr", "no", "code"), "id"),
    **dict.fromkeys(("probleem", "probleemgebied", "probleemveld", "problem", "hoofdprobleem"), "problem"),
    **dict.fromkeys(("domein", "leefgebied", "levensgebied", "domain"), "domain"),
    **dict.fromkeys(("gemaakt", "opgesteld", "aanwezig", "made"), "made"),
}
STOP_WORDS = frozenset({"waarvan", "van", "na", "de", "het", "een", "of", "the", "in", "bij", "per", "en",
                        "and", "met", "with", "after", "voor", "for", "op", "at", "is", "ja", "nee", "j", "n_"})
# concepts too general to make a resemblance on their own ('Datum geboorte' is no known date)
GENERIC = frozenset({"date", "n", "id", "months", "made"})
RESEMBLANCE = 0.5
_JOIN = re.compile(r"(?<=[a-z0-9])[-.'](?=[a-z0-9])")
_WORD = re.compile(r"[a-z]+|\d+")


def concepts(header: str) -> frozenset[str]:
    """The concepts a header names: 'Datum EK-c' → {date, conference}, 'Uitvoering na 3 mnd' → {execution,
    months}; accents, case, punctuation and stop words aside, compounds ('conferentiedatum') split."""
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", " ", _JOIN.sub("", text.replace("_", " ")))
    out: set[str] = set()
    for word in _WORD.findall(text):
        if word.isdigit() or word in STOP_WORDS:
            continue
        if word in SYNONYMS:
            out.add(SYNONYMS[word])
            continue
        split = next(((word[:i], word[i:]) for i in range(2, len(word) - 1)
                      if word[:i] in SYNONYMS and word[i:] in SYNONYMS), None)
        if split:
            out.update(SYNONYMS[w] for w in split)
        else:
            out.add(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return frozenset(out)


def resemblance(header: str, spelling: str) -> float:
    """How much a header resembles one spelling of a field: the Dice overlap of their concepts (0 unless a
    specific concept is shared), or the character similarity of the two when that is 0.85 or more."""
    a, b = concepts(header), concepts(spelling)
    shared = a & b
    dice = 2 * len(shared) / (len(a) + len(b)) if shared - GENERIC else 0.0
    ratio = difflib.SequenceMatcher(None, normalise(header), normalise(spelling)).ratio()
    return max(dice, ratio if ratio >= 0.85 else 0.0)


def resembling(headers: list[str], table: Table, taken: set[str]) -> dict[str, str]:
    """For each header not read, the known field of ``table`` it most resembles (none taken by another
    header), when it resembles one at all; a field is offered to one header only, the most similar."""
    best: list[tuple[float, str, str]] = []
    for header in headers:
        scores = [(max(resemblance(header, s) for s in (col.name, *col.aliases)), col.name)
                  for col in table.columns if col.name not in taken]
        score, name = max(scores, default=(0.0, ""))
        if score >= RESEMBLANCE:
            best.append((score, header, name))
    out: dict[str, str] = {}
    for _score, header, name in sorted(best, key=lambda t: -t[0]):
        if name not in out.values():
            out[header] = name
    return {h: out[h] for h in headers if h in out}


def mapping_lines(header: str, column: str) -> tuple[str, str]:
    """The line to copy into a mapping file, and the entry of ``mapping={...}``."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([header, column])  # quoting for a message, not a file
    return buffer.getvalue(), f"mapping={{{header!r}: {column!r}}}"


def resemblance_notes(resembles: dict[str, str], where: str) -> list[Message]:
    """One note per header that was not read but resembles a known field, with the lines to copy."""
    out = []
    for header, column in resembles.items():
        line, entry = mapping_lines(header, column)
        out.append(Message("note_read_resembles", {"where": where, "header": header, "column": column, "line": line,
                                                   "entry": entry}))
    return out


# --- identical problems in one line ----------------------------------------------------------------

def row_ranges(rows: list[int], most: int = 8) -> str:
    """Rows as runs: [2, 3, 4, 9] → '2–4, 9'; more than ``most`` runs end in '…'."""
    runs: list[list[int]] = []
    for r in sorted(set(rows)):
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    shown = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:most]]
    return ", ".join(shown) + (", …" if len(runs) > most else "")


def fold(localised: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct problem (file, column, value, rule), in order of first appearance, with its
    spreadsheet ``rows`` (a list; empty for a problem of the whole file) and their count ``n``."""
    cols = ["file", "column", "value", "rule"]
    if localised.empty:
        return pd.DataFrame(columns=[*cols, "rows", "n"])
    keys = localised[cols].astype(str)
    group = keys.groupby(cols, sort=False, dropna=False).ngroup().to_numpy()
    whole = localised["row"].isna().to_numpy()
    group = np.where(whole, -1 - np.arange(len(group)), group)  # each whole-file problem on its own line
    _, first, inverse = np.unique(group, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rows = localised["row"].to_numpy(dtype=object)
    members: list[list[int]] = [[] for _ in first]
    for i, g in enumerate(inverse):
        if rows[i] is not pd.NA and rows[i] is not None:
            members[g].append(int(rows[i]))
    out = localised.iloc[first[order]][cols].reset_index(drop=True)
    out["rows"] = [members[g] for g in order]
    out["n"] = [max(len(members[g]), 1) for g in order]
    return out


def message_lines(localised: pd.DataFrame, lang: str = "en", limit: int | None = None) -> list[str]:
    """One line per distinct problem: where (file, rows, the user's header), what, and the value as written;
    identical problems of many rows in one line ('rows 2–459 (458×)')."""
    chosen = check_lang(lang)
    folded = fold(localised)
    lines = []
    for rec in folded.head(limit).itertuples(index=False) if limit else folded.itertuples(index=False):
        where = [str(rec.file)]
        if len(rec.rows) == 1:
            where.append(t("where_row", chosen, row=str(rec.rows[0])))
        elif rec.rows:
            where.append(t("where_rows", chosen, rows=row_ranges(rec.rows), n=str(rec.n)))
        if rec.column:
            where.append(t("where_column", chosen, column=rec.column))
        if rec.value != "":
            where.append(t("where_value", chosen, value=rec.value))
        elif rec.rows and rec.column:
            where.append(t("where_empty_cell" if rec.n == 1 else "where_empty_cells", chosen))
        lines.append(f"  - {', '.join(where)}: {rec.rule}")
    return lines


# --- warnings on the command line ------------------------------------------------------------------

def cli_warning(message: Warning | str, lang: str = "en") -> str:
    """A warning as the command line prints it: ``warning: ...`` in the run's language, its advice in options the
    CLI has (each part by its ``_cli`` variant in the catalogue, :func:`ekc_analysis.i18n.variant`), with no file,
    line or source. A warning raised with plain text (another package's) is printed as it is."""
    chosen = check_lang(lang)
    found = getattr(message, "text", None)
    text = found if isinstance(found, Message) else message if isinstance(message, Message) else None
    shown = variant(text, "cli").render(chosen) if text is not None else str(message)
    if text is not None:
        shown += "".join(" " + python_advice(key, chosen) for key in _keys(text) if key in PYTHON_ADVICE)
    return t("cli_warning", chosen, text=" ".join(shown.split()))


def python_advice(key: str, lang: Lang) -> str:
    """What the command line adds to the warning ``key`` whose advice names a Python argument it has no option
    for: which function takes it (``ekc_analysis._catalogue._warnings.PYTHON_ADVICE``)."""
    function, arguments = PYTHON_ADVICE[key]
    return t("warn_python_advice", lang, function=function, arguments=", ".join(f"{a}=" for a in arguments))


def _keys(text: Message) -> list[str]:
    """The catalogue keys of a message and of the messages among its parameters, outermost first."""
    return [text.key] + [k for v in text.params.values() if isinstance(v, Message) for k in _keys(v)]


@contextlib.contextmanager
def cli_warnings(lang: str = "en", stream: TextIO | None = None) -> Iterator[None]:
    """While a command runs, print each warning as :func:`cli_warning` words it, each text once (the same
    caveat raised by two analyses of one run is one line); the package's own warnings are always shown, never
    turned into errors or ignored by the filters of the caller. The previous ``warnings.showwarning`` and filters
    come back afterwards."""
    shown: set[str] = set()

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: TextIO | None = None, line: str | None = None) -> None:
        text = cli_warning(message, lang)
        if text not in shown:
            shown.add(text)
            print(text, file=stream or sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("always", MessageWarning)
        warnings.showwarning = show
        yield
