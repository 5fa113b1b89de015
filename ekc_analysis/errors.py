"""The package's exceptions and warnings.

One root error, :class:`EkcError`; subclasses also inherit the builtin a user
already catches (a :class:`ValidationError` is a :class:`ValueError`).
"""

from __future__ import annotations

import warnings
from pathlib import PurePath
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from .i18n import Message

PROBLEM_COLUMNS = ["file", "row", "column", "value", "rule"]


class EkcError(Exception):
    """Root of every error raised on purpose by ekc_analysis."""


class ArgumentError(EkcError, ValueError):
    """An argument outside what a function accepts; the message names it and lists what is allowed."""


class PrintError(EkcError, RuntimeError):
    """A report asked for as PDF could not be printed (no Chromium, or Chromium failed); says what to do."""


def _message_of(args: tuple[object, ...]) -> Message | None:
    """The :class:`~ekc_analysis.i18n.Message` a warning was raised with (its one argument), else None.

    A Message is a ``str`` with a catalogue ``key`` and ``params`` (known by those here: this module is below
    :mod:`ekc_analysis.i18n`)."""
    first = args[0] if len(args) == 1 else None
    if isinstance(first, str) and hasattr(first, "key") and hasattr(first, "render"):
        return first  # type: ignore[return-value]
    return None


class MessageWarning(UserWarning):
    """A warning raised with a :class:`~ekc_analysis.i18n.Message` (``warnings.warn(Message(key, params),
    StatisticalWarning)``): ``str()`` is its English text, and ``.text`` keeps the message, so that the command
    line prints it in the run's language. ``.text`` is None for a warning raised with plain text."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.text: Message | None = _message_of(args)


class StatisticalWarning(MessageWarning):
    """A method caveat: the result is computed but needs care; the message says what to do."""


class PersonalDataWarning(MessageWarning):
    """Data hold columns that identify a person (BSN, name, birth date, address, ...); the message names
    them and says how to pseudonymise (``python -m ekc_analysis pseudonymise``)."""


class ValidationError(EkcError, ValueError):
    """Input data break one or more rules.

    ``.problems`` is a DataFrame with one row per problem and the columns
    ``file, row, column, value, rule``; ``row`` is the spreadsheet row a person
    sees (the header is row 1, the first record row 2), or ``<NA>`` for a
    problem of the whole file or column.
    """

    max_listed = 15

    def __init__(self, problems: pd.DataFrame, what: str = "input", *, intake: tuple[object, ...] = (),
                 lang: str = "en", message: str | None = None) -> None:
        problems = problems.reset_index(drop=True)
        self.problems = problems
        self.intake = tuple(intake)
        """How each file was read (``ekc_analysis.intake.FileIntake``): headers, columns used and ignored."""
        self.lang = lang
        super().__init__(self._message(problems, what) if message is None else message)

    @classmethod
    def _message(cls, problems: pd.DataFrame, what: str) -> str:
        n = len(problems)
        files = problems["file"].dropna().unique()
        head = (
            f"{what} is not valid: {n} problem{'s' if n != 1 else ''} found"
            f" in {len(files)} file{'s' if len(files) != 1 else ''}"
            " (see .problems for the full table)."
        )
        lines = [head]
        for rec in problems.head(cls.max_listed).itertuples(index=False):
            where = str(rec.file)
            if pd.notna(rec.row):
                where += f", row {int(rec.row)}"
            if pd.notna(rec.column) and rec.column != "":
                where += f", column {rec.column!s}"
            value = "" if pd.isna(rec.value) or rec.value == "" else f" (value {rec.value!r})"
            lines.append(f"  - {where}: {rec.rule}{value}")
        if n > cls.max_listed:
            lines.append(f"  ... and {n - cls.max_listed} more.")
        return "\n".join(lines)


def problems_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    """An empty (or filled) problems table with the fixed columns and dtypes."""
    frame = pd.DataFrame(rows or [], columns=PROBLEM_COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    return frame


def shown(value: object) -> str:
    """``repr`` of a value as a user wrote it: numpy scalars as plain numbers (1, not np.int64(1))."""
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy" and getattr(value, "ndim", 1) == 0:
        value = item()
    return repr(value)


def warn_again(message: Warning | str, category: type[Warning], filename: str, lineno: int) -> None:
    """A warning recorded elsewhere (``catch_warnings(record=True)``, another process) raised again where it arose,
    with the module it arose in, so that a filter naming a module (``error::RuntimeWarning:ekc_analysis``) sees it
    as it would have seen the first."""
    parts = PurePath(filename).with_suffix("").parts
    if "ekc_analysis" not in parts:  # module=None would drop the warning: let warnings name it from the file
        warnings.warn_explicit(message, category, filename, lineno)
        return
    module = ".".join(parts[len(parts) - 1 - parts[::-1].index("ekc_analysis"):])
    warnings.warn_explicit(message, category, filename, lineno, module=module)

