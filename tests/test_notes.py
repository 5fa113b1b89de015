"""Every note of every study estimator is a catalogue message with real Dutch, and its text is on record.

The calls are those of ``tests/make_notes_golden.py`` (each public estimator of ``ekc_analysis.studies`` on
the sample study files, with weights, clusters, covariates, tau, imputations, ...). A reworded note shows up
as a diff of ``tests/reference/notes_golden.json``: rerun the script and review it.
"""

from __future__ import annotations

import json
import re
import string

import pytest
from make_notes_golden import GOLDEN, golden, results
from test_i18n import ENGLISH

import ekc_analysis as ekc
from ekc_analysis._catalogue import MESSAGES
from ekc_analysis.i18n import Message
from ekc_analysis.results import Result

ESTIMATORS = ("balance", "compare", "compare_many", "compare_waves", "competing_risks", "consort", "costs",
              "doubly_robust", "e_value", "meta_analysis", "power", "rate_ratio", "survival", "table_one",
              "tipping_point", "variance_explained")


@pytest.fixture(scope="module")
def found() -> dict[str, tuple[Result, list[str]]]:
    return results()


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def _messages(text: object) -> list[Message]:
    """The message and every message among its parameters, however deep."""
    if not isinstance(text, Message):
        return []
    return [text, *(m for v in text.params.values() for m in _messages(v))]


def test_the_battery_calls_every_public_estimator_of_the_studies(found: dict[str, tuple[Result, list[str]]]) -> None:
    public = {n for n in ekc.studies.__all__ if n not in ("Imputations", "impute", "propensity_weights")}
    assert public == set(ESTIMATORS)
    called = {name for name in ESTIMATORS for call in found if call == name or call.startswith(name + "_")}
    assert called == set(ESTIMATORS)
    assert sum(len(res.notes) for res, _ in found.values()) > 250


def test_every_note_is_a_message(found: dict[str, tuple[Result, list[str]]]) -> None:
    plain = [(name, n) for name, (res, _) in found.items() for n in res.notes if not isinstance(n, Message)]
    assert not plain, plain


def test_no_dutch_note_holds_an_english_sentence(found: dict[str, tuple[Result, list[str]]]) -> None:
    english = []
    for name, (res, _) in found.items():
        for note in res.notes:
            dutch = note.render("nl") if isinstance(note, Message) else str(note)
            hits = [w for w in ENGLISH if w in f" {dutch} "]
            if hits:
                english.append((name, hits, dutch))
    assert not english, english
    # the check can see English: the same notes in English hold its words
    assert all(any(w in f" {n} " for w in ENGLISH for n in res.notes) for res, _ in found.values()
               if len(res.notes) > 1)


def test_every_key_used_is_in_both_languages_with_the_same_placeholders(
        found: dict[str, tuple[Result, list[str]]]) -> None:
    keys = {m.key for res, _ in found.values() for n in res.notes for m in _messages(n)}
    assert len(keys) > 120
    for key in sorted(keys):
        assert key in MESSAGES["en"] and key in MESSAGES["nl"], key
        assert _fields(MESSAGES["en"][key]) == _fields(MESSAGES["nl"][key]), key
    for res, _ in found.values():
        for note in res.notes:
            for m in _messages(note):
                assert set(m.params) >= _fields(MESSAGES["en"][m.key]), (m.key, dict(m.params))


def test_a_note_reads_as_its_english_text(found: dict[str, tuple[Result, list[str]]]) -> None:
    """``str()`` of a note is the English text users and tests read; rendering in English only puts names
    in the data in words."""
    res = found["survival_adjusted_tau"][0]
    assert res.notes[-2] == ("Restricted mean survival time up to tau = 2: the expected event-free time within tau; "
                             "the difference is FGC − comparison.")
    assert res.notes[-1].startswith("event_probability is 1 − Kaplan–Meier: the cumulative incidence only when")
    compare = found["compare_cluster"][0]
    assert compare.notes[1].startswith("Clustered by family_id: 328 clusters (229 FGC, 99 comparison; 529 rows, ")
    assert "ICC of placed within arms 0.75" in compare.notes[1]
    assert "ICC van uithuisplaatsing binnen de groepen 0,75" in compare.notes[1].render("nl")
    e = found["e_value_odds_ratio_rare"][0]
    assert e.notes[1] == "The odds ratio was taken as a risk ratio (rare outcome)."
    assert e.notes[1].render("nl") == "De oddsratio is opgevat als relatief risico (zeldzame uitkomst)."


def test_notes_that_are_also_warnings_say_the_same(found: dict[str, tuple[Result, list[str]]]) -> None:
    res, warned = found["compare_sparse"]
    cells = next(n for n in res.notes if n.key == "note_sparse_cells")
    assert cells[:1].lower() + cells[1:-1] in warned
    assert "EK-c met rare (4), vergelijkingsgroep met rare (1)" in cells.render("nl", words=False)


def test_the_notes_are_those_on_record(found: dict[str, tuple[Result, list[str]]]) -> None:
    """tests/reference/notes_golden.json holds the English and Dutch of every note; a change is reviewed there
    (``python tests/make_notes_golden.py`` rewrites it)."""
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    now = golden(found)
    assert set(now) == set(recorded)
    for name in now:
        assert [n["key"] for n in now[name]] == [n["key"] for n in recorded[name]], name
        for got, want in zip(now[name], recorded[name], strict=True):
            for lang in ("en", "nl"):
                assert same_words_close_numbers(got[lang], want[lang], lang), (name, lang, got[lang], want[lang])


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def same_words_close_numbers(got: str, want: str, lang: str) -> bool:
    """The same words and the same numbers, decimals up to their last printed digit: an estimate printed from
    imputations or an optimiser may round one way under numpy 1.26 and the other under numpy 2 (24.2 / 24.3,
    seen in the minimum-versions job)."""
    if _NUMBER.sub("#", got) != _NUMBER.sub("#", want):
        return False
    for a, b in zip(_NUMBER.findall(got), _NUMBER.findall(want), strict=True):
        if a == b:
            continue
        x, y = (float(v.replace(".", "").replace(",", ".") if lang == "nl" else v.replace(",", "")) for v in (a, b))
        decimals = len(re.split(r"[.,]", b)[-1]) if re.search(r"[.,]\d+$", b) else 0
        if decimals == 0 or abs(x - y) > max(1.01 * 10.0**-decimals, 0.01 * abs(y)):
            return False  # whole numbers (counts) exactly; a decimal up to its last printed digit
    return True


def test_golden_comparison_allows_a_last_digit_and_nothing_more() -> None:
    assert same_words_close_numbers("at delta = 24.3.", "at delta = 24.2.", "en")
    assert same_words_close_numbers("bij delta = 24,3", "bij delta = 24,2", "nl")
    assert not same_words_close_numbers("at delta = 25.3.", "at delta = 24.2.", "en")
    assert not same_words_close_numbers("at tau = 24.2.", "at delta = 24.2.", "en")
    assert not same_words_close_numbers("12 of 30", "13 of 30", "en")  # counts are exact
