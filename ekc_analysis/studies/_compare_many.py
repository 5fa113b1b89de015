"""Several groups and several outcomes: :func:`ekc.compare` with three or more groups, and ``compare_many``.

Three or more groups as they came about (the WODC/UvA study: held a conference / offered, not held /
care as usual): each group against the reference by the two-group :func:`ekc.compare`; ``combine``
pools groups into one more contrast (offered = held + not held, against care as usual: the least
biased WODC contrast); the omnibus test is adjusted for the same covariates (:mod:`.contrast_tests`);
``adjust`` controls multiplicity across the contrasts. With three or more groups the design is
observational unless stated, and only the FGC group of a contrast is called FGC.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ..intake import normalise
from ..results import Result, standard_errors
from ..stats._models import SmallSample
from . import _clustered as clustered
from . import _contrast_tests as contrast_tests
from . import _contrasts as contrasts
from ._compare import COLUMNS, Kind, _kind, two_group_compare
from ._groups import FGC_WORDS, binary_values, check_columns
from ._imputation_pool import pools_imputations

FGC_GROUPS = FGC_WORDS | {"held", "conference_held", "offered", "fgc_offered", "gehouden", "aangeboden"}


def _pooled(df: pd.DataFrame, group: str, levels: list[object],
            combine: Mapping[str, Sequence[object]] | None) -> dict[str, list[object]]:
    """The pooled groups of ``combine`` with their member groups (as they are spelled in the data)."""
    if not combine:
        return {}
    if not isinstance(combine, Mapping):
        raise ArgumentError("combine must map a new group name to the groups it pools, e.g. "
                            "combine={'offered': ['held', 'not_held']}")
    out: dict[str, list[object]] = {}
    for name, members in combine.items():
        members = [members] if isinstance(members, str) else list(members)
        found = [next((v for v in levels if contrasts._same(m, v)), None) for m in members]
        missing = [m for m, f in zip(members, found, strict=True) if f is None]
        if missing or len(members) < 2:
            raise ArgumentError(f"combine={{{name!r}: {members!r}}}: name at least two groups of {group!r} to pool"
                                + (f"; {', '.join(map(repr, missing))} not found" if missing else "")
                                + f"; groups are: {', '.join(repr(contrasts._plain(v)) for v in levels)}")
        if any(contrasts._same(name, v) for v in levels):
            raise ArgumentError(f"combine: the pooled group {name!r} has the name of an existing group of {group!r}")
        out[str(name)] = found
    return out


def _is_fgc(level: object, treated: object, pooled: Mapping[str, Sequence[object]]) -> bool:
    """Whether ``level`` is an FGC group: named in ``treated``, or (by default) named like one
    (held, offered, fgc, ...), or a pooled group containing one."""
    if treated is not None:
        named = treated if isinstance(treated, (list, tuple, set)) else [treated]
        return any(contrasts._same(level, t) for t in named)
    if str(level) in pooled:
        return any(_is_fgc(m, None, {}) for m in pooled[str(level)])
    return normalise(level) in FGC_GROUPS


def several(df: pd.DataFrame, outcome: str, group: str, treated: object, covariates: list[str],
            moderator: str | None, *, reference: object, kind: Kind, alpha: float, design: contrasts.Design | None,
            self_selected: Sequence[object], combine: Mapping[str, Sequence[object]] | None,
            adjust: contrast_tests.Adjust, cluster: str | None, compliance: str | None,
            small_sample: SmallSample) -> Result:
    """Each group (and each pooled group) against ``reference``, the adjusted omnibus test and the
    multiplicity adjustment: :func:`ekc.compare` with three or more groups.

    One row set per contrast, a ``p_adjusted`` column with ``adjust`` (primary rows: the (adjusted)
    risk or mean difference), and one test row ``measure == "omnibus"`` over the original groups:
    its statistic (chi-square or F, see the notes) in ``statistic``, its (numerator) ``df``.
    """
    levels = contrasts.group_levels(df, group)
    design = design or ("randomised" if len(levels) == 2 else "observational")
    contrasts.check_design(design, self_selected, levels, reference, group)
    if reference is None:
        raise ArgumentError(f"group={group!r} has {len(levels)} groups ({', '.join(repr(str(v)) for v in levels)}): "
                            "name the comparison group, e.g. reference='cau'")
    if adjust is not None and adjust not in contrast_tests.ADJUST:
        raise ArgumentError(f"adjust={adjust!r}: choose 'holm' (family-wise error) or 'bh' (false discovery rate)")
    ref = next(v for v in levels if contrasts._same(v, reference))
    pooled = _pooled(df, group, levels, combine)
    if any(contrasts._same(ref, m) for ms in pooled.values() for m in ms):
        raise ArgumentError(f"combine pools the reference group {contrasts._plain(ref)!r}; pool other groups")
    check_columns(df, [outcome, *covariates])
    k = _kind(df[outcome], kind)
    chosen = list(self_selected)
    parts = []
    for lev in [v for v in levels if v is not ref] + list(pooled):
        members = pooled.get(str(lev), [lev])
        sub = df[df[group].isin([*members, ref])]
        if str(lev) in pooled:
            sub = sub.assign(**{group: sub[group].where(sub[group].isin([ref]), lev)})
        parts.append(two_group_compare(
            sub, outcome, group, lev, covariates, moderator, cluster=cluster, reference=ref, design=design,
            self_selected=[v for v in chosen if str(v) in (str(lev), str(ref))], compliance=compliance, kind=k,
            alpha=alpha, small_sample=small_sample, fgc=_is_fgc(lev, treated, pooled)))
    omni, what = _omnibus(df, outcome, group, levels, ref, k, covariates, cluster)
    table = pd.concat([r.table for r in parts] + [pd.DataFrame([omni], columns=COLUMNS)], ignore_index=True)
    notes = _notes(parts, levels, ref, pooled, omni, what)
    if adjust is not None:
        primary = table["measure"] == ("adjusted_" if covariates else "") + (
            "risk_difference" if k == "binary" else "mean_difference")
        table["p_adjusted"] = np.nan
        table.loc[primary, "p_adjusted"] = contrast_tests.p_adjust(table.loc[primary, "p_value"], adjust)
        what_key = f"what_{'adjusted_' if covariates else ''}{'risk' if k == 'binary' else 'mean'}_differences"
        notes.append(Message("note_p_adjusted", {"method": contrast_tests.ADJUST[adjust], "k": int(primary.sum()),
                                                 "what": Message(what_key)}))
    arms = pd.concat([r.arms for r in parts], ignore_index=True).drop_duplicates(subset="group", ignore_index=True)
    extras: dict[str, object] = {"arms": arms, "contrasts": {str(r.settings["treated"]): r for r in parts},
                                 "standard_errors": pd.concat([*(r.standard_errors for r in parts),
                                                               standard_errors([{}])], ignore_index=True)}
    if cluster:
        extras["clustering"] = pd.concat([r.clustering for r in parts], ignore_index=True)
    lead = "title_compare_groups" if design == "randomised" else "title_differences_groups"
    return Result("compare", table, Message(lead, {"outcome": outcome, "kind": k, "k": len(levels), "ref": str(ref)}),
                  tuple(dict.fromkeys(notes)), extras,
                  {"outcome": outcome, "group": group, "reference": ref, "kind": k, "covariates": covariates,
                   "moderator": moderator, "alpha": alpha, "self_selected": chosen, "percent_columns": (),
                   "design": design, "n_groups": len(levels), "combine": pooled, "adjust": adjust, "cluster": cluster,
                   "compliance": compliance, "small_sample": small_sample,
                   "fgc": {str(r.settings["treated"]): _is_fgc(r.settings["treated"], treated, pooled)
                           for r in parts}})


def _omnibus(df: pd.DataFrame, outcome: str, group: str, levels: list[object], ref: object, k: str,
             covariates: list[str], cluster: str | None) -> tuple[dict[str, object], str]:
    """The omnibus row over the original groups (complete cases of outcome, covariates and cluster)."""
    data = df.dropna(subset=[outcome, group, *covariates, *([cluster] if cluster else [])])
    order = [ref] + [v for v in levels if v is not ref]
    codes = data[group].map({v: i for i, v in enumerate(order)}).to_numpy(dtype=int)
    y = binary_values(data[outcome], outcome) if k == "binary" else pd.to_numeric(data[outcome]).to_numpy(float)
    cl = data[cluster].astype(str).to_numpy() if cluster else None
    if covariates or cl is not None:
        stat, p, what, dof = contrast_tests.wald_groups(data, y, codes, len(order), k, covariates, cl)
    else:
        stat, p, what, dof = contrasts.omnibus(y, codes, k, order)
    n_ref = int((codes == 0).sum())
    return ({"outcome": outcome, "contrast": "all groups", "measure": "omnibus", "level": None,
             "estimate": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_value": p,
             "n_treated": int(codes.size - n_ref), "n_control": n_ref, "statistic": stat, "df": dof}, what)


def _notes(parts: list[Result], levels: list[object], ref: object, pooled: Mapping[str, Sequence[object]],
           omni: dict[str, object], what: str) -> list[str]:
    arms = [f"{r.settings['treated']!s} (n = {r.arms['n'].iloc[0]})" for r in parts
            if str(r.settings["treated"]) not in pooled]
    notes: list[str] = [Message("note_groups", {"k": len(levels), "ref": str(ref),
                                                "arms": ", ".join([*arms, f"{ref!s} (n = {omni['n_control']})"])})]
    for name, members in pooled.items():
        plain = [str(contrasts._plain(m)) for m in members]
        joined = Message("pair", {"a": plain[0], "b": plain[1]}) if len(plain) == 2 else ", ".join(plain)
        notes.append(Message("note_pools", {"name": name, "members": joined, "ref": str(ref)}))
    common = set.intersection(*(set(r.notes) for r in parts))
    for r in parts:
        name = contrasts.contrast_name(r.settings["treated"], ref)
        notes += [n if n.startswith(name) else Message("note_of_contrast", {"name": name, "note": n})
                  for n in r.notes if n not in common]
    notes += [n for n in parts[0].notes if n in common]
    notes.append(Message("note_omnibus", {"what": what, "p": float(omni["p_value"])}))  # type: ignore[arg-type]
    return notes


@pools_imputations
def compare_many(df: pd.DataFrame, outcomes: Sequence[str], group: str, treated: object = None,
                 covariates: Sequence[str] = (), *, cluster: str | None = None, reference: object = None,
                 design: contrasts.Design | None = None, self_selected: Sequence[object] = (),
                 alpha: float = 0.05, small_sample: SmallSample = "satterthwaite") -> Result:
    """Several outcomes at once, with Holm and Benjamini–Hochberg adjusted p-values.

    One row per outcome (and contrast, with three or more groups) with its primary measure: the
    (adjusted, when covariates are given) risk difference for a binary outcome, the (adjusted) mean
    difference for a continuous one. With ``cluster`` (e.g. ``"family_id"``) every row is
    cluster-robust as in :func:`compare`; ``reference``, ``design``, ``self_selected`` and
    ``small_sample`` as there.
    """
    from ._compare import compare

    rows, clusters = [], []
    for outcome in outcomes:
        r = compare(df, outcome, group, treated, covariates, cluster=cluster, reference=reference, design=design,
                    self_selected=self_selected, alpha=alpha, small_sample=small_sample)
        if cluster:
            clusters.append(r.clustering)
        k = r.settings["kind"]
        primary = ("adjusted_" if covariates else "") + ("risk_difference" if k == "binary" else "mean_difference")
        rows += pd.concat([r.table, r.standard_errors], axis=1)[r.table["measure"] == primary].to_dict("records")
    table = pd.DataFrame(rows, columns=COLUMNS)
    p = table["p_value"].to_numpy(dtype=float)
    table["p_holm"], table["p_bh"] = contrast_tests.p_adjust(p, "holm"), contrast_tests.p_adjust(p, "bh")
    notes: list[str] = [Message("note_holm_bh")]
    extras: dict[str, object] = {"standard_errors": standard_errors(rows)}
    if cluster:
        extras["clustering"] = pd.concat(clusters, ignore_index=True)
        notes.append(Message("note_many_clustered", {"cluster": cluster, "method": clustered.METHODS[small_sample]}))
    return Result("compare_many", table, Message("title_compare_many", {"k": len(outcomes)}), tuple(notes), extras,
                  settings={"alpha": alpha, "cluster": cluster, "percent_columns": ()})
