"""``load``, ``load_study`` and ``sample_data``: files in, validated data out.

All problems of all files are collected and raised together as one
:class:`~ekc_analysis.errors.ValidationError`; nothing else escapes.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd

from ..errors import ArgumentError, PersonalDataWarning, ValidationError
from ..i18n import Message, check_lang
from ._locate import known_headers, sources
from ._mapping import apply_values, split_mapping, value_aliases
from ._pseudonymise import identifier_columns, looks_like_bsn
from ._readers import RawTable, read_table
from ._reading import FileIntake, drop_knock_on, error_message, file_intake, localise, written_values
from ._registry import Registry
from ._rule_texts import problem
from ._rules import check_cases, check_not_after, link_agreements
from ._schema import AGREEMENTS, CASES, STUDY, Table, header_map, normalise
from ._validate import Problems, check_columns, typed_table

PathLike = str | os.PathLike[str]
# the synthetic sample ships inside the package (data/sample in a checkout is a link to it), so an installed
# wheel finds it from any folder
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
# the day the synthetic sample was "extracted" (simulate.END): its ongoing cases and open follow-up
# windows are judged from this date, so the sample's figures do not change with the calendar
SAMPLE_AS_OF = pd.Timestamp("2024-12-31")
AsOf: TypeAlias = str | date | datetime | pd.Timestamp | None


_STATED = re.compile(r"(peildatum|extractiedatum|exportdatum|datum export|as of|extraction date|exported on)\W*"
                     r"(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})", re.IGNORECASE)


def stated_extraction_date(lines: Sequence[str]) -> pd.Timestamp | None:
    """The extraction date an export states in a title row ('peildatum 30-06-2022'), if any."""
    for line in lines:
        m = _STATED.search(str(line))
        if m:
            day = pd.to_datetime(m.group(2), dayfirst=not m.group(2)[:4].isdigit(), errors="coerce")
            if pd.notna(day):
                return pd.Timestamp(day).normalize()
    return None


def extraction_date(as_of: AsOf) -> tuple[pd.Timestamp, Message | None]:
    """``as_of`` as a day, and the note to add when it was not given (today is taken)."""
    if as_of is None:
        today = pd.Timestamp("today").normalize()
        return today, Message("note_load_as_of_today", {"today": str(today.date())})
    try:
        stamp = pd.Timestamp(as_of)
    except (ValueError, TypeError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise ArgumentError(f"as_of={as_of!r}: give the extraction date as a date or 'yyyy-mm-dd', e.g. "
                            "as_of='2024-12-31'")
    return stamp.normalize(), None


# the columns the descriptive analyses rest on; an export without them is read, and says what it lacks
ANALYSIS_COLUMNS = ("conference_date", "plan", "n_agreements", "n_professional", "followup_date", "execution")


def _absent_note(cases: pd.DataFrame, agreements: pd.DataFrame | None,
                 resembles: dict[str, str] | None = None) -> list[Message]:
    """One note naming the analysis columns the export does not hold (not an error: a partial export), and
    for each the header that resembles it but was not read (``resembles``: field → header)."""
    have = set(cases.columns) | (set() if agreements is None else {"n_agreements"}
                                 | ({"n_professional"} if "professional" in agreements else set()))
    absent = [c for c in ANALYSIS_COLUMNS if c not in have]
    if not absent:
        return []
    like = resembles or {}
    names = [Message("note_load_absent_resembles", {"column": c, "header": like[c]}) if c in like else c
             for c in absent]
    return [Message("note_load_absent", {"names": _listed(names)})]


def _listed(items: list[str]) -> str:
    """Items joined by commas; a message (rendered in the reader's language) when an item is one."""
    if not any(isinstance(item, Message) for item in items):
        return ", ".join(items)
    return items[0] if len(items) == 1 else Message("note_read_list", {"first": items[0], "rest": _listed(items[1:])})


def _identifier_notes(raw: RawTable, intake: FileIntake, file: str, table: Table) -> list[Message]:
    """Warn about columns of ``raw`` that identify a person; the registry holds canonical columns only, so
    they are already left out: the warning and the note say so and point to pseudonymisation."""
    frame = raw.frame.rename(columns={header: canonical for canonical, header in intake.header_of.items()})
    found = identifier_columns(frame, skip=set(table.by_name))
    notes: list[Message] = []
    if found:
        names = ", ".join(f"{c} ({why})" for c, why in found.items())
        message = Message("warn_identifiers", {"file": file, "names": names,
                                               "alternative": Message("warn_identifiers_alternative")})
        warnings.warn(message, PersonalDataWarning, stacklevel=3)
        notes.append(Message("note_load_identifiers", {"file": file, "names": ", ".join(found)}))
    if "case_id" in frame and looks_like_bsn(frame["case_id"]):
        warnings.warn(Message("warn_bsn", {"file": file}), PersonalDataWarning, stacklevel=3)
        notes.append(Message("note_load_bsn", {"file": file}))
    return notes


def _canonical(raw: RawTable, table: Table, mapping: dict[str, str] | None,
               problems: Problems) -> tuple[pd.DataFrame | None, dict[str, str]]:
    headers = header_map(table, list(raw.frame.columns), mapping)
    # SPSS/Stata variable labels help when a short variable name means nothing
    for original, target in list(headers.items()):
        label = raw.labels.get(original)
        if target not in table.by_name and label:
            via_label = header_map(table, [label], mapping)[label]
            if via_label in table.by_name and via_label not in headers.values():
                headers[original] = via_label
    # a missing or doubled column is a problem, but the other columns are still checked; of two headers
    # that map to one column the first is read
    check_columns(headers, table, problems, raw.header_row)
    first: dict[str, str] = {}
    for original, target in headers.items():
        first.setdefault(target, original)
    frame = raw.frame[[h for h in raw.frame.columns if first.get(headers[h]) == h]].rename(columns=headers)
    if table is not STUDY:  # a registry holds its own columns only: never a BSN, a name or a remark
        frame = frame[[c for c in frame.columns if c in table.by_name]]
    return frame, headers


def _read(path: Path, table: Table, mapping: dict[str, str] | None, sheet: str | int | None,
          problems: Problems, header_row: int | None = None, values: dict[str, dict[str, str | None]] | None = None
          ) -> tuple[pd.DataFrame, np.ndarray, RawTable, FileIntake] | None:
    raw = read_table(path, problems, sheet=sheet, header_row=header_row, known=known_headers(table, mapping))
    if raw is None:
        return None
    if raw.frame.empty:
        problems.whole_file(problem("no_records"))
        return None
    frame, headers = _canonical(raw, table, mapping, problems)
    if frame is None:
        return None
    intake = file_intake(raw.frame, headers, table, problems.file, sheet=raw.sheet, header_row=raw.header_row,
                         above_header=raw.above_header, totals=raw.totals, blank=raw.blank, values=values)
    frame = apply_values(frame, values or {})
    typed = typed_table(frame, table, raw.rows, problems, from_text=raw.from_text)
    return typed, raw.rows, raw, intake


def load(path: PathLike, agreements: PathLike | None = None, *, mapping: dict[str, object] | None = None,
         sheet: str | int | None = None, header_row: int | None = None,
         agreements_sheet: str | int | None = None, lang: Literal["nl", "en"] = "en",
         as_of: AsOf = None) -> Registry:
    """Load and validate a registry of initiatives and, optionally, their agreements.

    Parameters
    ----------
    path : str or Path
        A cases file (``.csv``, ``.tsv``, ``.txt``, ``.xlsx``, ``.sav``, ``.dta``, ``.parquet``)
        or a folder holding ``cases.*`` and optionally ``agreements.*``.
    agreements : str or Path, optional
        The agreements file, when not in the folder.
    mapping : dict, optional
        Your header → canonical name, for headers the Dutch alias table does not know,
        e.g. ``{"Datum eerste contact": "referral_date"}``; its key ``"values"`` maps cell values per
        column, e.g. ``{"values": {"execution": {"deels": "partial"}}}`` (see :mod:`ekc_analysis.intake`).
    sheet : str or int, optional
        Excel sheet of the cases file, by name or by position (0 = the first, as in pandas;
        the command line counts from 1). Default: the first.
    header_row : int, optional
        Spreadsheet row of the headers (1 = the first). By default the first row holding known
        headers is taken, so a title above the table is skipped (and named in the notes).
    agreements_sheet : str or int, optional
        Sheet holding the agreements: of the ``agreements`` workbook, or of the cases workbook when
        ``agreements`` is not given. A sheet of the cases workbook named "Afspraken" or
        "Agreements" is found without it.
    lang : {"en", "nl"}
        Language of the error message, which names your own headers and words, and of the notes in the
        registry's summary. The notes themselves are messages (``str()`` is English; ``render("nl")``
        Dutch, see :func:`ekc_analysis.i18n.render`).
    as_of : date or 'yyyy-mm-dd', optional
        The extraction date: the day the export was made. A date after it is a problem; follow-ups
        not yet due and the funnel's maturity are judged from it. Default today, with a note.

    Returns
    -------
    Registry
        Columns that identify a person (BSN, names, birth dates, addresses, ...) are left out, with a
        :class:`~ekc_analysis.errors.PersonalDataWarning`. ``.notes`` say what was read and what left out.

    Raises
    ------
    ValidationError
        With ``.problems`` listing every problem (file, spreadsheet row, column, value, rule).

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> reg = ekc.load(ekc.sample_path())
    >>> reg.n_cases
    1500
    """
    path = Path(path)
    lang = check_lang(lang)
    as_of_day, as_of_note = extraction_date(as_of)
    names, values = split_mapping(mapping)
    aliases = value_aliases(values)
    cases_path, agreements_path, agreements_sheet, agr_label = sources(path, agreements, sheet, agreements_sheet,
                                                                        lang)
    cp, ap = Problems(cases_path.name), Problems(agr_label)
    got = _read(cases_path, CASES, names, sheet, cp, header_row, aliases)
    got_agr = (_read(agreements_path, AGREEMENTS, names, agreements_sheet, ap, values=aliases)
               if agreements_path else None)
    stated = stated_extraction_date(got[3].above_header) if got is not None and as_of is None else None
    if stated is not None:  # the export says when it was made: that, not today, is its as_of
        as_of_day, as_of_note = stated, Message("note_load_as_of_stated", {"date": str(stated.date())})
    notes: list[str] = []
    for read, file, table in ((got, cases_path.name, CASES), (got_agr, ap.file, AGREEMENTS)):
        if read is not None:  # how the file was decoded; the columns that identify a person, left out
            notes += [*read[2].notes, *_identifier_notes(read[2], read[3], file, table)]
    cases, agr = (None if got is None else got[0]), (None if got_agr is None else got_agr[0])
    case_rows_of_agr = None
    if got is not None:
        check_cases(got[0], got[1], cp)
        check_not_after(got[0], got[1], cp, as_of_day)
        if got_agr is not None and {"case_id", "status"} <= set(got[0]) and "case_id" in got_agr[0]:
            cases, agr, case_rows_of_agr = _linked(got[0], got[1], cp, got_agr[0], got_agr[1], ap)
    intakes = [(read[3], read[2]) for read in (got, got_agr) if read is not None]
    problems = drop_knock_on(pd.concat([cp.frame(), ap.frame()], ignore_index=True))
    for intake, raw in intakes:
        problems = written_values(problems, intake.file, raw.frame, raw.rows, intake.header_of)
    if len(problems):
        found = tuple(i for i, _ in intakes)
        raise ValidationError(problems, str(path), intake=found, lang=lang,
                              message=error_message(localise(problems, found, lang), str(path), lang))
    if cases is None:  # unreachable: a cases table that could not be read is a problem, raised above
        raise ValidationError(problems, str(path), lang=lang)
    notes += [note for intake, _ in intakes for note in intake.notes()]
    if as_of_note:
        notes.append(as_of_note)
    resembles = {field: header for intake, _ in intakes for header, field in intake.resembles.items()}
    notes += _absent_note(cases, agr, resembles)
    return Registry(cases.reset_index(drop=True), None if agr is None else agr.reset_index(drop=True),
                    sources=tuple(label for label in (cp.file, ap.file) if label), notes=tuple(notes),
                    synthetic=(cases_path.parent / "SYNTHETIC").exists(), agreement_case_rows=case_rows_of_agr,
                    as_of=as_of_day, lang=lang)


def _linked(cases: pd.DataFrame, case_rows: np.ndarray, cp: Problems, agr: pd.DataFrame, agr_rows: np.ndarray,
            ap: Problems) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """The agreements linked to their cases (problems of the link go to ``cp`` and ``ap``): the cases with the
    counts of their agreements, the agreements, and for each agreement the row of its case."""
    if cases["case_id"].dtype != agr["case_id"].dtype and not isinstance(agr["case_id"].dtype, pd.CategoricalDtype):
        cases = cases.assign(case_id=cases["case_id"].astype(str))
        agr = agr.assign(case_id=agr["case_id"].astype(str))
    n, n_prof, case_rows_of_agr = link_agreements(cases, case_rows, cp, agr, agr_rows, ap)
    return _with_counts(cases, n, n_prof if "professional" in agr else None), agr, case_rows_of_agr


def _with_counts(cases: pd.DataFrame, n: np.ndarray, n_prof: np.ndarray | None) -> pd.DataFrame:
    """``n_agreements`` (and ``n_professional`` when the agreements say which are professional) filled in from
    the agreements where the cases leave them empty; none for a case without a plan and without agreements."""
    absent = pd.Series(pd.NA, index=cases.index)
    out = cases.assign(n_agreements=pd.array(np.where(cases.get("n_agreements", absent).isna(), n,
                                                      cases.get("n_agreements", n)), dtype="Int64"))
    if n_prof is not None:
        given = cases.get("n_professional", pd.Series(pd.NA, index=cases.index, dtype="Int64"))
        out = out.assign(n_professional=pd.array(np.where(given.isna(), n_prof, given), dtype="Int64"))
    # agreements exist only for plans; a case without rows has no plan agreements recorded
    has_plan = cases["status"].isin(["conference", "plan_without_conference"]).to_numpy()
    if "plan" in cases:
        has_plan = has_plan & cases["plan"].fillna(True).to_numpy(dtype=bool)
    out.loc[~has_plan & (n == 0), "n_agreements"] = pd.NA
    if n_prof is not None:
        out.loc[~has_plan & (n == 0), "n_professional"] = pd.NA
    return out


def load_study(path: PathLike, *, id: str | None = None, group: str | None = None,
               mapping: dict[str, object] | None = None, sheet: str | int | None = None) -> pd.DataFrame:
    """Load and validate a study frame (one row per child/family, or per id and wave).

    Parameters
    ----------
    path : str or Path
        Any supported format, e.g. an SPSS ``.sav`` from a trial.
    id, group : str, optional
        The file's id and group column names, when the alias table does not know them.
    mapping : dict, optional
        More header → canonical mappings.

    Returns
    -------
    DataFrame
        Known columns typed (``id``, ``group``, ``conference_held``, ``wave``, ``time``, ``event``,
        ``costs``); other columns kept, numbers with decimal commas converted.

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> trial = ekc.load_study(ekc.sample_path("trial.csv"))
    >>> sorted(trial["group"].unique())
    ['control', 'fgc']
    """
    path = Path(path)
    names = split_mapping(mapping)[0]
    if id:
        names[id] = "id"
    if group:
        names[group] = "group"
    problems = Problems(path.name)
    got = _read(path, STUDY, names, sheet, problems)
    if got is None:
        raise _study_error(problems.frame(), str(path))
    frame, rows, _raw, _intake = got
    _check_study(frame, rows, problems)
    if len(problems):
        raise _study_error(problems.frame(), str(path))
    return frame.reset_index(drop=True)


def _study_error(problems: pd.DataFrame, what: str) -> ValidationError:
    """The error of a study file, its identical problems folded into one line."""
    return ValidationError(problems, what, message=error_message(localise(problems, (), "en"), what, "en"))


def _check_study(frame: pd.DataFrame, rows: np.ndarray, problems: Problems) -> None:
    from ._validate import is_missing, to_number

    if "id" not in frame:  # reported as a missing column
        return
    keys = ["id", "wave"] if "wave" in frame else ["id"]
    dup = frame.duplicated(keys, keep="first").to_numpy()
    problems.add(rows[dup], "id", frame["id"][dup], f"duplicate {' + '.join(keys)}")
    if "group" in frame:
        levels = frame["group"].dropna().unique()
        if len(levels) < 2:  # three or more are fine: compare(..., reference=) takes them
            problems.whole_file(f"group needs at least two groups, found {len(levels)}: "
                                f"{', '.join(map(str, levels[:6]))}", "group")
    # other columns: convert numeric-looking text (decimal commas) to numbers
    for name in frame.columns:
        text = frame[name].dtype == object or isinstance(frame[name].dtype, pd.StringDtype)  # str in pandas 3
        if name in STUDY.by_name or not text:
            continue
        values, bad = to_number(frame[name])
        present = ~is_missing(frame[name])
        if present.any() and not bad[present].any():
            frame[name] = values
        elif present.any():
            frame[name] = frame[name].where(~pd.Series(~present, index=frame.index), None)
        # the caller's frame is checked in place (rename(inplace=True) is deprecated in pandas 3)
        frame.columns = [normalise(c) if c == name else c for c in frame.columns]


def sample_path(name: str | None = None) -> Path:
    """Path of the shipped synthetic sample folder, or of one file in it."""
    return SAMPLE_DIR if name is None else SAMPLE_DIR / name


def sample_data() -> Registry:
    """The shipped synthetic sample registry (``ekc_analysis/intake/sample/cases.csv`` + ``agreements.csv``).

    The data are made by :func:`ekc_analysis.simulate.simulate_registry` with the default seed and
    calibrated to the published figures; they describe no real family. Their extraction date
    (``as_of``) is 31 December 2024, the end of the simulated period.
    """
    return load(SAMPLE_DIR, as_of=SAMPLE_AS_OF)
