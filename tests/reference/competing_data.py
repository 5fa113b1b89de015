"""Writes competing_data.csv (run from the repository root: python tests/reference/competing_data.py).

300 simulated children, FGC (arm 1) or not, three causes ending follow-up (1 re-referral, 2 and 3
competing ends) with exponential hazards, uniform censoring, times rounded up to whole months (ties);
a continuous outcome y and a binary yb for variance_explained, weights w and a family cluster.
"""
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent


def main() -> None:
    rng = np.random.default_rng(20261125)
    n = 300
    arm = rng.integers(0, 2, n)
    family = rng.integers(0, 90, n)
    age = np.round(rng.normal(8, 4, n), 1)
    score = np.round(rng.normal(0, 1, n), 2)
    h1 = 0.25 * np.exp(0.3 * arm + 0.05 * (age - 8))
    h2 = 0.15 * np.exp(-0.2 * arm)
    h3 = 0.08
    t1, t2, t3 = rng.exponential(1 / h1), rng.exponential(1 / h2), rng.exponential(1 / h3 * np.ones(n))
    c = rng.uniform(1, 5, n)
    tt = np.minimum.reduce([t1, t2, t3, c])
    status = np.select([tt == t1, tt == t2, tt == t3], [1, 2, 3], 0)
    time = np.ceil(tt * 12) / 12  # months: many ties
    time = np.round(time, 4)
    y = np.round(1 + 0.4 * arm + 0.1 * age + 0.5 * score + rng.normal(0, 1, n), 3)
    yb = (rng.random(n) < 1 / (1 + np.exp(-(-0.5 + 0.5 * arm + 0.6 * score)))).astype(int)
    w = np.round(rng.uniform(0.5, 2.5, n), 3)
    pd.DataFrame({"id": np.arange(1, n + 1), "family": family, "arm": arm, "age": age, "score": score, "time": time,
                  "status": status, "y": y, "yb": yb, "w": w}).to_csv(HERE / "competing_data.csv", index=False)


if __name__ == "__main__":  # not on import (pytest's doctest collection imports this file)
    main()
