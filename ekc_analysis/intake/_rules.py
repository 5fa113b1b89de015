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


def check_cases(cases: pd.DataFrame, rows: np.ndarray, problems: Problems) -> None:
    """Uniqueness, date order, status consistency and count rules of the cases table."""
    cols = cases.columns
    ids = cases["case_id"] if "case_id" in cols else pd.Series(pd.NA, index=cases.index)  # else reported missing
    dup = ids.duplicated(keep="first").to_numpy() & ids.notna().to_numpy()
    if dup.any():
        first_row = pd.Series(rows, index=cases.index).groupby(ids.to_numpy()).transform("first")
        problems.add(rows[dup], "case_id", ids[dup],
                     [problem("duplicate", c="case_id", r=int(r)) for r in first_row[dup]])

    status = cases["status"] if "status" in cols else pd.Series(pd.NA, index=cases.index)
    referral = cases["referral_date"] if "referral_date" in cols else pd.Series(pd.NaT, index=cases.index)

    def later_than(col: str, earlier: str) -> None:
        if col in cols and earlier in cols:
            bad = (cases[col] < cases[earlier]).to_numpy()
            problems.add(rows[bad], col, _fmt(cases[col][bad]),
                         [problem("before", c1=col, c2=earlier, rest=f" ({d})") for d in _fmt(cases[earlier][bad])])

    later_than("conference_date", "referral_date")
    later_than("plan_date", "referral_date")
    if "followup_date" in cols:
        if "conference_date" in cols:
            later_than("followup_date", "conference_date")
        if "plan_date" in cols:
            no_conf = cases["conference_date"].isna() if "conference_date" in cols else True
            bad = ((cases["followup_date"] < cases["plan_date"]) & no_conf).to_numpy()
            problems.add(rows[bad], "followup_date", _fmt(cases["followup_date"][bad]),
                         problem("before", c1="followup_date", c2="plan_date", rest=""))
        bad = (cases["followup_date"] < referral).to_numpy()
        if "conference_date" in cols:
            bad = bad & cases["conference_date"].isna().to_numpy()
        problems.add(rows[bad], "followup_date", _fmt(cases["followup_date"][bad]),
                     problem("before", c1="followup_date", c2="referral_date", rest=""))

    is_conf = (status == "conference").fillna(False).to_numpy(dtype=bool)
    if "conference_date" in cols:
        no_date = is_conf & cases["conference_date"].isna().to_numpy()
        problems.add(rows[no_date], "conference_date", "",
                     problem("conference_no_date", c="conference_date", conference="conference"))
    # without a conference_date column at all the export simply does not hold the dates (a cases-only
    # export): that is no error; load notes it and the analyses that need the dates say so
    if "conference_date" in cols:
        odd = (status.isin(["plan_without_conference", "stopped"]).to_numpy()
               & cases["conference_date"].notna().to_numpy())
        problems.add(rows[odd], "conference_date", _fmt(cases["conference_date"][odd]),
                     [problem("date_but_status", c="conference_date", s=s) for s in status[odd]])

    if "n_professional" in cols and "n_agreements" in cols:
        bad = (cases["n_professional"] > cases["n_agreements"]).fillna(False).to_numpy(dtype=bool)
        problems.add(rows[bad], "n_professional", cases["n_professional"][bad],
                     [problem("greater", c1="n_professional", c2="n_agreements", n=int(n))
                      for n in cases["n_agreements"][bad]])
    if "execution" in cols:
        no_plan = status.isin(["stopped"]).to_numpy()
        if "plan" in cols:
            no_plan = no_plan | (cases["plan"] == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
        bad = no_plan & cases["execution"].notna().to_numpy()
        problems.add(rows[bad], "execution", cases["execution"][bad].astype(object),
                     problem("execution_no_plan", execution="execution"))
    if "plan" in cols:
        bad = (status.isin(["stopped"]).to_numpy()
               & (cases["plan"] == True).fillna(False).to_numpy(dtype=bool))  # noqa: E712
        problems.add(rows[bad], "plan", "yes", problem("plan_but_stopped", plan="plan", stopped="stopped"))


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
