"""One message catalogue: keys with parameters, rendered in the reader's language when shown."""

from __future__ import annotations

import inspect
import pickle
import re
import string
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis import intake
from ekc_analysis._catalogue import MESSAGES
from ekc_analysis.errors import ArgumentError, StatisticalWarning
from ekc_analysis.i18n import LABELS, Message, check_lang, render, t, variant
from ekc_analysis.results import _display as display

PACKAGE = Path(ekc.__file__).parent
# English words that no Dutch sentence holds (" of " is Dutch too: 'or'; so it is checked as " of the ")
ENGLISH = (" the ", " with ", " and ", " of the ", " are ", " on ", " to ", " from ", " which ", " without ",
           " is not ", " per level", " intervals", " left out")


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_every_key_with_the_same_placeholders() -> None:
    assert set(MESSAGES["en"]) == set(MESSAGES["nl"])
    assert len(MESSAGES["en"]) > 90
    for key, english in MESSAGES["en"].items():
        assert _fields(english) == _fields(MESSAGES["nl"][key]), key
        assert MESSAGES["nl"][key] != english or not re.search(r"[a-z]{4} [a-z]{4}", english), key
    assert set(LABELS["en"]) == set(LABELS["nl"])


def test_every_key_the_package_names_is_in_the_catalogue() -> None:
    pattern = re.compile(r'"((?:title|note|omnibus|wald|adjust|model|what|shape|side|warn|pseudonymise)_[a-z0-9_]+)"')
    code = [f for f in PACKAGE.rglob("*.py") if "_catalogue" not in f.parts]  # where texts are used, not defined
    named = {m for f in code for m in pattern.findall(f.read_text(encoding="utf-8"))}
    named -= {k for k in named if k.startswith("note_") and k not in MESSAGES["en"] and k.endswith("_")}
    named -= {k for k in named if hasattr(intake, k)}  # a function's name (warn_effective_size), not a text
    assert len(named) > 60
    assert named <= set(MESSAGES["en"]), sorted(named - set(MESSAGES["en"]))


def test_every_warning_is_a_key_in_both_languages_and_a_cli_variant_has_its_base() -> None:
    warn = [k for k in MESSAGES["en"] if k.startswith("warn_")]
    assert len(warn) > 50
    for key in warn:
        assert key in MESSAGES["nl"] and _fields(MESSAGES["en"][key]) == _fields(MESSAGES["nl"][key]), key
    variants = [k for k in MESSAGES["en"] if k.endswith("_cli")]
    assert len(variants) >= 4
    for key in variants:  # rendered with the parameters of the text it stands in for
        base = key.removesuffix("_cli")
        assert base in MESSAGES["en"], key
        assert _fields(MESSAGES["en"][key]) <= _fields(MESSAGES["en"][base]), key


def test_a_note_that_is_also_a_warning_says_the_same_in_both_languages() -> None:
    for key in ("sparse_no_events", "sparse_only_events", "sparse_cells", "sparse_events"):
        for lang in ("en", "nl"):
            note = MESSAGES[lang][f"note_{key}"]
            assert MESSAGES[lang][f"warn_{key}"] == note[:1].lower() + note[1:-1], (key, lang)


def test_every_warning_the_package_raises_is_a_message() -> None:
    """No warning is built as an English f-string: each is raised with its Message (the pass-throughs re-raise
    a caught warning, which keeps it)."""
    plain = re.compile(r"\b(?:warnings\.warn|_warn)\(\s*(?:f?[\"']|[a-z_]+\s*\+|note\b|text\b)")
    offenders = [(f.name, m.group(0)) for f in PACKAGE.rglob("*.py")
                 for m in plain.finditer(f.read_text(encoding="utf-8"))]
    assert not offenders, offenders
    calls = sum(f.read_text(encoding="utf-8").count("warnings.warn(") for f in PACKAGE.rglob("*.py"))
    assert calls > 30


def test_a_warning_is_its_english_text_and_keeps_its_message() -> None:
    m = Message("warn_survival_few_events", {"n": 7})
    for category in (StatisticalWarning, ekc.PersonalDataWarning):
        with pytest.warns(category, match=r"^only 7 events: the hazard ratio's interval") as caught:
            warnings.warn(m, category, stacklevel=1)
        w = caught[0].message
        assert str(w) == str(m) and isinstance(w, UserWarning) and w.text is not None and w.text.key == m.key
        assert pickle.loads(pickle.dumps(w)).text.render("nl").startswith("slechts 7 gebeurtenissen")
    assert StatisticalWarning("plain text").text is None and issubclass(StatisticalWarning, UserWarning)
    # one base keeps the message; a filter on one of the two never catches the other
    assert issubclass(ekc.PersonalDataWarning, UserWarning) and not issubclass(ekc.PersonalDataWarning,
                                                                                StatisticalWarning)
    assert not issubclass(StatisticalWarning, ekc.PersonalDataWarning)
    funnel = Message("warn_funnel_ongoing", {"share": 5.0, "where": Message("warn_funnel_all"), "as_of": Message(
        "warn_funnel_as_of", {"date": "2024-12-31"}), "advice": Message("warn_funnel_advice", {"months": 12})})
    cli = variant(funnel, "cli")
    assert "min_followup_months=12" in funnel and "ekc.end_states(reg)" in funnel and "at as_of 2024-12-31" in funnel
    assert cli.key == funnel.key and "--min-followup-months 12" in cli and "ekc.end_states" not in cli
    assert "op de peildatum 2024-12-31 (--as-of)" in cli.render("nl")
    assert variant(Message("warn_bsn", {"file": "x"}), "cli") == Message("warn_bsn", {"file": "x"})  # no variant


def test_no_title_is_translated_by_regular_expression() -> None:
    source = inspect.getsource(sys.modules[display.title.__module__])
    assert "_TITLES_NL" not in source and "re.fullmatch" not in source.split("def title")[1]


def test_a_message_is_its_english_text_and_renders_in_either_language() -> None:
    m = Message("title_compare", {"outcome": "safety_12", "kind": "binary"})
    assert m == "Effect of FGC on safety_12 (binary)" and "safety_12" in m and m.startswith("Effect")
    assert m.key == "title_compare" and dict(m.params) == {"outcome": "safety_12", "kind": "binary"}
    assert m.render("en") == "Effect of FGC on safety at 12 months (yes/no outcome)"
    assert m.render("nl") == "Effect van EK-c op veiligheid na 12 maanden (ja/nee-uitkomst)"
    assert m.render("nl", words=False) == "Effect van EK-c op safety_12 (binary)"
    assert render(m, "nl") == m.render("nl") and render("plain text", "nl") == "plain text"
    assert pickle.loads(pickle.dumps(m)).render("nl") == m.render("nl")
    assert len({m, Message("title_compare", {"outcome": "safety_12", "kind": "binary"})}) == 1
    with pytest.raises(AttributeError):
        m.key = "other"  # type: ignore[misc]
    nested = Message("title_reference", {"title": Message("title_funnel")})
    assert nested == "Funnel: how initiatives end — versus the published figures"
    assert nested.render("nl") == "Trechter: hoe aanmeldingen eindigen — naast de gepubliceerde cijfers"


def test_numbers_in_a_dutch_sentence_have_dutch_separators() -> None:
    args = {"closed": 1470, "ongoing": 30, "as_of": "2024-12-31"}
    assert t("note_funnel_denominator", "en", **args) == (
        "1,470 closed initiatives are the denominator; 30 ongoing initiatives (as of 2024-12-31) are counted apart.")
    assert t("note_funnel_denominator", "nl", **args) == (
        "1.470 afgeronde aanmeldingen vormen de noemer; 30 lopende aanmeldingen (stand 2024-12-31) zijn apart geteld.")
    assert t("title_e_value", "NL", measure="risk_ratio", estimate=1.5) == "E-waarde voor relatief risico 1,5"


def test_one_language_check_names_its_argument() -> None:
    assert check_lang(" NL ") == "nl" and check_lang("en") == "en"
    for bad in ("de", "", None, 1):
        with pytest.raises(ArgumentError, match=r"^lang=.*choose 'nl' \(Dutch\) or 'en' \(English\)"):
            check_lang(bad)
    with pytest.raises(ArgumentError, match=r"^language='fr'"):
        check_lang("fr", "language")
    with pytest.raises(ArgumentError, match="no message 'title_nothing'"):
        t("title_nothing", "nl")
    with pytest.raises(ArgumentError, match="lang='de'"):
        ekc.funnel(ekc.sample_data()).summary("de")
    with pytest.raises(ArgumentError, match="lang='de'"):
        ekc.report(ekc.sample_path("cases.csv"), lang="de")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sample() -> dict[str, ekc.Result]:
    reg = ekc.sample_data()
    trial = pd.read_csv(ekc.sample_path("trial.csv"))
    meta = pd.read_csv(ekc.sample_path("meta_synthetic.csv"))
    three = trial.assign(arm=trial["group"].where(trial.index % 3 != 0, "other"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        return {
            "funnel": ekc.funnel(reg), "funnel_mature": ekc.funnel(reg, min_followup_months=12),
            "funnel_reference": ekc.funnel(reg).versus_reference(), "plans": ekc.plans(reg),
            "plans_all": ekc.plans(reg, include="all"), "execution": ekc.execution(reg),
            "compare": ekc.compare(trial, "safety_12", "group", treated="fgc"),
            "compare_adjusted": ekc.compare(trial, "ots_extension", "group", treated="fgc",
                                            covariates=["age", "prior_reports"], moderator="non_western"),
            "compare_costs": ekc.compare(trial, "costs", "group", treated="fgc", covariates=["age"]),
            "compare_groups": ekc.compare(three, "safety_12", "arm", reference="control", adjust="holm"),
            "compare_groups_adjusted": ekc.compare(three, "ots_extension", "arm", reference="control",
                                                   covariates=["age"], adjust="bh"),
            "compare_many": ekc.compare_many(trial, ["safety_12", "costs"], "group", treated="fgc"),
            "meta": ekc.meta_analysis(meta, "log_rr", "se", study="study", exp=True),
            "meta_hksj": ekc.meta_analysis(meta, "log_rr", "se", study="study", hksj=True, subgroup="design"),
            "meta_dl": ekc.meta_analysis(meta.head(5), "log_rr", "se", method="DL", hksj="adhoc"),
        }


def test_the_most_read_results_have_their_notes_and_titles_as_messages(sample: dict[str, ekc.Result]) -> None:
    for name, res in sample.items():
        assert isinstance(res.title, Message), name
        plain = [n for n in res.notes if not isinstance(n, Message)]
        assert not plain, (name, plain)


def test_no_dutch_rendering_of_the_sample_holds_an_english_sentence(sample: dict[str, ekc.Result]) -> None:
    for name, res in sample.items():
        dutch = res.summary("nl")
        texts = [display.title(res, "nl"), *display.notes(res, "nl")]
        assert dutch.splitlines()[0] == texts[0]
        for text in texts:
            found = [w for w in ENGLISH if w in f" {text} "]
            assert not found, (name, found, text)
        english = " ".join([display.title(res, "en"), *display.notes(res, "en")])
        assert any(w in f" {english} " for w in ENGLISH), name  # the check can see English where there is some
        assert [str(n) for n in res.notes] == display.notes(res, "en") or name.startswith("compare"), name


def test_english_text_stays_as_it_was(sample: dict[str, ekc.Result]) -> None:
    """str() of a title or note is the English text code and tests have always read (known values)."""
    assert sample["funnel"].notes[0] == ("1,470 closed initiatives are the denominator; 30 ongoing initiatives "
                                         "(as of 2024-12-31) are counted apart.")
    assert sample["funnel"].notes[-2].startswith("reference: Eigen Kracht Centrale reports 70 / 15 / 15 %; "
                                                 "chi-square 0.33 on 2 df, p = 0.85.")
    assert sample["compare"].notes[0] == ("Intention to treat: 150 in fgc (FGC) and 150 in control, analysed as "
                                          "randomised.")
    assert sample["meta"].notes[0] == ("12 studies; τ² by REML (27 Fisher-scoring steps); I² = 37.5%, Q = 18.75 on "
                                       "11 df (p = 0.0657).")
    assert sample["meta"].title == "Random-effects meta-analysis of log_rr"
    assert sample["execution"].title == "Execution of plans 3–5 months after the conference"
    assert display.title(sample["compare"], "en") == "Effect of FGC on safety at 12 months (measured outcome)"
    assert display.title(sample["compare"], "nl") == "Effect van EK-c op veiligheid na 12 maanden (gemeten uitkomst)"
    assert display.notes(sample["meta"], "nl")[0] == ("12 studies; τ² met REML (27 Fisher-scoringstappen); "
                                                      "I² = 37,5%, Q = 18,75 bij 11 vg (p = 0,0657).")


def test_every_estimator_passes_a_title_message() -> None:
    """No Result is built with an English f-string title any more (the regexes that translated them are gone)."""
    offenders = []
    for f in PACKAGE.glob("*.py"):
        for m in re.finditer(r"Result\(\s*[\"f][^,]*,[^,]+,\s*(f?\"[^\"]*\")", f.read_text(encoding="utf-8")):
            offenders.append((f.name, m.group(1)))
    assert not offenders, offenders


REPORTING = PACKAGE / "reporting"


def test_every_report_text_the_report_names_is_in_the_catalogue() -> None:
    """The report's words live in the catalogue (``report_<key>``, _catalogue/_report*.py); reporting/ only looks
    them up, by the keys it names (literal keys here; keys built from a prefix are covered by the report tests)."""
    pattern = re.compile(r'\btext(?:_or_none)?\(\s*"([a-z0-9_.=]+)"')
    named = {m for f in REPORTING.glob("*.py") for m in pattern.findall(f.read_text(encoding="utf-8"))}
    assert len(named) > 80
    missing = sorted(k for k in named if f"report_{k}" not in MESSAGES["en"])
    assert not missing, missing
    for old in ("TEXT: dict", "WORDS: dict", "CAPTION_NOTES", "GLOSSARY: dict", "REFERENCE_NL", "SOURCE_NL"):
        holders = [f.name for f in REPORTING.glob("*.py") if old in f.read_text(encoding="utf-8")]
        assert not holders, (old, holders)
    regional = set(re.findall(r'\bt\(\s*"([a-z0-9_.]+)"', (REPORTING / "_regional.py").read_text(encoding="utf-8")))
    assert len(regional) > 20
    missing = sorted(k for k in regional if f"report_regional_{k}" not in MESSAGES["en"])
    assert not missing, missing


def test_the_report_names_the_published_figures_and_their_sources_as_describe_does() -> None:
    from ekc_analysis.describe import REFERENCES, SOURCE_INFO
    from ekc_analysis.reporting._glossary import _SOURCE_KEYS

    for ref in REFERENCES.values():
        key = f"report_reference_{ref.key}"
        assert MESSAGES["en"][key] == ref.description, ref.key  # the English is describe's own description
        assert MESSAGES["nl"][key] != ref.description, ref.key
    for source in {ref.source for ref in REFERENCES.values()}:
        assert MESSAGES["en"][f"report_source_{_SOURCE_KEYS[source]}"] == source
        kind = SOURCE_INFO[source]["kind"]  # what kind of figure, from the catalogue too
        assert isinstance(kind, Message) and kind.render("nl") != kind, source


def test_the_glossary_has_every_entry_in_both_languages() -> None:
    from ekc_analysis._catalogue import REPORT_GLOSSARY

    assert len(REPORT_GLOSSARY) > 5
    for (term_en, meaning_en), (term_nl, meaning_nl) in REPORT_GLOSSARY:
        assert term_en and meaning_en and term_nl and meaning_nl, term_en
        found = [w for w in ENGLISH if w in f" {meaning_nl} "]
        assert not found, (term_nl, found)


def test_no_word_is_chosen_by_language_outside_the_catalogue() -> None:
    """A word a reader sees comes from the catalogue (``t``, ``text``, ``label``), never from an inline
    ``"woord" if nl else "word"``: reword it there and both languages change together. Separators, decimal marks
    and language tags may still be chosen by language."""
    import ast

    codes = {"nl", "en", "nl-NL", "en-GB"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        if "_catalogue" in path.parts or path.name == "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.IfExp) or "nl" not in ast.unparse(node.test):
                continue
            words = [c.value for side in (node.body, node.orelse) for c in ast.walk(side)
                     if isinstance(c, ast.Constant) and isinstance(c.value, str)
                     and re.search(r"[A-Za-z]{2}", c.value) and c.value not in codes]
            if words:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {words}")
    assert not found, found


def test_advice_in_python_terms_says_where_it_applies_on_the_command_line() -> None:
    """A warning whose advice names a Python argument has a ``_cli`` variant in the command line's options, or the
    command line says which function of ``ekc`` takes that argument (and that function does take it)."""
    import inspect

    from ekc_analysis._catalogue._warnings import PYTHON_ADVICE, TEXTS
    from ekc_analysis.intake._messages import cli_warning

    for key, (english, _) in TEXTS.items():
        named = set(re.findall(r"\b([a-z][a-z_]*)=", english))
        if not named or key.endswith("_cli") or f"{key}_cli" in TEXTS:
            continue
        assert key in PYTHON_ADVICE, key
        function, arguments = PYTHON_ADVICE[key]
        assert named <= set(arguments) <= set(inspect.signature(getattr(ekc, function)).parameters), key
    message = StatisticalWarning(Message("warn_survival_ph", {"terms": "arm"}))
    assert cli_warning(message, "nl").endswith(
        "rapporteer het RMST-verschil (tau=) en de curves ernaast (het advies noemt tau= van ekc.survival in "
        "Python; de opdrachtregel heeft die optie niet)")
    assert cli_warning(message, "en") == (
        "warning: proportional hazards look doubtful for arm (cox.zph p < 0.05): the hazard ratio averages a "
        "changing effect; report the RMST difference (tau=) and the curves beside it (the advice names tau= of "
        "ekc.survival in Python; the command line has no such option)")
