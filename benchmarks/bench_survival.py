"""A registry-scale cohort: propensity weights + survival (covariates, weights, cluster), side by side with R.

Run:  python benchmarks/bench_survival.py [--n 200000] [--big 1000000] [--no-r]

Prints, measured in one run:
  * Python: ``ekc.propensity_weights`` + ``ekc.survival(covariates, weights, cluster)`` — crude,
    adjusted and weighted Cox models with cluster-robust errors, log-rank, weighted Kaplan–Meier with
    the clustered infinitesimal-jackknife interval, the PH test (cox.zph) of the adjusted model;
  * R (when ``Rscript`` exists): the same work with ``glm`` + ``survival`` (coxph, survdiff, survfit,
    cox.zph), timed inside R with ``system.time`` (reading the CSV is not timed), and the largest
    difference between the two sets of numbers;
  * a 1,000,000-row run of the same Python work in a fresh process: seconds and peak memory (RSS).
Times are the best of ``--runs``; they are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

COVARIATES = ["age", "girl", "prior_referrals", "reason", "immigrant"]

R_CODE = r"""
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
d$arm <- as.integer(d$group == "fgc")
runs <- as.integer(args[3])
clustered <- args[4] == "1"
best <- Inf
for (i in seq_len(runs)) {
  tm <- system.time({
    ps <- fitted(glm(arm ~ age + girl + prior_referrals + reason + immigrant, family = binomial, data = d))
    p1 <- mean(d$arm)
    d$w <- ifelse(d$arm == 1, p1 / ps, (1 - p1) / (1 - ps))
    fa <- Surv(time, event) ~ arm + age + girl + prior_referrals + reason + immigrant
    if (clustered) {
      m0 <- coxph(Surv(time, event) ~ arm, cluster = family, data = d)
      ma <- coxph(fa, cluster = family, data = d)
      mw <- coxph(Surv(time, event) ~ arm, weights = w, cluster = family, data = d)
      km <- survfit(Surv(time, event) ~ arm, weights = w, cluster = family, data = d)
    } else {
      m0 <- coxph(Surv(time, event) ~ arm, data = d)
      ma <- coxph(fa, data = d)
      mw <- coxph(Surv(time, event) ~ arm, weights = w, robust = TRUE, data = d)
      km <- survfit(Surv(time, event) ~ arm, weights = w, data = d)
    }
    lr <- survdiff(Surv(time, event) ~ arm, data = d)
    z <- cox.zph(ma)
  })[["elapsed"]]
  best <- min(best, tm)
}
s <- summary(km, times = c(1, 2, 3))
out <- list(seconds = best, hr = coef(m0)[["arm"]], hr_se = sqrt(vcov(m0)[1, 1]),
            ahr = coef(ma)[["arm"]], ahr_se = sqrt(vcov(ma)["arm", "arm"]),
            whr = coef(mw)[["arm"]], whr_se = sqrt(vcov(mw)[1, 1]), logrank = lr$chisq,
            zph_arm = z$table["arm", "chisq"], zph_global = z$table["GLOBAL", "chisq"],
            km_low = s$lower, km_high = s$upper, w_sum = sum(d$w))
writeLines(paste0("{", paste(sprintf('"%s": [%s]', names(out),
  vapply(out, function(v) paste(format(v, digits = 17), collapse = ", "), "")), collapse = ", "), "}"), args[2])
"""


def cohort(n: int, seed: int = 5) -> pd.DataFrame:
    """A simulated cohort with times in days (ties, as registries record them) and families of ~1.5 children."""
    from ekc_analysis.simulate._synthetic import simulate_cohort

    c = simulate_cohort(n, seed=seed)
    c["time"] = np.ceil(c["time"] * 365) / 365
    c["family"] = np.random.default_rng(seed).integers(0, max(1, n * 2 // 3), n)
    return c.drop(columns=["id"])


def python_work(c: pd.DataFrame, clustered: bool = True) -> dict[str, float]:
    import ekc_analysis as ekc

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = ekc.propensity_weights(c, "group", COVARIATES)
        res = ekc.survival(c, "time", "event", "group", covariates=COVARIATES, weights=w,
                           cluster="family" if clustered else None)
    t = res.to_frame().set_index("measure")
    se = {m: (np.log(t.loc[m, "ci_high"]) - np.log(t.loc[m, "estimate"])) / 1.959963984540054
          for m in ("hazard_ratio", "adjusted_hazard_ratio", "weighted_hazard_ratio")}
    prob = res.event_probability
    # R lists the comparison group (arm 0) first, then FGC; times 1, 2, 3
    curve = pd.concat([prob[prob["group"] == g] for g in (res.settings["control"], res.settings["treated"])])
    ph = res.ph_test.set_index("term")["statistic"]
    return {"hr": float(np.log(t.loc["hazard_ratio", "estimate"])), "hr_se": se["hazard_ratio"],
            "ahr": float(np.log(t.loc["adjusted_hazard_ratio", "estimate"])), "ahr_se": se["adjusted_hazard_ratio"],
            "whr": float(np.log(t.loc["weighted_hazard_ratio", "estimate"])), "whr_se": se["weighted_hazard_ratio"],
            "logrank": float(t.loc["logrank", "statistic"]), "zph_arm": float(ph["arm"]),
            "zph_global": float(ph["GLOBAL"]), "w_sum": float(w.sum()),
            "km_low": [1 - v for v in curve["ci_high"]], "km_high": [1 - v for v in curve["ci_low"]]}


def best_of(runs: int, c: pd.DataFrame, clustered: bool) -> tuple[float, dict[str, float]]:
    best, out = np.inf, {}
    for _ in range(runs):
        start = time.perf_counter()
        out = python_work(c, clustered)
        best = min(best, time.perf_counter() - start)
    return best, out


def big_run(n: int) -> None:
    """In a fresh process: the same Python work on ``n`` rows; prints seconds and peak RSS as JSON."""
    c = cohort(n)
    python_work(cohort(2000, seed=1))  # warm the lazy imports
    start = time.perf_counter()
    python_work(c)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2  # KiB -> GiB
    print(json.dumps({"n": n, "seconds": seconds, "peak_gib": peak}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--big", type=int, default=1_000_000, help="rows of the memory/time run (0: skip)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--r-runs", type=int, default=1, help="R repetitions (the clustered R run takes minutes)")
    parser.add_argument("--no-r", action="store_true")
    parser.add_argument("--big-only", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.big_only:
        big_run(args.big_only)
        return
    c = cohort(args.n)
    python_work(cohort(2000, seed=1))  # warm the lazy imports (scipy.stats, statsmodels)
    print(f"cohort of {args.n:,} children, {int(c['event'].sum()):,} events, {c['family'].nunique():,} families")
    rscript = None if args.no_r else shutil.which("Rscript")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp, "cohort.csv")
        if rscript:
            c.to_csv(data, index=False)
            Path(tmp, "bench.R").write_text(R_CODE)
        for clustered in (False, True):
            label = "with cluster=family" if clustered else "without clusters (robust only for the weighted model)"
            py_seconds, py = best_of(args.runs, c, clustered)
            print(f"\n{label}\nPython  propensity_weights + survival: {py_seconds:.2f} s (best of {args.runs})")
            if not rscript:
                print("R not run (no Rscript, or --no-r)")
                continue
            result = Path(tmp, "r.json")
            subprocess.run([rscript, str(Path(tmp, "bench.R")), str(data), str(result), str(args.r_runs),
                            "1" if clustered else "0"], check=True)
            r = json.loads(result.read_text())
            r_seconds = r.pop("seconds")[0]
            print(f"R       glm + coxph x3 + survdiff + survfit + cox.zph: {r_seconds:.2f} s (best of {args.r_runs})")
            print(f"ratio   Python / R = {py_seconds / r_seconds:.3f} (goal <= 0.25)")
            worst = 0.0
            for key, theirs in r.items():
                mine = np.atleast_1d(np.asarray(py[key], float))
                theirs_arr = np.asarray(theirs, float)
                worst = max(worst, float(np.max(np.abs(mine - theirs_arr) / np.maximum(1.0, np.abs(theirs_arr)))))
            print(f"agreement: largest relative difference over {len(r)} quantities {worst:.2e} "
                  f"({'within' if worst <= 1e-6 else 'NOT within'} 1e-6)")
    if args.big:
        done = subprocess.run([sys.executable, __file__, "--big-only", str(args.big)], check=True,
                              capture_output=True, text=True)
        big = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"\n{big['n']:,} rows, with cluster=family: {big['seconds']:.2f} s (goal < 30 s), "
              f"peak memory {big['peak_gib']:.2f} GiB (goal < 4 GiB)")


if __name__ == "__main__":
    main()
