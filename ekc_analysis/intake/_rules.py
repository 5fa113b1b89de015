"""Rules that span columns, rows or tables of a registry.

Single-value rules (a date that is no date, an unknown category) live in
:mod:`ekc_analysis.intake`; here are the rules a person would state about a
case as a whole: dates in order, counts that add up, agreements that belong
to a known case.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._rule_texts import problem
from ._validate import Problems


def _fmt(d: pd.Series) -> pd.Series:
    return d.dt.strftime("%d-%m-%Y")


# one problem kind found on many rows: (spreadsheet rows, column, the cells' values, the rule's problem or
# one problem per row); the caller adds them to its Problems in the order found
Found = tuple[np.ndarray, str, object, object]


def check_cases(cases: pd.DataFrame, rows: np.ndarray, problems: Problems) -> None:
    """Uniqueness, date order, status consistency and count rules of the cases table."""
    status = cases["status"] if "status" in cases.columns else pd.Series(pd.NA, index=cases.index)
    for found in (*_duplicate_ids(cases, rows), *_date_order(cases, rows), *_status_rules(cases, rows, status),
                  *_count_rules(cases, rows, status)):
        problems.add(*found)


def _duplicate_ids(cases: pd.DataFrame, rows: np.ndarray) -> list[Found]:
    """A case_id met before: each repeat, naming the row of the first."""
    ids = cases["case_id"] if "case_id" in cases.columns else pd.Series(pd.NA, index=cases.index)  # else missing
    dup = ids.duplicated(keep="first").to_numpy() & ids.notna().to_numpy()
    if not dup.any():
        return []
    first_row = pd.Series(rows, index=cases.index).groupby(ids.to_numpy()).transform("first")
    return [(rows[dup], "case_id", ids[dup], [problem("duplicate", c="case_id", r=int(r)) for r in first_row[dup]])]


def _later_than(cases: pd.DataFrame, rows: np.ndarray, col: str, earlier: str) -> list[Found]:
    """``col`` dated before ``earlier``, with the earlier date in the problem."""
    if col not in cases.columns or earlier not in cases.columns:
        return []
    bad = (cases[col] < cases[earlier]).to_numpy()
    return [(rows[bad], col, _fmt(cases[col][bad]),
             [problem("before", c1=col, c2=earlier, rest=f" ({d})") for d in _fmt(cases[earlier][bad])])]


def _date_order(cases: pd.DataFrame, rows: np.ndarray) -> list[Found]:
    """Conference and plan after the referral; the follow-up after the conference, else the plan and referral."""
    cols = cases.columns
    found = _later_than(cases, rows, "conference_date", "referral_date")
    found += _later_than(cases, rows, "plan_date", "referral_date")
    if "followup_date" not in cols:
        return found
    followup = cases["followup_date"]
    found += _later_than(cases, rows, "followup_date", "conference_date")
    no_conf = cases["conference_date"].isna() if "conference_date" in cols else True
    if "plan_date" in cols:
        bad = ((followup < cases["plan_date"]) & no_conf).to_numpy()
        found.append((rows[bad], "followup_date", _fmt(followup[bad]),
                      problem("before", c1="followup_date", c2="plan_date", rest="")))
    referral = cases["referral_date"] if "referral_date" in cols else pd.Series(pd.NaT, index=cases.index)
    bad = (followup < referral).to_numpy()
    if "conference_date" in cols:
        bad = bad & cases["conference_date"].isna().to_numpy()
    found.append((rows[bad], "followup_date", _fmt(followup[bad]),
                  problem("before", c1="followup_date", c2="referral_date", rest="")))
    return found


def _status_rules(cases: pd.DataFrame, rows: np.ndarray, status: pd.Series) -> list[Found]:
    """A conference has its date; a plan without conference or a stop has none."""
    # without a conference_date column at all the export simply does not hold the dates (a cases-only
    # export): that is no error; load notes it and the analyses that need the dates say so
    if "conference_date" not in cases.columns:
        return []
    date = cases["conference_date"]
    is_conf = (status == "conference").fillna(False).to_numpy(dtype=bool)
    no_date = is_conf & date.isna().to_numpy()
    odd = status.isin(["plan_without_conference", "stopped"]).to_numpy() & date.notna().to_numpy()
    return [(rows[no_date], "conference_date", "",
             problem("conference_no_date", c="conference_date", conference="conference")),
            (rows[odd], "conference_date", _fmt(date[odd]),
             [problem("date_but_status", c="conference_date", s=s) for s in status[odd]])]


def _count_rules(cases: pd.DataFrame, rows: np.ndarray, status: pd.Series) -> list[Found]:
    """No more professional agreements than agreements; no execution or plan after a stop (or without plan)."""
    cols = cases.columns
    found: list[Found] = []
    if "n_professional" in cols and "n_agreements" in cols:
        bad = (cases["n_professional"] > cases["n_agreements"]).fillna(False).to_numpy(dtype=bool)
        found.append((rows[bad], "n_professional", cases["n_professional"][bad],
                      [problem("greater", c1="n_professional", c2="n_agreements", n=int(n))
                       for n in cases["n_agreements"][bad]]))
    stopped = status.isin(["stopped"]).to_numpy()
    plan_said = {answer: (cases["plan"] == answer).fillna(False).to_numpy(dtype=bool)
                 for answer in (True, False)} if "plan" in cols else {}
    if "execution" in cols:
        no_plan = stopped | plan_said[False] if plan_said else stopped
        bad = no_plan & cases["execution"].notna().to_numpy()
        found.append((rows[bad], "execution", cases["execution"][bad].astype(object),
                      problem("execution_no_plan", execution="execution")))
    if plan_said:
        bad = stopped & plan_said[True]
        found.append((rows[bad], "plan", "yes", problem("plan_but_stopped", plan="plan", stopped="stopped")))
    return found


def check_not_after(cases: pd.DataFrame, rows: np.ndarray, problems: Problems, as_of: pd.Timestamp) -> None:
    """No date may lie after the extraction date ``as_of`` (a typo such as 2029 for 2019 otherwise shifts
    which follow-ups are due)."""
    shown = as_of.strftime("%d-%m-%Y")
    for col in cases.columns:
        if not pd.api.types.is_datetime64_any_dtype(cases[col]):
            continue
        bad = (cases[col] > as_of).to_numpy(dtype=bool, na_value=False)
        problems.add(rows[bad], col, _fmt(cases[col][bad]),
                     problem("after_as_of", c=col, d=shown))


def case_positions(case_ids: pd.Series, keys: pd.Series) -> np.ndarray:
    """Row position in ``case_ids`` of every key (-1 where absent); fast for categorical keys."""
    if isinstance(case_ids.dtype, pd.CategoricalDtype) and isinstance(keys.dtype, pd.CategoricalDtype):
        # both dictionary-encoded (Parquet): match the two dictionaries, then one gather per key
        case_codes = case_ids.cat.codes.to_numpy()
        present = np.flatnonzero(case_codes >= 0)[::-1]  # reversed: the first occurrence wins
        row_of_cat = np.full(len(case_ids.cat.categories), -1, dtype=np.intp)
        row_of_cat[case_codes[present]] = present
        cat_pos = case_ids.cat.categories.get_indexer(keys.cat.categories)
        per_key_cat = np.append(np.where(cat_pos >= 0, row_of_cat[cat_pos], -1), -1)
        return per_key_cat[keys.cat.codes.to_numpy()]
    ids = case_ids.astype(object) if isinstance(case_ids.dtype, pd.CategoricalDtype) else case_ids
    index = pd.Index(ids)
    rows = np.arange(len(index))
    if not index.is_unique:  # duplicates are reported elsewhere; link to the first occurrence
        first = ~index.duplicated(keep="first")
        index, rows = index[first], rows[first]
    if isinstance(keys.dtype, pd.CategoricalDtype):
        cat_pos = index.get_indexer(keys.cat.categories)
        codes = keys.cat.codes.to_numpy()
        found = np.where(codes >= 0, cat_pos[codes], -1)
    else:
        found = index.get_indexer(keys)
    return np.where(found >= 0, rows[found], -1)


def link_agreements(cases: pd.DataFrame, case_rows: np.ndarray, case_problems: Problems,
                    agreements: pd.DataFrame, agr_rows: np.ndarray,
                    agr_problems: Problems) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Foreign key and count agreement between the two tables.

    Returns per case the number of agreements and of professional ones in the
    agreements table (a missing ``professional`` value is reported), and per
    agreement the row of its case (-1 if unknown).
    """
    case_ids = cases["case_id"]
    key = agreements["case_id"]
    pos = case_positions(case_ids, key)
    known = pos >= 0
    all_known = bool(known.all())
    if not all_known:
        unknown = ~known & key.notna().to_numpy()
        agr_problems.add(agr_rows[unknown], "case_id", key[unknown], problem("unknown_case", case_id="case_id"))
    linked = pos if all_known else pos[known]
    n = np.bincount(linked, minlength=len(cases))
    if "professional" in agreements.columns:
        prof = agreements["professional"]
        miss = prof.isna().to_numpy()
        if miss.any():
            agr_problems.add(agr_rows[miss], "professional", "",
                             problem("professional_missing", professional="professional"))
        is_prof = prof.to_numpy(dtype=bool, na_value=False) & known
        n_prof = np.bincount(pos[is_prof], minlength=len(cases)).astype(float)
    else:
        n_prof = np.full(len(cases), np.nan)

    status = cases["status"]
    without_plan = status.eq("stopped").to_numpy()
    if "plan" in cases.columns:
        without_plan = without_plan | cases["plan"].eq(False).fillna(False).to_numpy(dtype=bool)
    if (n[without_plan] > 0).any():  # only then look up which agreement rows they are
        orphan = known & without_plan[np.where(known, pos, 0)]
        agr_problems.add(agr_rows[orphan], "case_id", key[orphan],
                         problem("orphan_agreement"))

    for col, counted in (("n_agreements", n), ("n_professional", n_prof)):
        if col in cases.columns and not np.all(np.isnan(counted)):
            given = cases[col].to_numpy(dtype=float, na_value=np.nan)
            # a case with no agreement rows but a positive count is a disagreement too
            bad = ~np.isnan(given) & (given != counted)
            case_problems.add(case_rows[bad], col, given[bad].astype(int),
                              [problem("count_disagrees", c=col, a=int(g), b=int(c))
                               for g, c in zip(given[bad], counted[bad], strict=True)])
    return n, n_prof, pos
