"""Writes tests/reference/notes_describe_golden.json: the English and Dutch of every note of describe/ and of
loading a registry, for the calls in :func:`calls` (the sample, the municipal fixtures, small files made here).

Run from the checkout: ``python tests/make_notes_describe_golden.py`` (deterministic: every load is given its
extraction date or reads it from the export; the file is committed). tests/describe/test_notes.py compares it.
"""

from __future__ import annotations

import json
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

if __name__ == "__main__":  # run as a script: this checkout's package, not an installed one
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

import ekc_analysis as ekc
from ekc_analysis.i18n import Message

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "reference" / "notes_describe_golden.json"
FIXTURES = HERE / "fixtures"
AS_OF = "2024-12-31"

# an export whose unread headers resemble known fields (as tests/intake/test_validate.py has it)
RESEMBLING = ["Dossiernummer", "Datum aanmelding", "Status", "Datum EK-c", "Aantal afspraken",
              "Waarvan professioneel", "Uitvoering na 3 mnd", "Wijk", "Opmerkingen"]
RESEMBLING_ROWS = [["K1", "03-01-2019", "Afgerond", "10-02-2019", "4", "1", "deels", "Noord", "zie dossier"],
                   ["K2", "05-01-2019", "Gestopt", "", "", "", "", "Zuid", ""]]
# case ids that pass the BSN eleven-test, beside a surname column
BSN_HEADER = ["case_id", "referral_date", "status", "Achternaam"]
BSN_ROWS = [["111222333", "2019-01-03", "stopped", "Jansen"], ["123456782", "2019-01-05", "ongoing", "Visser"],
            ["999999990", "2019-02-01", "stopped", "Smit"], ["100000009", "2019-03-01", "ongoing", "Bakker"]]


def _csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ",") -> Path:
    path.write_text("\n".join(sep.join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def ended(reg: ekc.Registry, unusable: int = 0) -> ekc.Registry:
    """The sample with an end date for every stop (45 days after the referral), so that end_states runs;
    ``unusable`` cases without a referral date."""
    cases = reg.cases.drop(columns=["referral_year", "closed"])
    stopped = cases["status"].eq("stopped")
    cases["end_date"] = (cases["referral_date"] + pd.Timedelta(days=45)).where(stopped)
    cases.loc[cases.index[:unusable], "referral_date"] = pd.NaT
    return ekc.Registry(cases, reg.agreements, as_of=reg.as_of)


def outlier(reg: ekc.Registry) -> ekc.Registry:
    """The sample with every closed initiative of one region stopped (far outside the limits) and a few
    without a region."""
    cases = reg.cases.drop(columns=["referral_year", "closed"])
    gone = cases["region"].eq("Regio 1") & cases["status"].isin(["conference", "plan_without_conference"])
    cases["status"] = cases["status"].mask(gone, "stopped")
    cases["region"] = cases["region"].mask(cases.index % 97 == 0)
    return ekc.Registry(cases, reg.agreements, as_of=reg.as_of)


def describe_calls(reg: ekc.Registry) -> dict[str, Callable[[], ekc.Result]]:
    """Every public function of describe/ with several option combinations on ``reg`` (the sample)."""
    no_as_of = ekc.Registry(reg.cases.drop(columns=["referral_year", "closed"]), reg.agreements)
    return {
        "funnel()": lambda: ekc.funnel(reg),
        "funnel(by='year')": lambda: ekc.funnel(reg, by="year"),
        "funnel(by='region', simultaneous=True, alpha=0.1)": lambda: ekc.funnel(reg, by="region", simultaneous=True,
                                                                                alpha=0.1),
        "funnel(min_followup_months=12)": lambda: ekc.funnel(reg, min_followup_months=12),
        "funnel().versus_reference()": lambda: ekc.funnel(reg).versus_reference(),
        "plans()": lambda: ekc.plans(reg),
        "plans(include='all', alpha=0.1)": lambda: ekc.plans(reg, include="all", alpha=0.1),
        "plans(by='region')": lambda: ekc.plans(reg, by="region"),
        "plans().versus_reference()": lambda: ekc.plans(reg).versus_reference(),
        "execution()": lambda: ekc.execution(reg),
        "execution((2, 6), include='all')": lambda: ekc.execution(reg, (2, 6), include="all"),
        "execution(by='region')": lambda: ekc.execution(reg, by="region"),
        "execution() without as_of": lambda: ekc.execution(no_as_of),
        "execution().versus_reference()": lambda: ekc.execution(reg).versus_reference(),
        "end_states() with end dates": lambda: ekc.end_states(ended(reg)),
        "end_states(by='year', months=(1, 2), alpha=0.1), 5 unusable": lambda: ekc.end_states(
            ended(reg, 5), by="year", months=(1, 2), alpha=0.1),
        "benchmark()": lambda: ekc.benchmark(reg),
        "benchmark('municipality', 'execution', method='normal')": lambda: ekc.benchmark(
            reg, "municipality", "execution", method="normal"),
        "benchmark('region', min_followup_months=12)": lambda: ekc.benchmark(reg, "region", min_followup_months=12),
        "benchmark() one region outside, some without": lambda: ekc.benchmark(outlier(reg)),
        "benchmark('region', 'execution') some without": lambda: ekc.benchmark(outlier(reg), "region", "execution"),
    }


def load_calls(folder: Path) -> dict[str, Callable[[], tuple[str, ...]]]:
    """``ekc.load`` on the sample, the municipal fixtures and files written into ``folder``: the notes."""
    resembling = _csv(folder / "export.csv", RESEMBLING, RESEMBLING_ROWS, sep=";")
    bsn = _csv(folder / "bsn.csv", BSN_HEADER, BSN_ROWS)

    def faulty() -> tuple[str, ...]:  # an export with problems: what was read, from the error
        try:
            ekc.load(FIXTURES / "gemeente_export_fouten.xlsx", as_of=AS_OF)
        except ekc.ValidationError as err:
            return tuple(note for intake in err.intake for note in intake.notes())
        raise AssertionError("gemeente_export_fouten.xlsx is no longer invalid")

    return {
        "load(sample)": lambda: ekc.load(ekc.sample_path(), as_of=AS_OF).notes,
        "load(sample, lang='nl')": lambda: ekc.load(ekc.sample_path(), as_of=AS_OF, lang="nl").notes,
        "load(gemeente_export.xlsx)": lambda: ekc.load(FIXTURES / "gemeente_export.xlsx").notes,
        "load(gemeente_export.xlsx, sheets, header_row=3, lang='nl')": lambda: ekc.load(
            FIXTURES / "gemeente_export.xlsx", sheet="Aanmeldingen", header_row=3, agreements_sheet="Afspraken",
            as_of=AS_OF, lang="nl").notes,
        "load(gemeente_alleen_aanmeldingen.csv)": lambda: ekc.load(FIXTURES / "gemeente_alleen_aanmeldingen.csv",
                                                                   as_of=AS_OF).notes,
        "load(gemeente_export_fouten.xlsx): the error's intake": faulty,
        "load(export.csv) with resembling headers": lambda: ekc.load(resembling, as_of=AS_OF).notes,
        "load(bsn.csv) with BSNs and a surname": lambda: ekc.load(bsn, as_of=AS_OF).notes,
    }


def notes_of_every_call() -> Iterator[tuple[str, tuple[str, ...]]]:
    """(call, its notes) for every call above; warnings (immature strata, personal data) silenced."""
    reg = ekc.sample_data()
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, call in describe_calls(reg).items():
            yield name, call().notes
        for name, load in load_calls(Path(folder)).items():
            yield name, load()


def entry(note: str) -> dict[str, str]:
    """A note as the golden file holds it: its key, English (``str()``) and Dutch."""
    key = note.key if isinstance(note, Message) else ""
    return {"key": key, "en": str(note), "nl": note.render("nl") if isinstance(note, Message) else str(note)}


def golden() -> dict[str, list[dict[str, str]]]:
    return {name: [entry(n) for n in notes] for name, notes in notes_of_every_call()}


def main() -> None:
    GOLDEN.write_text(json.dumps(golden(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":  # not on import (pytest's doctest collection imports this file)
    main()
