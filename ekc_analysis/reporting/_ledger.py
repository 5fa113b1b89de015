"""One disclosure ledger for every number a report publishes.

Every count the report, its tables, figures, sentences and CSV files show is registered once under a
key (``table/stratum/cell``), with the additive relations that bind counts together (a parent total is
the sum of its children: conferences = with a plan + without a plan + unknown; the years add up to the
whole; a unit's n is its events plus the rest). Every share is registered with the keys of its
numerator and denominator. Suppression is then decided once, over all of them together:

- primary: a count with ``0 < count < threshold`` is hidden (shown as ``<10``);
- secondary, to a fixpoint: in every relation where exactly one cell (parent or child) is hidden, the
  smallest shown non-zero other cell is hidden too (shown as ``x``), preferring a child over the
  parent and an ordinary cell over a *protected* one (a unit's n, a headline total), so no hidden count
  follows by adding or subtracting published counts;
- a share (or a mean, or a bound) is hidden when its numerator or its denominator is hidden; a share
  shown gives its numerator away, so its numerator is registered as a count like any other.

A relation whose children do not add up to its parent (cases without a year or a municipality) gets
an unpublished remainder cell: the reader knows only that it is not negative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import ArgumentError

REST = "/~rest"  # suffix of an unpublished remainder cell


@dataclass
class Ledger:
    threshold: int = 10
    counts: dict[str, float] = field(default_factory=dict)
    protected: set[str] = field(default_factory=set)
    unpublished: set[str] = field(default_factory=set)
    relations: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    shares: dict[str, tuple[str, str]] = field(default_factory=dict)
    _hidden: set[str] | None = field(default=None, repr=False)

    # --- registration -------------------------------------------------------------------------------------
    def count(self, key: str, value: float, *, protected: bool = False) -> str:
        """Register a published count (again with the same value is a no-op); returns the key."""
        v = float(value)
        if key in self.counts and self.counts[key] != v:
            raise ArgumentError(f"ledger: {key!r} registered as {self.counts[key]:g} and as {v:g}")
        self.counts[key] = v
        if protected:
            self.protected.add(key)
        self._hidden = None
        return key

    def relation(self, parent: str, children: Iterable[str]) -> None:
        """parent = sum(children); a positive remainder becomes an unpublished cell, a negative one drops
        the relation (the cells do not nest)."""
        kids = tuple(children)
        missing = [k for k in (parent, *kids) if k not in self.counts]
        if missing:
            raise ArgumentError(f"ledger: relation over unregistered cells {missing}")
        rest = self.counts[parent] - sum(self.counts[k] for k in kids)
        if rest < -1e-9:
            return
        if rest > 1e-9:
            key = parent + REST + str(len(self.relations))
            self.counts[key] = rest
            self.unpublished.add(key)
            kids = (*kids, key)
        self.relations.append((parent, kids))
        self._hidden = None

    def share(self, key: str, numerator: str, denominator: str) -> str:
        for k in (numerator, denominator):
            if k not in self.counts:
                raise ArgumentError(f"ledger: share {key!r} over unregistered cell {k!r}")
        self.shares[key] = (numerator, denominator)
        return key

    # --- decisions ----------------------------------------------------------------------------------------
    def small(self, key: str) -> bool:
        """Primary suppression: 0 < count < threshold."""
        v = self.counts[key]
        return key not in self.unpublished and 0 < v < self.threshold

    def decide(self) -> set[str]:
        """The hidden cells (primary + secondary), computed once; unpublished cells count as hidden."""
        if self._hidden is not None:
            return self._hidden
        hidden = {k for k in self.counts if self.small(k)} | set(self.unpublished)
        member_of: dict[str, list[int]] = defaultdict(list)
        for i, (parent, kids) in enumerate(self.relations):
            for k in (parent, *kids):
                member_of[k].append(i)
        queue = list(range(len(self.relations)))
        queued = set(queue)
        while queue:
            i = queue.pop()
            queued.discard(i)
            parent, kids = self.relations[i]
            cells = (parent, *kids)
            alone = [c for c in cells if c in hidden]
            if len(alone) != 1 or alone[0] in self.unpublished:  # a remainder needs no protection
                continue
            pick = self._candidate(parent, kids, hidden, member_of)
            if pick is None:
                continue
            hidden.add(pick)
            for j in member_of[pick]:
                if j not in queued:
                    queue.append(j)
                    queued.add(j)
        self._hidden = hidden
        return hidden

    def _candidate(
        self, parent: str, kids: tuple[str, ...], hidden: set[str], member_of: dict[str, list[int]]
    ) -> str | None:
        """The smallest shown non-zero cell: children before the parent, ordinary before protected, and a
        cell that also mends another relation with a single hidden cell before one that does not."""

        def lonely(c: str) -> int:  # relations of c that have exactly one hidden cell now
            return sum(
                sum(x in hidden for x in (self.relations[j][0], *self.relations[j][1])) == 1 for j in member_of[c]
            )

        options = [
            (c in self.protected, c == parent, -lonely(c), self.counts[c], c)
            for c in (parent, *kids)
            if c not in hidden and self.counts[c] > 0
        ]
        return min(options)[-1] if options else None

    def hidden(self, key: str) -> bool:
        if key in self.shares:
            num, den = self.shares[key]
            return self.hidden(num) or self.hidden(den)
        return key in self.decide()

    def mark(self, key: str) -> str:
        """'' (shown), '<k' (small) or 'x' (hidden so that a small one cannot be recovered)."""
        if key in self.shares:
            num, den = self.shares[key]
            marks = (self.mark(num), self.mark(den))
            return f"<{self.threshold}" if f"<{self.threshold}" in marks else "x" if "x" in marks else ""
        if self.small(key):
            return f"<{self.threshold}"
        return "x" if key in self.decide() else ""

    def published(self) -> dict[str, float]:
        """The counts a reader can read (or derive from a shown share): what an attacker starts from."""
        hidden = self.decide()
        return {k: v for k, v in self.counts.items() if k not in hidden}


__all__ = ["REST", "Ledger"]
