"""Load 1M cases + 12M agreements from Parquet with every rule, then funnel + plans + execution.

Run:  python benchmarks/bench_load_describe.py [--cases 1000000] [--per-case 12] [--reuse] [--profile]

Prints, measured in the same run (best of three, interleaved, so both see the same machine state):
  * bare pandas: ``read_parquet`` of both files, case_id uniqueness, the foreign-key check, and the same
    counts as funnel + plans + execution (closed statuses, plan rate, agreements and professional
    agreements per plan, execution among plans followed up 3-5 months after the conference);
  * ``ekc.load`` with every validation rule (and the identifier scan), then ``funnel`` + ``plans`` +
    ``execution`` on the loaded registry; the ratio of the two totals.
``--profile`` adds a cProfile of one ``ekc.load`` (top 25 functions by cumulative time).
Reported, never asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

import ekc_analysis as ekc
from ekc_analysis.simulate._synthetic import simulate_registry

HERE = Path(__file__).resolve().parent / "data"


def make(n_cases: int, folder: Path, per_case: float = 15.0) -> None:
    """Scale a 20k-case simulation up to ``n_cases`` with fresh ids and ``per_case`` agreements on average.

    Agreement rows are resampled within plans so the total is ``per_case * n_cases``; the cases'
    ``n_agreements``/``n_professional`` are recounted so the cross-table rules are checked too.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    block = simulate_registry(20_000, seed=99)
    reps = int(np.ceil(n_cases / len(block.cases)))
    cases = pd.concat([block.cases] * reps, ignore_index=True).iloc[:n_cases]
    cases = cases.drop(columns=["referral_year", "closed"])
    ids = pd.Series(np.arange(n_cases)).map("K{:07d}".format).to_numpy()
    cases["case_id"] = ids
    pos = pd.Index(block.cases["case_id"]).get_indexer(block.agreements["case_id"])
    src = np.concatenate([pos + r * len(block.cases) for r in range(reps)])
    keep = src < n_cases
    src_rows = np.tile(np.arange(len(pos)), reps)[keep]
    src = src[keep]
    take = rng.choice(src.size, size=int(per_case * n_cases), replace=True)
    take.sort()
    case_row = src[take]
    agreements = pd.DataFrame({"case_id": ids[case_row],
                               "domain": block.agreements["domain"].to_numpy()[src_rows[take]],
                               "professional": block.agreements["professional"].to_numpy()[src_rows[take]]})
    n = np.bincount(case_row, minlength=n_cases)
    n_prof = np.bincount(case_row, weights=agreements["professional"].to_numpy(), minlength=n_cases)
    has = n > 0
    cases["n_agreements"] = pd.array(np.where(has, n, pd.NA), dtype="Int64")
    cases["n_professional"] = pd.array(np.where(has, n_prof.astype(int), pd.NA), dtype="Int64")
    cases.to_parquet(folder / "cases.parquet", index=False)
    agreements.to_parquet(folder / "agreements.parquet", index=False)


def baseline(folder: Path) -> tuple[float, float]:
    """A bare pandas script: read and check the keys (seconds), then also count what funnel, plans and
    execution count (seconds in all)."""
    t = time.perf_counter()
    cases = pd.read_parquet(folder / "cases.parquet")
    agreements = pd.read_parquet(folder / "agreements.parquet")
    assert cases["case_id"].is_unique
    assert agreements["case_id"].isin(cases["case_id"]).all()
    t_keys = time.perf_counter() - t
    closed = cases["status"].value_counts().reindex(["conference", "plan_without_conference", "stopped"])
    conference = cases["status"].eq("conference")
    plan_rate = cases.loc[conference, "plan"].mean()
    per_case = agreements.groupby("case_id", sort=False)["professional"].agg(["size", "sum"])
    with_plan = cases.loc[conference & cases["plan"].fillna(False).astype(bool), "case_id"]
    counted = per_case.reindex(with_plan)
    per_plan, professional = counted["size"].mean(), counted["sum"].sum() / counted["size"].sum()
    anchor = cases["conference_date"]
    inside = cases["followup_date"].between(anchor + pd.DateOffset(months=3), anchor + pd.DateOffset(months=5))
    executed = cases.loc[inside & conference & cases["plan"].fillna(False).astype(bool), "execution"].value_counts()
    assert closed.notna().all() and 0 < plan_rate < 1 and per_plan > 0 and 0 < professional < 1 and executed.sum()
    return t_keys, time.perf_counter() - t


def ours(folder: Path) -> tuple[float, float]:
    """``ekc.load`` with every rule, then funnel + plans + execution: (load seconds, describe seconds)."""
    t = time.perf_counter()
    reg = ekc.load(folder)
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    ekc.funnel(reg)
    ekc.plans(reg)
    ekc.execution(reg)
    return t_load, time.perf_counter() - t


def profile(folder: Path) -> None:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    reg = ekc.load(folder)
    ekc.funnel(reg)
    ekc.plans(reg)
    ekc.execution(reg)
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main() -> None:
    import warnings

    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--per-case", type=float, default=12.0, help="agreements per case on average (default 12)")
    ap.add_argument("--reuse", action="store_true", help="reuse files from an earlier run")
    ap.add_argument("--profile", action="store_true", help="cProfile one load + describe")
    args = ap.parse_args()
    warnings.simplefilter("ignore")  # the funnel's maturity warning, not the point here
    folder = HERE / f"registry_{args.cases}_{args.per_case:g}"
    if not (args.reuse and (folder / "agreements.parquet").exists()):
        t = time.perf_counter()
        make(args.cases, folder, args.per_case)
        print(f"made test files in {time.perf_counter() - t:.1f} s")
    keys, base, t_load, t_describe, t_total = np.inf, np.inf, np.inf, np.inf, np.inf
    for _ in range(3):
        k, b = baseline(folder)
        keys, base = min(keys, k), min(base, b)
        a, b = ours(folder)
        t_load, t_describe, t_total = min(t_load, a), min(t_describe, b), min(t_total, a + b)
    reg = ekc.load(folder)
    print(f"{reg.n_cases:,} cases, {len(reg.agreements):,} agreements")
    del reg
    print(f"bare pandas read + keys:                    {keys:.2f} s")
    print(f"bare pandas (read, keys, the same counts):  {base:.2f} s")
    print(f"ekc.load with every rule:                   {t_load:.2f} s  ({t_load / keys:.2f}x bare read + keys)")
    print(f"funnel + plans + execution:                 {t_describe:.2f} s")
    print(f"load + funnel + plans + execution:          {t_total:.2f} s  ({t_total / base:.2f}x bare pandas)")
    if args.profile:
        profile(folder)


if __name__ == "__main__":
    main()
