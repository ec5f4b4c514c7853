"""What the report shows about a round, as plain values ready for the template and the charts.

Nothing here draws or renders: the ranking, its bands, the units featured in the
charts, the movement since a previous round and the units' cards are worked out
once, in the report's language, and handed to :mod:`cchc.report._charts` and to the
Jinja templates.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from cchc.documents.assessment import Assessment, AssessmentRound
from cchc.documents.framework import Framework
from cchc.scoring.batch import TableRanking
from cchc.scoring.card import ScoreCard, score
from cchc.scoring.ranking import Movement, Ranking, RankingRow, with_movement
from cchc.vocabulary import Lang

__all__ = [
    "AreaView",
    "BandView",
    "CardView",
    "LossView",
    "MovementView",
    "RoundView",
    "UnitView",
    "breaks",
    "pick",
    "round_view",
]

# Red-yellow-green, from the best band to the worst (ColorBrewer RdYlGn, reversed).
_PALETTE = (
    "#1a9850", "#66bd63", "#a6d96a", "#d9ef8b", "#fee08b",
    "#fdae61", "#f46d43", "#d73027", "#a50026",
)  # fmt: skip


@attrs.frozen
class BandView:
    """A band as shown: its label in the report's language, its colour, how many units."""

    code: str
    label: str
    min_index: Decimal
    colour: str
    ink: str
    count: int


@attrs.frozen
class UnitView:
    """One row of the ranking, ready to show."""

    position: int
    rank: int
    unit: str
    name: str | None
    points: Decimal
    applicable_max: Decimal
    index: Decimal
    band: BandView | None
    movement: Movement | None
    new: bool
    has_card: bool = False

    @property
    def label(self) -> str:
        """The unit's name when known, else its code."""
        return self.name or self.unit

    @property
    def move_class(self) -> str:
        """``up``, ``down``, ``same``, ``new`` or an empty string (no previous round)."""
        if self.movement is None:
            return "new" if self.new else ""
        change = self.movement.rank_change
        return "up" if change > 0 else "down" if change < 0 else "same"

    @property
    def move_text(self) -> str:
        """``▲3``, ``▼2`` or ``=``; empty without a previous round."""
        if self.movement is None:
            return ""
        change = self.movement.rank_change
        return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "="

    @property
    def index_change_text(self) -> str:
        """The change of the index, signed (``+2.15``)."""
        return "" if self.movement is None else f"{self.movement.index_change:+}"


@attrs.frozen
class AreaView:
    """One area of a unit's card: points over the applicable maximum."""

    code: str
    title: str
    points: Decimal
    applicable_max: Decimal
    max_points: Decimal
    percent: float | None


@attrs.frozen
class LossView:
    """A criterion that did not earn its maximum, and why."""

    criterion: str
    title: str
    lost: Decimal
    points: Decimal
    max_points: Decimal
    reason: str


@attrs.frozen
class CardView:
    """A unit's card: its row, its areas and the points it lost."""

    row: UnitView
    areas: tuple[AreaView, ...]
    losses: tuple[LossView, ...]
    lost_total: Decimal
    open: bool


@attrs.frozen
class MovementView:
    """The round against the previous one: counts, and the units to chart by change."""

    up: int
    down: int
    same: int
    new: int
    band_up: int
    band_down: int
    featured: tuple[UnitView, ...]
    gaps: tuple[int, ...]
    moved: int


@attrs.frozen
class RoundView:
    """Everything the report shows about the round."""

    framework_code: str
    framework_title: str
    edition: str
    year: int
    illustrative: bool
    rows: tuple[UnitView, ...]
    featured: tuple[UnitView, ...]
    bands: tuple[BandView, ...]
    mean: Decimal | None
    median: Decimal | None
    areas: tuple[tuple[str, str], ...]
    cards: tuple[CardView, ...]
    movement: MovementView | None
    also_featured: str | None = None
    """The focus unit's label when it is charted besides the highest and lowest."""


def _colours(count: int) -> list[str]:
    if count <= 1:
        return list(_PALETTE[:count])
    last = len(_PALETTE) - 1
    return [_PALETTE[round(i * last / (count - 1))] for i in range(count)]


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#1b1b1b" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#ffffff"


def _bands(framework: Framework, rows: Sequence[RankingRow], lang: Lang) -> list[BandView]:
    counts: dict[str | None, int] = {}
    for row in rows:
        counts[row.band] = counts.get(row.band, 0) + 1
    return [
        BandView(
            band.code,
            band.label_vi if lang == "vi" else band.label_en,
            band.min_index,
            colour,
            _ink(colour),
            counts.get(band.code, 0),
        )
        for band, colour in zip(framework.bands, _colours(len(framework.bands)), strict=True)
    ]


def _movements(
    framework: Framework, rows: Sequence[RankingRow], previous: Sequence[RankingRow] | None
) -> dict[str, Movement | None]:
    """Each unit's movement: against ``previous`` when given, else as the rows carry it."""
    if previous is None:
        return {row.unit: row.movement for row in rows}
    return {row.unit: row.movement for row in with_movement(framework, rows, previous)}


def pick(count: int, limit: int, keep: Iterable[int] = ()) -> list[int]:
    """Positions to feature out of ``count``: all when few, else the first and last halves.

    >>> pick(5, 10), pick(10, 4), pick(10, 4, keep=[5])
    ([0, 1, 2, 3, 4], [0, 1, 8, 9], [0, 1, 5, 8, 9])
    """
    if count <= limit:
        return list(range(count))
    head = limit // 2
    chosen = {*range(head), *range(count - (limit - head), count)}
    chosen.update(k for k in keep if 0 <= k < count)
    return sorted(chosen)


def breaks(positions: Sequence[int]) -> tuple[int, ...]:
    """Where a run of positions skips some: each ``k`` with ``positions[k - 1] + 1 < positions[k]``.

    >>> breaks([0, 1, 8, 9])
    (2,)
    """
    return tuple(k for k in range(1, len(positions)) if positions[k] != positions[k - 1] + 1)


def _card_view(
    framework: Framework, card: ScoreCard, row: UnitView, lang: Lang, *, opened: bool
) -> CardView:
    areas = []
    for node, area in zip(framework.nodes, (n for n in card.nodes if n.depth == 0), strict=True):
        percent = (
            float(Fraction(area.points) * 100 / Fraction(area.applicable_max))
            if area.applicable and area.applicable_max > 0
            else None
        )
        title = node.title_vi if lang == "vi" else node.title_en or node.title_vi
        areas.append(
            AreaView(node.code, title, area.points, area.applicable_max, area.max_points, percent)
        )
    losses = tuple(
        LossView(
            loss.criterion,
            loss.title_vi if lang == "vi" else loss.title_en,
            loss.lost,
            loss.points,
            loss.max_points,
            loss.reason_vi if lang == "vi" else loss.reason_en,
        )
        for loss in card.losses
    )
    lost = sum((loss.lost for loss in losses), Decimal(0))
    return CardView(row, tuple(areas), losses, lost, opened)


def round_view(
    framework: Framework,
    ranking: Ranking | TableRanking,
    *,
    lang: Lang,
    previous: Ranking | TableRanking | None = None,
    cards: Sequence[ScoreCard] | None = None,
    assessments: AssessmentRound | Iterable[Assessment] | None = None,
    unit_names: Mapping[str, str] | None = None,
    chart_units: int = 40,
    focus: str | None = None,
) -> RoundView:
    """Work out what the report shows about a ranked round (see :func:`cchc.report.build_report`).

    Raises:
        ValueError: The ranking is of another framework, ``previous`` is not of an
            earlier year, a card is of a unit the ranking does not hold, ``focus`` names
            no ranked unit, or ``chart_units`` is below 2.
    """
    if ranking.framework != framework.code:
        raise ValueError(f"the ranking is of framework {ranking.framework}, not {framework.code}")
    if chart_units < 2:
        raise ValueError(f"chart_units must be at least 2, not {chart_units}")
    if previous is not None and previous.rows and ranking.rows and previous.year >= ranking.year:
        raise ValueError(f"the previous round is of {previous.year}, not before {ranking.year}")
    rows = ranking.rows
    position = {row.unit: i for i, row in enumerate(rows)}
    if focus is not None and focus not in position:
        raise ValueError(f"focus {focus!r} is not a unit of the ranking")
    items: Sequence[Assessment] = ()
    if isinstance(assessments, AssessmentRound):
        items = assessments.assessments
    elif assessments is not None:
        items = tuple(assessments)
    names = {a.unit: a.unit_name_vi for a in items if a.unit_name_vi} | dict(unit_names or {})
    bands = _bands(framework, rows, lang)
    band_of = {band.code: band for band in bands}
    moved = _movements(framework, rows, None if previous is None else previous.rows)
    has_previous = previous is not None or any(m is not None for m in moved.values())
    featured_at = pick(len(rows), chart_units, [position[focus]] if focus else [])
    extra = set(featured_at) - set(pick(len(rows), chart_units))

    explicit = cards is not None
    given = list(cards) if cards is not None else list(getattr(ranking, "cards", ()))
    if not given and items:
        wanted = {rows[i].unit for i in featured_at}
        given = [score(framework, a) for a in items if a.unit in wanted]
    for card in given:
        if card.unit not in position:
            raise ValueError(f"a card is of unit {card.unit!r}, which the ranking does not hold")
    by_unit = {card.unit: card for card in given}
    shown = sorted(
        (position[u] for u in by_unit)
        if explicit
        else (i for i in featured_at if rows[i].unit in by_unit)
    )

    with_card = set(shown)
    views = tuple(
        UnitView(
            i, row.rank, row.unit, names.get(row.unit), row.points, row.applicable_max,
            row.index, band_of.get(row.band or ""), moved[row.unit],
            has_previous and moved[row.unit] is None, i in with_card,
        )
        for i, row in enumerate(rows)
    )  # fmt: skip
    opened = (
        position[focus] if focus is not None and focus in by_unit else (shown[-1] if shown else -1)
    )
    card_views = tuple(
        _card_view(framework, by_unit[views[i].unit], views[i], lang, opened=i == opened)
        for i in shown
    )
    indices = [row.index for row in rows]
    return RoundView(
        framework_code=framework.code,
        framework_title=framework.label_vi if lang == "vi" else framework.label_en,
        edition=framework.edition,
        year=ranking.year,
        illustrative=framework.illustrative,
        rows=views,
        featured=tuple(views[i] for i in featured_at),
        bands=tuple(bands),
        mean=framework.quantize(Fraction(sum(indices, Decimal(0))) / len(indices))
        if indices
        else None,
        median=framework.quantize(statistics.median(indices)) if indices else None,
        areas=tuple(
            (n.code, n.title_vi if lang == "vi" else n.title_en or n.title_vi)
            for n in framework.nodes
        ),
        cards=card_views,
        movement=_movement_view(views, chart_units) if has_previous else None,
        also_featured=views[extra.pop()].label if extra else None,
    )


def _movement_view(views: Sequence[UnitView], limit: int) -> MovementView:
    moved = [v for v in views if v.movement is not None]
    changes = [v.movement.rank_change for v in moved if v.movement is not None]
    steps = [v.movement.band_steps or 0 for v in moved if v.movement is not None]
    by_change = sorted(
        moved,
        key=lambda v: (-(v.movement.index_change if v.movement else 0), v.position),
    )
    chosen = pick(len(by_change), limit)
    return MovementView(
        up=sum(c > 0 for c in changes),
        down=sum(c < 0 for c in changes),
        same=sum(c == 0 for c in changes),
        new=sum(v.new for v in views),
        band_up=sum(s > 0 for s in steps),
        band_down=sum(s < 0 for s in steps),
        featured=tuple(by_change[i] for i in chosen),
        gaps=breaks(chosen),
        moved=len(moved),
    )
