"""Seeded synthetic studies shaped like the real designs: children clustered in families, three groups.

:func:`simulate_wodc` makes the WODC/UvA design: families under a supervision order that held a
conference (84), were offered one but did not hold it (121), or had care as usual (85), with
self-selection into holding a conference (see its docstring for the calibration).

The ZonMw trial (Dijkstra et al. 2019, Child Maltreatment 24) randomised 328 families 229 : 99 to an
offered conference or care as usual, with 529 children in them; 27 % of the offered families held a
conference; safety improved equally in both arms, and more families in the conference arm had a child
placed out of home (9 % vs 1.3 % of families in a secondary summary). :func:`simulate_zonmw` makes a
child-level dataset of exactly that shape, so that ``ekc.compare(..., cluster="family_id")`` has
something real to do: siblings share a family effect (intraclass correlation about 0.4 for safety),
placements happen to families, not to single children.

==========================================  =====================================================
parameter                                   driven by
==========================================  =====================================================
families per arm                            228 + 1 / 99: ZonMw randomisation 229 : 99
children                                    529 in total, 1–4 per family (assumption: sizes
                                            1 / 2 / 3 / 4 with 55 / 30 / 10 / 5 %, then fixed to 529)
conference held in the offered arm          ``zonmw_conference_held``: 27 %
safety at 12 months                         no effect of the offer ("equally effective as CAU");
                                            family SD 6, child SD 7 → ICC ≈ 0.42 (assumption)
out-of-home placement (family)              9 % offered vs 1.3 % care as usual (secondary summary;
                                            approximate), every child of a placed family with 80 %
==========================================  =====================================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..describe import REFERENCES

ZONMW_FAMILIES = (229, 99)
ZONMW_CHILDREN = 529


def _family_sizes(rng: np.random.Generator, families: int, children: int) -> np.ndarray:
    """Children per family (1–4), summing exactly to ``children``."""
    sizes = rng.choice([1, 2, 3, 4], size=families, p=[0.55, 0.30, 0.10, 0.05])
    while sizes.sum() != children:
        if sizes.sum() > children:
            i = rng.choice(np.flatnonzero(sizes > 1))
            sizes[i] -= 1
        else:
            i = rng.choice(np.flatnonzero(sizes < 4))
            sizes[i] += 1
    return sizes


def simulate_zonmw(seed: int = 2015, families: tuple[int, int] = ZONMW_FAMILIES,
                   children: int = ZONMW_CHILDREN) -> pd.DataFrame:
    """A ZonMw-shaped cluster trial: one row per child, families randomised to FGC (offered) or care as usual.

    Parameters
    ----------
    seed : int
        Random seed; the same seed gives the same rows.
    families : (int, int)
        Families randomised to the offer of a conference and to care as usual.
    children : int
        Children in all families together (each family has 1–4).

    Returns
    -------
    DataFrame
        ``family_id, child_id, group`` (``fgc``/``cau``), ``conference_held`` (family, 0 in ``cau``),
        ``age, girl, non_western, safety_0, safety_12, placed``.

    Examples
    --------
    >>> d = simulate_zonmw()
    >>> len(d), d["family_id"].nunique(), d.groupby("group")["family_id"].nunique().to_dict()
    (529, 328, {'cau': 99, 'fgc': 229})
    """
    rng = np.random.default_rng(seed + 11)
    n_fam = sum(families)
    arm = rng.permutation(np.repeat([1, 0], families))
    sizes = _family_sizes(rng, n_fam, children)
    held = (arm == 1) & (rng.random(n_fam) < REFERENCES["zonmw_conference_held"].value)
    non_western = rng.random(n_fam) < 0.4
    family_effect = rng.normal(0, 6, n_fam)
    placed_family = rng.random(n_fam) < np.where(arm == 1, 0.09, 0.013)

    fam = np.repeat(np.arange(n_fam), sizes)
    n = len(fam)
    age = rng.integers(0, 18, n)
    girl = rng.random(n) < 0.49
    safety0 = 50 + family_effect[fam] + rng.normal(0, 7, n)
    safety12 = 30 + 0.45 * safety0 + 0.6 * family_effect[fam] + rng.normal(0, 6, n)  # no effect of the offer
    placed = placed_family[fam] & (rng.random(n) < 0.8)
    within = np.concatenate([np.arange(1, s + 1) for s in sizes])
    family_id = np.array([f"F{i + 1:03d}" for i in range(n_fam)])[fam]
    return pd.DataFrame({
        "family_id": family_id, "child_id": [f"{f}-{k}" for f, k in zip(family_id, within, strict=True)],
        "group": np.where(arm[fam] == 1, "fgc", "cau"), "conference_held": held[fam].astype(int),
        "age": age, "girl": girl.astype(int), "non_western": non_western[fam].astype(int),
        "safety_0": np.round(safety0, 1), "safety_12": np.round(safety12, 1), "placed": placed.astype(int),
    })


WODC_GROUPS = {"held": 84, "not_held": 121, "cau": 85}


def simulate_wodc(seed: int = 2015, groups: dict[str, int] | None = None) -> pd.DataFrame:
    """A WODC/UvA-shaped study: families under a supervision order, in three groups, one row per family.

    84 families held a conference, 121 were offered one but did not hold it, 85 had care as usual
    (Dijkstra et al., WODC 2016). The groups were not formed by lot within the offered families:
    families with fewer prior reports held a conference more often, so ``held`` against ``cau``
    mixes selection with any effect. Calibrated to the published findings: no better safety and no
    less professional care with a conference (true effects 0), more extensions of the supervision
    order for non-western families who held one (odds ratio ≈ 2.5), higher care costs, and plans
    mostly not used three months on (30 % used).

    Returns
    -------
    DataFrame
        ``family_id, group`` (``held``/``not_held``/``cau``), ``non_western, prior_reports, age,
        safety_0, safety_12, professional_care_12, ots_extension, costs, plan_used_3m``.

    Examples
    --------
    >>> simulate_wodc()["group"].value_counts().to_dict()
    {'not_held': 121, 'cau': 85, 'held': 84}
    """
    rng = np.random.default_rng(seed + 13)
    sizes = groups or WODC_GROUPS
    n = sum(sizes.values())
    offered = rng.permutation(np.repeat([1, 0], [sizes["held"] + sizes["not_held"], sizes["cau"]])) == 1
    prior = rng.poisson(1.6, n)
    non_western = rng.random(n) < 0.4
    age = rng.integers(0, 18, n)
    # within the offered families, fewer prior reports → likelier to hold the conference (self-selection)
    group = np.full(n, "cau", dtype=object)
    idx = np.flatnonzero(offered)
    score = -0.45 * prior[idx] + rng.logistic(0, 1, idx.size)
    held_idx = idx[np.argsort(-score)[: sizes["held"]]]
    group[idx] = "not_held"
    group[held_idx] = "held"
    held = group == "held"
    safety0 = 50 - 1.5 * prior + rng.normal(0, 9, n)
    safety12 = 26 + 0.5 * safety0 - 1.0 * prior + rng.normal(0, 7, n)  # wodc_safety_effect = 0
    lp_care = -0.2 + 0.3 * (prior - 1.6)  # wodc_care_effect = 0
    care = rng.random(n) < 1 / (1 + np.exp(-lp_care))
    lp_ext = -0.6 + 0.2 * non_western + 0.15 * (prior - 1.6) + np.log(2.5) * (held & non_western)
    extension = rng.random(n) < 1 / (1 + np.exp(-lp_ext))
    costs = rng.lognormal(np.log(16000) - 0.5 * 0.9**2, 0.9, n) * np.where(held, 1.12, 1.0) + held * 30 * 75
    return pd.DataFrame({
        "family_id": [f"W{i + 1:03d}" for i in range(n)], "group": group,
        "non_western": non_western.astype(int), "prior_reports": prior, "age": age,
        "safety_0": np.round(safety0, 1), "safety_12": np.round(safety12, 1),
        "professional_care_12": care.astype(int), "ots_extension": extension.astype(int),
        "costs": np.round(costs, 2), "plan_used_3m": np.where(held, (rng.random(n) < 0.3).astype(float), np.nan),
    })
