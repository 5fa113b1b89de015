"""Every note of describe/ and of loading a registry is a catalogue message: English as it always was, real Dutch.

The calls (every public function of describe/ with several options on the sample, ``ekc.load`` on the sample,
the municipal fixtures and small files) are listed in tests/make_notes_describe_golden.py, which also writes
the golden file of their English and Dutch (tests/reference/notes_describe_golden.json).
"""

from __future__ import annotations

import json
import string
import warnings
from collections.abc import Iterator

import pytest
from make_notes_describe_golden import FIXTURES, GOLDEN, golden, notes_of_every_call
from test_i18n import ENGLISH

import ekc_analysis as ekc
from ekc_analysis._catalogue import MESSAGES, _describe
from ekc_analysis.errors import PersonalDataWarning
from ekc_analysis.i18n import Message


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _keys(note: Message) -> Iterator[str]:
    """The note's key and the keys of the messages among its parameters (a sheet, a list, a metric)."""
    yield note.key
    for value in note.params.values():
        if isinstance(value, Message):
            yield from _keys(value)


@pytest.fixture(scope="module")
def every_note() -> list[tuple[str, tuple[str, ...]]]:
    return list(notes_of_every_call())


def test_every_note_is_a_message(every_note: list[tuple[str, tuple[str, ...]]]) -> None:
    assert len(every_note) > 25
    plain = [(call, str(n)) for call, notes in every_note for n in notes if not isinstance(n, Message)]
    assert not plain, plain


def test_no_dutch_note_holds_an_english_sentence(every_note: list[tuple[str, tuple[str, ...]]]) -> None:
    for call, notes in every_note:
        for note in notes:
            dutch = note.render("nl")
            found = [w for w in ENGLISH if w in f" {dutch} "]
            assert not found, (call, found, dutch)
            assert dutch != str(note) or not any(w in f" {note} " for w in ENGLISH), (call, dutch)


def test_every_key_has_both_languages_with_the_same_placeholders(
        every_note: list[tuple[str, tuple[str, ...]]]) -> None:
    used = {key for _, notes in every_note for n in notes for key in _keys(n)}
    for key in used:
        assert key in MESSAGES["en"] and key in MESSAGES["nl"], key
        assert _fields(MESSAGES["en"][key]) == _fields(MESSAGES["nl"][key]), key
    # the calls reach every text of the new catalogue part (today's date, not in the golden file: tested apart)
    # (a note's _cli variant is printed by the CLI, tests/cli; the sources' kinds are no notes, tests/test_i18n)
    apart = {k for k in _describe.TEXTS if k.endswith("_cli") or k.startswith("source_kind_")}
    unused = set(_describe.TEXTS) - used - {"note_load_as_of_today"} - apart
    assert not unused, sorted(unused)


def test_english_notes_are_the_texts_code_and_tests_have_always_read() -> None:
    b = ekc.benchmark(ekc.sample_data(), "municipality", "execution", method="normal")
    assert b.notes[:4] == (
        "share of followed-up conference plans fully carried out 3–5 months after the conference, by municipality: "
        "overall 38.6% over 676 plans in 15 units.",
        "95% and 99.8% control limits around the overall share: normal approximation p0 ± z·sqrt(p0(1 − p0)/n).",
        "0 unit(s) outside the 99.8% limits.", "1 unit(s) outside the 95% limits only: Gemeente F.")
    assert b.title == ("Benchmark by municipality: share of followed-up conference plans fully carried out 3–5 "
                       "months after the conference")
    assert b.notes[0].render("nl").startswith("aandeel van de geëvalueerde conferentieplannen dat 3–5 maanden na "
                                              "de conferentie volledig is uitgevoerd, per gemeente: in totaal 38,6%")
    with pytest.warns(PersonalDataWarning, match="BSN"):
        reg = ekc.load(FIXTURES / "gemeente_export.xlsx", lang="nl")
    assert "gemeente_export.xlsx (sheet 'Aanmeldingen'): headers on row 3; the row(s) above skipped: " in "\n".join(
        reg.notes)
    assert "  note: gemeente_export.xlsx (blad 'Aanmeldingen'): kopregel op rij 3" in reg.summary()
    assert "note: gemeente_export.xlsx (sheet 'Aanmeldingen'): headers on row 3" in reg.summary("en")


def test_the_note_that_today_is_taken_is_a_message_too() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reg = ekc.load(FIXTURES / "gemeente_alleen_aanmeldingen.csv")
    today = next(n for n in reg.notes if n.startswith("as_of (extraction date) not given: today, "))
    assert isinstance(today, Message) and today.key == "note_load_as_of_today"
    assert today.endswith(", is taken; pass as_of= (or --as-of) with the date the export was made, or recent "
                          "cases count as overdue")
    assert today.render("nl").startswith("as_of (peildatum) niet opgegeven: vandaag, ")


def test_the_golden_file_holds_the_english_and_dutch_of_every_note() -> None:
    """Regenerate with ``python tests/make_notes_describe_golden.py`` after a deliberate change of wording."""
    assert json.loads(GOLDEN.read_text(encoding="utf-8")) == golden()
