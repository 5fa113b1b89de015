"""The message catalogue: every sentence a reader sees, by key, in English and Dutch.

Each module of this folder holds the texts of one part of the package as ``TEXTS: dict[key, (English,
Dutch)]`` — the two languages side by side, so that a reworded sentence is reworded in both:

- ``_results.py``: result titles and the notes of the estimators (describe, studies);
- ``_studies.py`` and ``_studies_survival.py``: the further notes of the study estimators (studies, stats),
  many built from parts (the second: survival and competing risks);
- ``_rules.py``: the problems the intake's rules state (held under ``rule_<key>``);
- ``_describe.py``: the notes of the benchmark and the end states, the kinds of the published figures' sources
  (``source_kind_<key>``), and what loading a registry noted;
- ``_warnings.py``: the warnings a user can meet (``warn_<key>``), with a ``<key>_cli`` variant for a part whose
  advice the command line words in its own options;
- ``_cli.py``: what the command line prints in a run of ``validate``, ``report`` and ``simulate``
  (``cli_<key>``), a warning's frame among them;
- ``_cli_help.py``: the command line's help, its examples and what it says around a command
  (``cli_help_<key>``), and the Dutch of argparse's own words (``ARGPARSE``);
- ``_words.py``: the small words around a number or a name (where a problem is, a ValidationError's head, the
  names of the sheets written);
- ``_pseudonymise.py``: the lines of ``pseudonymise`` and what pseudonymising did to each column
  (``pseudonymise_<key>``);
- ``_report.py``, ``_report_studies.py`` and ``_report_glossary.py``: the report's words (held under
  ``report_<key>``): its sentences, headings, captions and column names; those of the studies' pages, Table 1, the
  flow and the study spec's problems; the page's fixed words, the figures' caption notes, the published figures and
  their sources. The glossary stays data, both languages side by side (:data:`REPORT_GLOSSARY`);
- ``_report_regional.py``: the report's page comparing regions and municipalities (``report_regional_<key>``).

Texts are ``str.format`` templates; :func:`ekc_analysis.i18n.t` fills them in (names in the data in
words, numbers as the reader writes them). Both languages have every key with the same placeholders
(tests/test_i18n.py). Add a text to the module of its part, in both languages; a key may be defined once
only (importing the catalogue fails otherwise); never translate a text back from English.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    _cli,
    _cli_help,
    _describe,
    _pseudonymise,
    _report,
    _report_glossary,
    _report_regional,
    _report_studies,
    _results,
    _rules,
    _studies,
    _studies_survival,
    _warnings,
    _words,
)

RULE_PREFIX = "rule_"
REPORT_PREFIX = "report_"


def _merge(*parts: tuple[ModuleType, str]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {"en": {}, "nl": {}}
    for module, prefix in parts:
        for key, (english, dutch) in module.TEXTS.items():
            full = prefix + key
            if full in merged["en"]:
                raise RuntimeError(f"message key {full!r} is defined twice in ekc_analysis/_catalogue")
            merged["en"][full], merged["nl"][full] = english, dutch
    return merged


MESSAGES: dict[str, dict[str, str]] = _merge(
    (_results, ""),
    (_rules, RULE_PREFIX),
    (_studies, ""),
    (_studies_survival, ""),
    (_describe, ""),
    (_warnings, ""),
    (_words, ""),
    (_cli, ""),
    (_cli_help, "cli_help_"),
    (_pseudonymise, ""),
    (_report, REPORT_PREFIX),
    (_report_studies, REPORT_PREFIX),
    (_report_glossary, REPORT_PREFIX),
    (_report_regional, REPORT_PREFIX + "regional_"),
)
"""``MESSAGES[lang][key]``: the template of ``key`` in ``lang`` ('en' or 'nl')."""

REPORT_GLOSSARY = _report_glossary.GLOSSARY
ARGPARSE = _cli_help.ARGPARSE  # argparse's message ids in Dutch (the command line's help)
PYTHON_ADVICE = _warnings.PYTHON_ADVICE  # warnings whose advice names a Python-only argument
"""The report's glossary: ((English term, meaning), (Dutch term, meaning)) per entry, in the report's order."""
