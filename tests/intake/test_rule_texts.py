"""The intake's rules in two languages: one catalogue, no translation back from English."""

from __future__ import annotations

import re
import string
import warnings
from pathlib import Path

import pytest

import ekc_analysis as ekc
from ekc_analysis._catalogue._rules import TEXTS as RULE_TEXTS
from ekc_analysis.intake._reading import localise
from ekc_analysis.intake._rule_texts import COLUMN_PARAMS, STATUS_PARAMS, problem
from ekc_analysis.intake._validate import Problems

PACKAGE = Path(ekc.__file__).parent
FAULTY = Path(__file__).parents[1] / "fixtures" / "gemeente_export_fouten.xlsx"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def sentences(lang: str) -> list[str]:
    """The fixed parts of every rule text in ``lang`` that the other language never uses."""
    own, other = (0, 1) if lang == "en" else (1, 0)
    theirs = " | ".join(texts[other] for texts in RULE_TEXTS.values())
    parts = {p.strip() for texts in RULE_TEXTS.values() for p in re.split(r"\{[^}]*\}", texts[own])}
    return sorted(p for p in parts if len(p) >= 6 and p not in theirs)


def mixed(texts: list[str], lang: str) -> list[tuple[str, str]]:
    """(text, sentence) for each text that holds a sentence of the other language."""
    foreign = sentences("nl" if lang == "en" else "en")
    return [(text, s) for text in texts for s in foreign if s in text]


def test_every_rule_has_english_and_dutch_with_the_same_placeholders() -> None:
    assert len(RULE_TEXTS) >= 35
    for key, (en, nl) in RULE_TEXTS.items():
        assert en.strip() and nl.strip() and en != nl, key
        assert fields(en) == fields(nl), key


def sample(name: str) -> object:
    if name in COLUMN_PARAMS:
        return "referral_date"
    if name in STATUS_PARAMS:
        return "stopped"
    return "conference, stopped" if name == "allowed" else 7


def every_rule() -> Problems:
    problems = Problems("aanmeldingen.csv")
    for key, (en, _nl) in RULE_TEXTS.items():
        problems.add([2], "status", ["x"], problem(key, **{n: sample(n) for n in fields(en)}))
    return problems


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_rule_reads_in_one_language_only(lang: str) -> None:
    shown = localise(every_rule().frame(), (), lang)
    assert shown["key"].tolist() == list(RULE_TEXTS)
    assert mixed(shown["rule"].tolist(), lang) == []
    english = localise(every_rule().frame(), (), "en")["rule"].tolist()
    assert len(mixed(english, "nl")) >= len(RULE_TEXTS) - 3  # the check sees English where it is
    if lang == "nl":
        assert "verplichte waarde ontbreekt" in shown["rule"].tolist()
        assert "'referral_date' ligt vóór 'referral_date'7" in shown["rule"].tolist()


def test_a_rule_str_is_its_english_text_with_the_names_in_the_data() -> None:
    rule = problem("duplicate", c="case_id", r=3)
    assert str(rule) == "case_id appears twice (first seen in row 3)"
    assert rule.render("nl") == "case_id komt dubbel voor (eerder op rij 3)"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_faulty_export_reads_in_one_language_only(lang: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ekc.ValidationError) as info:
            ekc.load(FAULTY, lang=lang)
    shown = localise(info.value.problems, info.value.intake, lang)
    assert set(shown["key"]) == {"unknown_category", "impossible_date", "not_a_number", "required_value"}
    assert mixed(shown["rule"].tolist(), lang) == []
    assert mixed(str(info.value).splitlines()[1:], lang) == []


def test_no_module_translates_english_messages_by_regular_expression() -> None:
    old = ("_COMPILED", "INTAKE_RULES", "RULES: list[tuple[str, str, str, str]]", 're.compile(rf"^{pattern}$"')
    found = [(str(p.relative_to(PACKAGE)), name) for p in sorted(PACKAGE.rglob("*.py"))
             for name in old if name in p.read_text(encoding="utf-8")]
    assert found == []
