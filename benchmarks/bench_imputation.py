"""Time of ``ekc.impute(m=20)`` on a ZonMw-shaped trial (529 children in 328 families), beside R's mice.

The trial from ``simulate_zonmw``; 20 % of the 12-month safety scores missing at random given background
and 20 % of the baseline scores missing at random given age. Python: ``impute(df, m=20, cluster="family_id",
seed=1)`` (10 iterations, cluster means of the other family members as predictors) and without ``cluster``;
R: ``mice(df, m = 20, maxit = 10)`` (pmm / logreg, no cluster terms) timed with ``system.time`` when Rscript
exists. Best of ``--runs``.

    python benchmarks/bench_imputation.py --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

import ekc_analysis as ekc
from ekc_analysis.simulate._designs import simulate_zonmw


def trial(seed: int = 1):  # noqa: ANN201
    d = simulate_zonmw(seed=seed)
    rng = np.random.default_rng(seed)
    nw = d["non_western"].to_numpy()
    d.loc[rng.uniform(size=len(d)) < 1 / (1 + np.exp(1.8 - 0.9 * nw)), "safety_12"] = np.nan
    d.loc[rng.uniform(size=len(d)) < 1 / (1 + np.exp(1.4 - 0.08 * (d["age"] - 9))), "safety_0"] = np.nan
    return d[["family_id", "group", "safety_12", "safety_0", "non_western", "age", "girl", "placed"]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    d = trial()
    print(f"{len(d)} children, {d['family_id'].nunique()} families; missing: "
          f"safety_12 {d['safety_12'].isna().mean():.1%}, safety_0 {d['safety_0'].isna().mean():.1%}")
    for cluster in ("family_id", None):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            ekc.impute(d, m=20, cluster=cluster, seed=1)
            times.append(time.perf_counter() - start)
        print(f"ekc.impute(m=20, cluster={cluster!r}): best {min(times):.2f} s of {runs}")
    if shutil.which("Rscript"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "trial.csv"
            d.drop(columns="family_id").to_csv(path, index=False)
            code = (f"suppressPackageStartupMessages(library(mice)); d <- read.csv('{path}'); "
                    "d$group <- factor(d$group); "
                    f"t <- sapply(1:{runs}, function(i) system.time(mice(d, m = 20, maxit = 10, seed = 1, "
                    "printFlag = FALSE))[['elapsed']]); cat(min(t))")
            out = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True, check=True).stdout
            print(f"R mice(m = 20, maxit = 10): best {float(out):.2f} s of {runs}")


if __name__ == "__main__":
    main()
