"""Load 1M cases + 15M agreements from Parquet with every rule, then funnel + plans + execution.

Run:  python benchmarks/bench_load_describe.py [--cases 1000000] [--reuse]

Prints, measured in the same run:
  * baseline: bare ``pandas.read_parquet`` of both files + case_id uniqueness + foreign-key check;
  * ``ekc.load`` with every validation rule;
  * ``funnel`` + ``plans`` + ``execution`` on the loaded registry.
Each timing is the best of three interleaved runs; reported, never asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

import ekc_analysis as ekc
from ekc_analysis.simulate import simulate_registry

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


def baseline(folder: Path) -> float:
    t = time.perf_counter()
    cases = pd.read_parquet(folder / "cases.parquet")
    agreements = pd.read_parquet(folder / "agreements.parquet")
    assert cases["case_id"].is_unique
    assert agreements["case_id"].isin(cases["case_id"]).all()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--reuse", action="store_true", help="reuse files from an earlier run")
    args = ap.parse_args()
    folder = HERE / f"registry_{args.cases}"
    if not (args.reuse and (folder / "agreements.parquet").exists()):
        t = time.perf_counter()
        make(args.cases, folder)
        print(f"made test files in {time.perf_counter() - t:.1f} s")
    # best of three, interleaved, so both see the same machine state
    base, t_load, t_describe = np.inf, np.inf, np.inf
    for _ in range(3):
        base = min(base, baseline(folder))
        t = time.perf_counter()
        reg = ekc.load(folder)
        t_load = min(t_load, time.perf_counter() - t)
        t = time.perf_counter()
        ekc.funnel(reg)
        ekc.plans(reg)
        ekc.execution(reg)
        t_describe = min(t_describe, time.perf_counter() - t)
        del reg
    reg = ekc.load(folder)
    print(f"{reg.n_cases:,} cases, {len(reg.agreements):,} agreements")
    print(f"baseline read_parquet + unique + foreign key: {base:.2f} s")
    print(f"ekc.load with every rule:                     {t_load:.2f} s  ({t_load / base:.2f}x baseline)")
    print(f"funnel + plans + execution:                   {t_describe:.2f} s")


if __name__ == "__main__":
    main()
