"""Figures of effect estimates: forest plots, Kaplan–Meier curves, balance and overlap, CONSORT flow."""

from __future__ import annotations

from collections.abc import Callable

DRAWERS: dict[tuple[str, str | None], Callable[..., object]] = {}
