"""Composite indices: COINr's methods to build an index and test its ranks.

An index is a tree (:class:`IndexTree`): indicators at level 1, aggregates above, the
index at the top. :func:`build_index` takes raw :class:`IndicatorData` through the
steps a :class:`CompositeSpec` names, keeping every step's table:

1. imputation (:class:`ByColumn`, :class:`ByGroup`, :class:`ByRow`; COINr ``Impute``);
2. outlier treatment (:class:`Winsorise`, COINr ``Treat`` with its defaults);
3. normalisation after applying directions (:class:`MinMax`, :class:`ZScore`,
   :class:`RankScale`, :class:`Goalposts`; COINr ``n_minmax``, ``n_zscore``,
   ``n_rank``, ``n_goalposts``);
4. aggregation by weighted arithmetic, geometric or harmonic means (COINr
   ``a_amean``, ``a_gmean``, ``a_hmean``): missing children are dropped and the
   weights of the others rescaled; all missing gives a missing score;
5. ranks (highest first, ties share the best rank, a missing score has no rank,
   computed on unrounded scores); optionally the published index alone is rounded.

Robustness: :func:`uncertainty` runs an explicit, replayable
:class:`UncertaintyDesign` (sampled from an :class:`UncertaintySpace` or given) and
reports nominal, median and 5th/95th percentile ranks, the top-k share and band
shares; :func:`sobol_indices` estimates Sobol indices of the same inputs with SALib
(the ``composite`` extra). :func:`correlations` and :func:`cronbach_alpha` describe
the structure; :func:`read_coinr` and :func:`write_coinr` read and write COINr's
``iData``/``iMeta`` CSV tables.

Scores are float64 (unlike the exact-decimal points of PAR Index frameworks).

>>> tree = IndexTree.from_groups({"G1": ["a", "b"], "G2": ["c"]}, directions={"b": -1})
>>> data = IndicatorData(["x", "y", "z"], ["a", "b", "c"],
...                      [[1, 30, 5], [2, 20, 3], [3, 10, 1]])
>>> result = build_index(data, tree, CompositeSpec(normalisation=MinMax(1, 100)))
>>> result.index.tolist(), [result.rank(u) for u in result.units]
([50.5, 50.5, 50.5], [1, 1, 1])
"""

from __future__ import annotations

from cchc.composite._aggregate import Aggregation
from cchc.composite._coinr import CoinrInputs, MetaRow, read_coinr, write_coinr
from cchc.composite._data import IndicatorData, ScoreTable
from cchc.composite._design import UncertaintyDesign
from cchc.composite._impute import ByColumn, ByGroup, ByRow, Imputation, ImputationRecord
from cchc.composite._montecarlo import BandLike, UncertaintyResult, uncertainty
from cchc.composite._normalise import (
    Goalposts,
    MinMax,
    Normalisation,
    RankScale,
    Unchanged,
    ZScore,
)
from cchc.composite._pipeline import CompositeResult, CompositeSpec, ResultsRow, build_index
from cchc.composite._sensitivity import SobolResult, sobol_indices
from cchc.composite._space import UncertaintySpace
from cchc.composite._stats import CorrelationMethod, Correlations, correlations, cronbach_alpha
from cchc.composite._treat import TreatmentRecord, Winsorise
from cchc.composite._tree import IndexTree, Node, NodeKind
from cchc.errors import CompositeError

__all__ = [
    "Aggregation",
    "BandLike",
    "ByColumn",
    "ByGroup",
    "ByRow",
    "CoinrInputs",
    "CompositeError",
    "CompositeResult",
    "CompositeSpec",
    "CorrelationMethod",
    "Correlations",
    "Goalposts",
    "Imputation",
    "ImputationRecord",
    "IndexTree",
    "IndicatorData",
    "MetaRow",
    "MinMax",
    "Node",
    "NodeKind",
    "Normalisation",
    "RankScale",
    "ResultsRow",
    "ScoreTable",
    "SobolResult",
    "TreatmentRecord",
    "UncertaintyDesign",
    "UncertaintyResult",
    "UncertaintySpace",
    "Unchanged",
    "Winsorise",
    "ZScore",
    "build_index",
    "correlations",
    "cronbach_alpha",
    "read_coinr",
    "sobol_indices",
    "uncertainty",
    "write_coinr",
]
