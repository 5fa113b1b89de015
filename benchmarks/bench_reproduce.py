"""Time ``python -m ekc_analysis`` (the whole reproduction from data/sample) as a user runs it.

Run:  python benchmarks/bench_reproduce.py [--runs 3]

Each run is a fresh process (imports, loading, every analysis, both reports, every figure in PNG and
SVG, tables, the PDFs when Chromium is installed, manifest) into a temporary folder; prints every run
and the best. Reported, never asserted.
Goal (issue 20.7): 10 s or less on the 2-core machine (issue 6: under 20 s).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time


def calibration() -> float:
    """Seconds for 10^7 additions in pure Python: how fast this machine is this hour (0.6 s on a typical core)."""
    t = time.perf_counter()
    total = 0
    for i in range(10**7):
        total += i
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-pdf", action="store_true", help="leave the PDFs out (as without Chromium)")
    args = ap.parse_args()
    print(f"machine: 10^7 additions in {calibration():.2f} s")
    times = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "ekc_analysis", "--out", out, "--quiet",
                            *(["--no-pdf"] if args.no_pdf else [])], check=True)
            times.append(time.perf_counter() - t)
    print("runs: " + ", ".join(f"{t:.2f} s" for t in times))
    print(f"python -m ekc_analysis (best of {args.runs}): {min(times):.2f} s")
    print(f"machine: 10^7 additions in {calibration():.2f} s")


if __name__ == "__main__":
    main()
