"""Synthetic registries and study data in the shapes of the real studies.

Modules inside are private; this folder's public names are re-exported here.
"""

from __future__ import annotations

from ._synthetic import DEFAULT_SEED, simulate_cohort, simulate_meta, simulate_registry, simulate_trial, write_sample

__all__ = ["DEFAULT_SEED", "simulate_cohort", "simulate_meta", "simulate_registry", "simulate_trial", "write_sample"]
