"""Writes sandwich_data.csv (run from the repository root: python tests/reference/sandwich_data.py).

A small clustered trial for the HC2/CR2 fixtures (tests/reference/sandwich.R): 40 families of unequal
size (1 to 5 children), randomised by family (arm 1 = FGC), a child-level covariate x, a family effect
shared by siblings, a continuous outcome yc whose spread differs by arm, and a binary outcome yb.
"""
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent


def main() -> None:
    rng = np.random.default_rng(20261125)
    g = 40
    size = rng.choice([1, 2, 3, 4, 5], size=g, p=[0.3, 0.3, 0.2, 0.1, 0.1])
    arm_family = rng.permutation(np.r_[np.ones(24, int), np.zeros(16, int)])
    family = np.repeat(np.arange(1, g + 1), size)
    arm = arm_family[family - 1]
    u = rng.normal(0, 0.8, g)[family - 1]
    n = family.size
    x = np.round(rng.normal(0, 1, n), 3)
    yc = np.round(1 + 0.3 * arm + 0.5 * x + u + rng.normal(0, 1, n) * np.where(arm == 1, 1.8, 1.0), 4)
    yb = (rng.random(n) < 1 / (1 + np.exp(-(-0.4 + 0.5 * arm + 0.6 * x + u)))).astype(int)
    pd.DataFrame({"id": np.arange(1, n + 1), "family": family, "arm": arm, "x": x, "yc": yc, "yb": yb}).to_csv(
        HERE / "sandwich_data.csv", index=False)


if __name__ == "__main__":  # not on import (pytest's doctest collection imports this file)
    main()
