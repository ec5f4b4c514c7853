"""The scoring engine: score an assessment, rank a round, explain every point.

Points are exact decimals: each leaf's points are quantised to the framework's
places with its rounding mode (2 places, half-up by default, as results are
published), inner nodes add up their children, and the index is
``points / applicable maximum × 100``, quantised the same way.
"""

from cchc.scoring.card import Loss, NodeScore, ScoreCard, score
from cchc.scoring.ranking import (
    InflationRow,
    Movement,
    Ranking,
    RankingRow,
    rank_indices,
    score_round,
)

__all__ = [
    "InflationRow",
    "Loss",
    "Movement",
    "NodeScore",
    "Ranking",
    "RankingRow",
    "ScoreCard",
    "rank_indices",
    "score",
    "score_round",
]
