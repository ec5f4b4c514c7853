"""Monte-Carlo uncertainty of ranks (COINr ``get_sensitivity(SA_type = "UA")``).

Each replication of an :class:`UncertaintyDesign` rebuilds the aggregates whose
weights or mean vary, and those above them; the rest keep their nominal scores, so
the normalised indicators are computed once. Arrays are laid out replications ×
units, and a unit's score is summed child by child, so a design of factors 1
reproduces the nominal index bit for bit.

Per unit: the nominal rank, the median and 5th/95th percentile ranks (numpy's
``inverted_cdf``: always an observed rank — COINr's ``get_sensitivity`` uses R's
``median`` and ``quantile(type = 7)``, which interpolate between ranks, so an even
number of replications can give it a half rank where cchc gives an observed one),
the share of replications in the top ``top`` ranks, and, given bands, the share of
replications whose published index (rounded as
:attr:`~cchc.composite.CompositeResult.published_index` is) falls in each band.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

import attrs
import numpy as np

from cchc._display import import_pandas
from cchc.composite._aggregate import (
    AGGREGATIONS,
    apply_min_coverage,
    check_covered,
    check_positive,
    combine,
    finish,
    normalised_weights,
    transform,
)
from cchc.composite._checks import is_whole
from cchc.composite._design import UncertaintyDesign
from cchc.composite._pipeline import CompositeResult, CompositeSpec, build_index
from cchc.composite._ranks import rank_rows
from cchc.composite._rounding import published
from cchc.errors import CompositeError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BandLike", "UncertaintyResult", "simulate", "uncertainty"]


class BandLike(Protocol):
    """Anything with a ``code`` and an inclusive lower bound ``min_index``.

    :class:`cchc.documents.framework.Band` is one.
    """

    @property
    def code(self) -> str: ...

    @property
    def min_index(self) -> Decimal | float: ...


def simulate(
    result: CompositeResult,
    design: UncertaintyDesign,
    pipelines: Sequence[CompositeSpec] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """The index in every replication of ``design``.

    Replications that use an alternative pipeline start from the index built with that
    spec (built once per alternative); the others start from ``result``.

    Returns:
        ``(index, ranked)``: the ``(replications, units)`` index (NaN for a unit whose
        nominal index is missing), and the boolean mask of units with a nominal index.

    Raises:
        CompositeError: The design does not fit the tree (or was drawn for another tree
            or other pipelines), a geometric or harmonic mean meets a score that is not
            positive, a unit's present children all get weight 0 in some replication,
            a unit with a nominal index loses it in some replication (an alternative
            pipeline left it without data), or the design names a pipeline that
            ``pipelines`` does not have.
    """
    if not isinstance(result, CompositeResult) or not isinstance(design, UncertaintyDesign):
        raise CompositeError("needs a built index (CompositeResult) and an UncertaintyDesign")
    pipelines = tuple(pipelines)
    design.check(result.tree, pipelines)
    r, units = design.replications, len(result.units)
    if design.pipelines is None:
        index = _simulate(result, design)
    else:
        if max(design.pipelines) >= len(pipelines):
            raise CompositeError(
                f"the design uses pipeline {max(design.pipelines)} but "
                f"{len(pipelines)} alternative spec(s) were given"
            )
        index = np.empty((r, units))
        choice = np.array(design.pipelines)
        for p in np.unique(choice):
            chosen = choice == p
            base = build_index(result.data, result.tree, pipelines[int(p)])
            index[chosen] = _simulate(base, design.rows(chosen))
    ranked = ~np.isnan(result.index)
    lost = np.isnan(index) & ranked[None, :]
    if lost.any():
        rep, unit = np.argwhere(lost)[0]
        raise CompositeError(
            f"the index is missing in replication {rep + 1}", unit=result.units[unit]
        )
    return index, ranked


def _simulate(result: CompositeResult, design: UncertaintyDesign) -> np.ndarray:
    tree = result.tree
    varying = set(design.weight_factors) | set(design.aggregations)
    for code in list(varying):
        varying.update(tree.ancestors(code))
    scores: dict[str, np.ndarray] = {}

    def score(code: str) -> np.ndarray:
        if code in scores:
            return scores[code]
        return result.aggregated.column(code)[None, :]

    r = design.replications
    for code in tree.aggregates:
        if code not in varying:
            continue
        kids = tree.children(code)
        base = np.array([tree.node(k).weight for k in kids], dtype=np.float64)
        factors = design.weight_factors.get(code)
        weights = normalised_weights(
            base[None, :] if factors is None else base[None, :] * factors, code
        )
        nominal = result.spec.aggregation_of(tree, code)
        methods = np.array(design.aggregations.get(code, (nominal,) * r), dtype=object)
        children = [score(k) for k in kids]
        present = [~np.isnan(c) for c in children]
        complete = all(p.all() for p in present)
        if not complete:
            check_covered(present, weights, code, result.units, units_first=False)
        out = np.empty((r, len(result.units)))
        for name in AGGREGATIONS:
            chosen = methods == name
            if not chosen.any():
                continue
            every = bool(chosen.all())
            picked = [c if c.shape[0] == 1 or every else c[chosen] for c in children]
            if name != "arithmetic":
                for c, k in zip(picked, kids, strict=True):
                    check_positive(c, name, code, result.units, child=k, units_first=False)
            w = weights if weights.shape[0] == 1 else weights[chosen]
            terms = [transform(c, name) for c in picked]
            cols = [w[:, j, None] for j in range(len(kids))]
            has = None if complete else [~np.isnan(c) for c in picked]
            value = finish(combine(terms, cols, has), name)
            out[chosen] = value
        apply_min_coverage(out, present, result.spec.min_coverage)
        scores[code] = out
    return np.broadcast_to(score(tree.root), (r, len(result.units)))


@attrs.frozen(eq=False, repr=False)
class UncertaintyResult:
    """Rank statistics of every unit over the replications of a design.

    Arrays are float, one value per unit in :attr:`units` order, NaN for a unit
    without a nominal index.

    Attributes:
        units: Unit codes.
        design: The design that was run.
        nominal_rank: Rank by the nominal index.
        median_rank: Median rank over replications.
        p05_rank: 5th percentile rank (the better end of the interval).
        p95_rank: 95th percentile rank.
        top: The ``k`` of :attr:`top_share`.
        top_share: Share of replications in which the unit ranks ``k`` or better.
        ranks: ``(units, replications)`` int64 ranks, 0 for a unit without an index.
        band_codes: Codes of the bands asked for, best first.
        band_shares: ``(units, bands)`` share of replications whose index falls in
            each band (the rest fell below every band).
    """

    units: tuple[str, ...]
    design: UncertaintyDesign
    nominal_rank: np.ndarray
    median_rank: np.ndarray
    p05_rank: np.ndarray
    p95_rank: np.ndarray
    top: int
    top_share: np.ndarray
    ranks: np.ndarray
    band_codes: tuple[str, ...] = ()
    band_shares: np.ndarray = attrs.field(factory=lambda: np.empty((0, 0)))

    def __repr__(self) -> str:
        return f"UncertaintyResult({len(self.units)} units, {self.design!r})"

    def percentile_rank(self, q: float) -> np.ndarray:
        """The ``q``-th percentile rank of each unit (0–100, numpy's ``inverted_cdf``)."""
        if not 0 <= q <= 100:
            raise CompositeError("a percentile is between 0 and 100", value=q)
        out: np.ndarray = np.percentile(self.ranks, q, axis=1, method="inverted_cdf").astype(
            np.float64
        )
        out[self.ranks[:, 0] == 0] = np.nan
        return out

    def band_share(self, code: str) -> np.ndarray:
        """The share of replications in band ``code``, per unit."""
        try:
            return self.band_shares[:, self.band_codes.index(code)]
        except ValueError:
            raise CompositeError(f"no band {code!r} (known: {list(self.band_codes)})") from None

    def records(self) -> list[dict[str, Any]]:
        """One dict per unit: ranks, top share and band shares (``None`` when missing)."""

        def plain(v: float) -> float | int | None:
            return None if np.isnan(v) else float(v)

        out = []
        for i, unit in enumerate(self.units):
            row: dict[str, Any] = {
                "unit": unit,
                "nominal_rank": plain(self.nominal_rank[i]),
                "median_rank": plain(self.median_rank[i]),
                "p05_rank": plain(self.p05_rank[i]),
                "p95_rank": plain(self.p95_rank[i]),
                "top_share": plain(self.top_share[i]),
            }
            for j, code in enumerate(self.band_codes):
                row[f"band_{code}"] = plain(self.band_shares[i, j])
            out.append(row)
        return out

    def to_pandas(self) -> pd.DataFrame:
        """:meth:`records` as a ``pandas.DataFrame`` (requires the ``dataframe`` extra)."""
        frame: pd.DataFrame = import_pandas().DataFrame.from_records(self.records())
        return frame


def uncertainty(
    result: CompositeResult,
    design: UncertaintyDesign,
    *,
    top: int | None = None,
    bands: Sequence[BandLike] = (),
    pipelines: Sequence[CompositeSpec] = (),
) -> UncertaintyResult:
    """Run ``design`` on a built index and summarise the ranks of every unit.

    Args:
        result: The nominal index (from :func:`build_index`).
        design: The replications to run.
        top: The ``k`` of the top-``k`` share (default: the top tenth of the ranked
            units, rounded up).
        bands: Bands of the index, for the share of replications in each: on the
            index rounded exactly as :attr:`CompositeResult.published_index` rounds it
            (when ``spec.index_digits`` is set), so that under a zero-width design each
            unit is wholly in the band of its published index.
        pipelines: The alternative specs the design's ``pipelines`` point into
            (an :class:`UncertaintySpace`'s ``pipelines``).

    Raises:
        CompositeError: See :func:`simulate`; ``top`` not a whole number of at least 1;
            two bands with the same code.
    """
    if top is not None and (not is_whole(top) or top < 1):
        raise CompositeError("top must be a whole number, at least 1", value=top)
    band_codes = [b.code for b in bands]
    if len(set(band_codes)) != len(band_codes):
        raise CompositeError(f"two bands share a code: {band_codes}")
    index, ranked = simulate(result, design, pipelines)
    n = int(ranked.sum())
    top = -(-n // 10) if top is None else int(top)
    units = len(result.units)
    ranks = np.zeros((units, design.replications), dtype=np.int64)
    nominal = np.full(units, np.nan)
    nominal[ranked] = result.ranks.column(result.tree.root)[ranked]
    summary = {q: np.full(units, np.nan) for q in (5, 50, 95)}
    share = np.full(units, np.nan)
    if n:
        kept = np.ascontiguousarray(index[:, ranked]) if n < units else index
        by_rep = rank_rows(kept)
        share[ranked] = (by_rep <= top).mean(axis=0)
        by_unit = np.ascontiguousarray(by_rep.T)
        ranks[ranked] = by_unit
        ordered = np.sort(by_unit, axis=1)
        positions = np.arange(design.replications)
        for q, column in summary.items():
            k = int(np.percentile(positions, q, method="inverted_cdf"))
            column[ranked] = ordered[:, k]
    codes, shares = _band_shares(index, ranked, bands, result.spec.index_digits)
    return UncertaintyResult(
        result.units,
        design,
        nominal,
        summary[50],
        summary[5],
        summary[95],
        top,
        share,
        ranks,
        codes,
        shares,
    )


def _band_shares(
    index: np.ndarray, ranked: np.ndarray, bands: Sequence[BandLike], digits: int | None
) -> tuple[tuple[str, ...], np.ndarray]:
    if not bands:
        return (), np.empty((len(ranked), 0))
    ordered = sorted(bands, key=lambda b: float(b.min_index), reverse=True)
    values = published(index, digits)
    shares = np.full((len(ranked), len(ordered)), np.nan)
    above = np.zeros(len(ranked))
    for j, band in enumerate(ordered):
        at_least = (values >= float(band.min_index)).mean(axis=0)
        shares[:, j] = at_least - above
        above = at_least
    shares[~ranked] = np.nan
    return tuple(b.code for b in ordered), shares
