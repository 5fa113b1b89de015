"""The disclosure ledger played against an attacker: from every published count and every additive relation
the report's numbers obey, solve for each hidden count with a linear programme (counts >= 0, integers
relaxed) and check that none is pinned; and check that no more is hidden than needed."""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest
from scipy.optimize import linprog

import ekc_analysis as ekc
from ekc_analysis.reporting._analyses import analyse
from ekc_analysis.reporting._ledger import Ledger
from ekc_analysis.reporting._published import build_ledger, unit_key, unit_marks


def _ledger(n: int, seed: int, threshold: int = 10) -> tuple[Ledger, object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = analyse(ekc.simulate_registry(n, seed=seed))
        return build_ledger(a, threshold), a


def attack(led: Ledger) -> dict[str, tuple[float, float]]:
    """For every hidden published cell, the (min, max) an attacker can reach from what is published."""
    shown = led.published()
    unknown = sorted(led.decide())
    col = {k: i for i, k in enumerate(unknown)}
    rows, rhs = [], []
    for parent, kids in led.relations:
        row = np.zeros(len(unknown))
        b = 0.0
        for key, sign in ((parent, 1.0), *((k, -1.0) for k in kids)):
            if key in col:
                row[col[key]] += sign
            else:
                b -= sign * shown[key]
        if row.any():
            rows.append(row)
            rhs.append(b)
    out = {}
    a_eq, b_eq = np.array(rows), np.array(rhs)
    for key in unknown:
        if key in led.unpublished:
            continue
        c = np.zeros(len(unknown))
        c[col[key]] = 1.0
        lo = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert lo.status == 0 and hi.status in (0, 3), (key, lo.message, hi.message)
        out[key] = (lo.fun, np.inf if hi.status == 3 else -hi.fun)
    return out


def _check(n: int, seed: int) -> int:
    led, _ = _ledger(n, seed)
    bounds = attack(led)
    for key, (lo, hi) in bounds.items():
        value = led.counts[key]
        assert lo - 1e-6 <= value <= hi + 1e-6, (key, value, lo, hi)  # the attacker's box holds the truth
        assert hi - lo > 0.5, f"n={n} seed={seed}: {key}={value:g} pinned to [{lo:g}, {hi:g}]"
    return sum(led.small(k) for k in bounds)


CASES = [(int(n), seed) for seed, n in enumerate(np.random.default_rng(19).integers(20, 301, 30))]


@pytest.mark.parametrize(("n", "seed"), CASES)
def test_no_hidden_count_can_be_solved_for(n: int, seed: int) -> None:
    _check(n, seed)


@pytest.mark.slow
def test_no_hidden_count_can_be_solved_for_many_registries() -> None:
    rng = np.random.default_rng(2019)
    small = sum(_check(int(rng.integers(20, 301)), 1000 + i) for i in range(120))
    assert small > 100  # the registries do hold small counts to protect


def test_small_registries_hold_small_counts_and_decide_fast() -> None:
    led, _ = _ledger(300, 3)
    start = time.perf_counter()
    led._hidden = None
    led.decide()
    assert time.perf_counter() - start < 0.5
    assert any(led.small(k) for k in led.counts)
    assert all(led.mark(k) == "<10" for k in led.counts if 0 < led.counts[k] < 10 and k not in led.unpublished)
    assert all(led.mark(k) == "" for k in led.counts if led.counts[k] == 0)


def test_the_classic_subtraction_is_closed() -> None:
    """85 conferences, 77 with a plan: the 8 without are hidden, and so is what would give them away."""
    led = Ledger(10)
    conf = led.count("conf", 85, protected=True)
    led.relation(conf, [led.count("plan", 77), led.count("no_plan", 8)])
    led.share("rate", "plan", conf)
    assert led.mark("no_plan") == "<10" and led.mark("plan") == "x" and led.mark("rate") == "x"
    assert led.mark("conf") == ""


def test_a_unit_with_n_45_keeps_its_n_and_flag() -> None:
    """The sample's Gemeente F: 45 plans followed up, 9 fully carried out (below the 95 % limit)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = analyse(ekc.sample_data())
    led = build_ledger(a, 10)
    res = a.described.benchmarks.municipality_execution
    marks = unit_marks(res, led).set_axis(res.table["unit"])
    row = res.table.set_index("unit").loc["Gemeente F"]
    assert (row["n"], row["events"], row["flag"]) == (45, 9, "below_95")
    assert marks.loc["Gemeente F"].tolist() == ["", "<10", True]
    assert led.mark(unit_key(res, "Gemeente F", "rest")) == "x"  # 36 = 45 − 9 would give the 9 away
    # every unit keeps its n; only Gemeente F and one partner lose their share
    assert (marks["n"] == "").all() and (marks["share"] != "").sum() == 2
    # nothing else in the report is hidden
    assert {k for k in led.decide() if not k.startswith("bm/") and k not in led.unpublished} == set()
