"""What is uncertain in an index: :class:`UncertaintySpace`.

A space says which assumptions vary: the weights of the children of some aggregates
(each multiplied by a factor drawn from U(1 − noise, 1 + noise), as COINr's
``get_noisy_weights``), the mean used at some aggregates (one of a list of
alternatives, equally likely), and the steps below aggregation (imputation, outlier
treatment, normalisation: one of a list of :class:`CompositeSpec` alternatives). It
draws designs (:class:`UncertaintyDesign`), seeded, or maps points of the unit cube onto
designs (for Sobol indices).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from cchc.composite._aggregate import AGGREGATIONS, Aggregation
from cchc.composite._checks import is_number, is_whole
from cchc.composite._design import UncertaintyDesign, aggregate_node, method_map, spec_digest
from cchc.composite._pipeline import CompositeSpec
from cchc.composite._tree import IndexTree
from cchc.errors import CompositeError

__all__ = ["UncertaintySpace"]


def _noise_map(value: Mapping[str, float]) -> dict[str, float]:
    out = {}
    for key, noise in _weight_noise(value).items():
        code = _key(key)
        if not is_number(noise):
            raise CompositeError("weight noise must be a number in [0, 1)", node=code, value=noise)
        out[code] = float(noise)  # type: ignore[arg-type]  # is_number checked it
    return out


def _specs(value: Sequence[CompositeSpec]) -> tuple[CompositeSpec, ...]:
    out = tuple(value)
    for i, spec in enumerate(out):
        if not isinstance(spec, CompositeSpec):
            raise CompositeError(f"pipelines[{i}] must be a CompositeSpec", value=spec)
    return out


@attrs.frozen
class UncertaintySpace:
    """The uncertain assumptions of an index.

    Attributes:
        weight_noise: Aggregate code → noise ``h`` in [0, 1): each child weight is
            multiplied by a factor drawn from U(1 − h, 1 + h), then the weights are
            rescaled to sum to 1.
        aggregations: Aggregate code → the means it may use, equally likely.
        pipelines: Alternative specs, equally likely, to build the index with before the
            weights and means of the replication apply (include the nominal spec if it
            is one of the options). Empty: the nominal spec always.
    """

    weight_noise: Mapping[str, float] = attrs.field(factory=dict, converter=_noise_map)
    aggregations: Mapping[str, tuple[Aggregation, ...]] = attrs.field(
        factory=dict, converter=method_map
    )
    pipelines: tuple[CompositeSpec, ...] = attrs.field(default=(), converter=_specs)

    def __attrs_post_init__(self) -> None:
        for code, noise in self.weight_noise.items():
            if not (math.isfinite(noise) and 0 <= noise < 1):
                raise CompositeError("weight noise must be in [0, 1)", node=code, value=noise)
        for code, options in self.aggregations.items():
            if not options or any(o not in AGGREGATIONS for o in options):
                raise CompositeError(
                    f"alternatives must be among {AGGREGATIONS}", node=code, value=options
                )

    def check(self, tree: IndexTree) -> None:
        """Raise :class:`CompositeError` if a node of the space is not an aggregate of ``tree``."""
        for code in (*self.weight_noise, *self.aggregations):
            aggregate_node(tree, code)

    def sample(self, tree: IndexTree, replications: int, seed: int | None) -> UncertaintyDesign:
        """Draw a design of ``replications`` rows (seeded: the same seed, the same design).

        Draws go node by node in the order the space lists them: first every weight
        factor (``rng.uniform``), then every mean (``rng.integers``), then the pipeline.
        The design carries the fingerprint of ``tree`` and of the space's pipelines.

        Raises:
            CompositeError: A node of the space that is not an aggregate of ``tree``,
                ``replications`` not a whole number of at least 1, or a seed that is not
                a whole number.
        """
        self.check(tree)
        if not is_whole(replications) or replications < 1:
            raise CompositeError(
                "replications must be a whole number, at least 1", value=replications
            )
        if seed is not None and not is_whole(seed):
            raise CompositeError("seed must be a whole number or None", value=seed)
        rng = np.random.default_rng(seed)
        factors = {
            code: rng.uniform(1 - h, 1 + h, size=(replications, len(tree.children(code))))
            for code, h in self.weight_noise.items()
        }
        methods = {
            code: tuple(options[i] for i in rng.integers(0, len(options), size=replications))
            for code, options in self.aggregations.items()
        }
        pipelines = None
        if self.pipelines:
            pipelines = tuple(int(i) for i in rng.integers(0, len(self.pipelines), replications))
        return UncertaintyDesign(replications, factors, methods, pipelines, *self._stamp(tree))

    def _stamp(self, tree: IndexTree) -> tuple[str, tuple[str, ...]]:
        return tree.fingerprint(), tuple(spec_digest(p) for p in self.pipelines)

    def from_unit_cube(self, tree: IndexTree, points: np.ndarray) -> UncertaintyDesign:
        """The design whose rows are ``points`` of [0, 1]^d (the columns of :meth:`factor_names`).

        A weight factor is ``1 − h + 2 h x``; a mean is alternative ``floor(x n)`` of ``n``.
        """
        self.check(tree)
        try:
            points = np.asarray(points, dtype=np.float64)
        except (TypeError, ValueError):
            raise CompositeError("points must be a table of numbers in [0, 1]") from None
        names = self.factor_names(tree)
        if points.ndim != 2 or points.shape[1] != len(names):
            raise CompositeError(f"points must have {len(names)} columns", value=points.shape)
        if points.shape[0] < 1 or not np.all((points >= 0) & (points <= 1)):
            raise CompositeError("points must be at least one row of numbers in [0, 1]")
        col = 0
        factors = {}
        for code, h in self.weight_noise.items():
            k = len(tree.children(code))
            factors[code] = 1 - h + 2 * h * points[:, col : col + k]
            col += k
        methods = {}
        for code, options in self.aggregations.items():
            pick = np.minimum((points[:, col] * len(options)).astype(int), len(options) - 1)
            methods[code] = tuple(options[i] for i in pick)
            col += 1
        pipelines = None
        if self.pipelines:
            n = len(self.pipelines)
            pipelines = tuple(int(i) for i in np.minimum((points[:, col] * n).astype(int), n - 1))
        return UncertaintyDesign(points.shape[0], factors, methods, pipelines, *self._stamp(tree))

    def factor_names(self, tree: IndexTree) -> tuple[str, ...]:
        """Dimension names: ``weight:<node>:<child>``, ``aggregation:<node>``, ``pipeline``."""
        names = [
            f"weight:{code}:{child}" for code in self.weight_noise for child in tree.children(code)
        ]
        names += [f"aggregation:{code}" for code in self.aggregations]
        return (*names, *(("pipeline",) if self.pipelines else ()))

    def groups(self, tree: IndexTree) -> tuple[str, ...]:
        """The input each dimension belongs to: ``weights:<node>`` or ``aggregation:<node>``."""
        names = [f"weights:{code}" for code in self.weight_noise for _ in tree.children(code)]
        names += [f"aggregation:{code}" for code in self.aggregations]
        return (*names, *(("pipeline",) if self.pipelines else ()))


def _weight_noise(value: object) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        raise CompositeError(
            "weight_noise must be a mapping of aggregate code to noise", value=value
        )
    return value


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise CompositeError("weight_noise: keys are aggregate codes (text)", value=key)
    return key
