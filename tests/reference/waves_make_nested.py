"""Writes waves_nested.csv: a synthetic three-level set (waves within children within families) for waves.R.

Run from tests/reference: python waves_make_nested.py (seeded; the file is committed).
"""

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent


def main() -> None:
    rng = np.random.default_rng(2015)
    rows = []
    for f in range(60):
        arm = int(f % 5 < 3)  # 36 FGC families, 24 comparison
        fam = rng.normal(0, 4)
        for c in range(int(rng.integers(1, 4))):
            child = rng.normal(0, 3)
            base = 50 + fam + child
            for w in (0, 6, 12):
                if w > 0 and rng.random() < 0.15:  # dropout at a later wave
                    break
                rows.append({"family": f"F{f:02d}", "child": f"F{f:02d}-{c}", "group": "fgc" if arm else "cau",
                             "wave": w, "score": round(base + 0.2 * w + 1.0 * arm * (w > 0) + rng.normal(0, 4), 2),
                             "improved": int(rng.random() < 1 / (1 + np.exp(-(-0.3 + 0.05 * w + 0.3 * arm
                                                                                 + 0.1 * fam))))})
    pd.DataFrame(rows).to_csv(HERE / "waves_nested.csv", index=False)


if __name__ == "__main__":  # not on import (pytest's doctest collection imports this file)
    main()
