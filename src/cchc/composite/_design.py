"""The explicit draws of a Monte-Carlo run: :class:`UncertaintyDesign`.

A design holds the draws themselves, one row per replication (weight factors, means,
pipelines). It can be sampled from an :class:`~cchc.composite.UncertaintySpace` with
a seed, built from arrays made elsewhere, saved as JSON and replayed to the same bits.

A design drawn from a space carries a fingerprint of what it was drawn for: the
tree's codes, kinds, levels, parents, weights and directions, and a digest of each
alternative pipeline. :func:`~cchc.composite.uncertainty` refuses to run it on another
tree or with other pipelines, since the same draws would then mean something else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from cchc.composite._aggregate import AGGREGATIONS, Aggregation
from cchc.composite._checks import is_whole, whole
from cchc.composite._pipeline import CompositeSpec
from cchc.composite._tree import IndexTree
from cchc.errors import CompositeError

__all__ = ["UncertaintyDesign", "aggregate_node", "method_map", "spec_digest"]


def _mapping(value: object, what: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise CompositeError(f"{what} must be a mapping of aggregate code to values", value=value)
    return value


def _code(key: object, what: str) -> str:
    if not isinstance(key, str):
        raise CompositeError(f"{what}: keys are aggregate codes (text)", value=key)
    return key


def method_map(value: Mapping[str, Sequence[Aggregation]]) -> dict[str, tuple[Aggregation, ...]]:
    out = {}
    for key, methods in _mapping(value, "aggregations").items():
        code = _code(key, "aggregations")
        if isinstance(methods, str) or not isinstance(methods, Sequence):
            raise CompositeError(
                "aggregations: a list of means is expected, not one text", node=code, value=methods
            )
        out[code] = tuple(methods)
    return out


def _indices(value: Sequence[int] | None) -> tuple[int, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence | np.ndarray):
        raise CompositeError("pipelines must be a list of whole numbers, or None", value=value)
    for i in value:
        if not is_whole(i) or int(i) < 0:
            raise CompositeError("pipelines must be whole numbers, none negative", value=i)
    return tuple(int(i) for i in value)


def _digests(value: Sequence[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or any(not isinstance(d, str) for d in value):
        raise CompositeError("pipeline_digests must be a list of texts, or None", value=value)
    return tuple(value)


def _digest(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise CompositeError("tree_digest must be a text, or None", value=value)
    return value


def spec_digest(spec: CompositeSpec) -> str:
    """A short digest of a spec (its methods and settings), to fingerprint a design."""
    return hashlib.sha256(repr(spec).encode("utf-8")).hexdigest()[:16]


def aggregate_node(tree: IndexTree, code: str) -> None:
    if tree.node(code).kind != "aggregate":
        raise CompositeError("only an aggregate has weights and a mean to vary", node=code)


def _factor_map(value: Mapping[str, Any]) -> dict[str, np.ndarray]:
    out = {}
    for key, factors in _mapping(value, "weight_factors").items():
        code = _code(key, "weight_factors")
        try:
            array = np.array(factors, dtype=np.float64, copy=True)
        except (TypeError, ValueError):
            raise CompositeError(
                "weight factors must be a replications x children table of numbers "
                "(rows of equal length)",
                node=code,
            ) from None
        array.setflags(write=False)
        out[code] = array
    return out


@attrs.frozen(eq=False, repr=False)
class UncertaintyDesign:
    """The draws of a Monte-Carlo run, one row per replication.

    Attributes:
        replications: Number of replications ``R``.
        weight_factors: Aggregate code → ``(R, children)`` factors multiplying the
            nominal weights of its children (in tree order) before they are rescaled
            to sum to 1.
        aggregations: Aggregate code → the mean it uses in each replication.
        pipelines: Per replication, which of the alternative specs given to
            :func:`uncertainty` to build the index with (``None``: the nominal spec).
        tree_digest: :meth:`IndexTree.fingerprint` of the tree the design was drawn
            for (``None``: not checked).
        pipeline_digests: Digest of each alternative spec it was drawn with
            (``None``: not checked).

    Nodes not named keep their nominal weights and mean. A design of factors 1 and the
    nominal means reproduces the nominal index, bit for bit.
    """

    replications: int = attrs.field(validator=whole(1))
    weight_factors: Mapping[str, np.ndarray] = attrs.field(factory=dict, converter=_factor_map)
    aggregations: Mapping[str, tuple[Aggregation, ...]] = attrs.field(
        factory=dict, converter=method_map
    )
    pipelines: tuple[int, ...] | None = attrs.field(default=None, converter=_indices)
    tree_digest: str | None = attrs.field(default=None, converter=_digest)
    pipeline_digests: tuple[str, ...] | None = attrs.field(default=None, converter=_digests)

    def __attrs_post_init__(self) -> None:
        r = self.replications
        if self.pipelines is not None and len(self.pipelines) != r:
            raise CompositeError(f"pipelines must be {r} indices, one per replication")
        for code, factors in self.weight_factors.items():
            if factors.ndim != 2 or factors.shape[0] != r:
                raise CompositeError(
                    f"weight factors must be {r} x children", node=code, value=factors.shape
                )
            if not np.all(np.isfinite(factors)) or np.any(factors < 0):
                raise CompositeError("weight factors must be finite and not negative", node=code)
        for code, methods in self.aggregations.items():
            if len(methods) != r:
                raise CompositeError(f"{len(methods)} means for {r} replications", node=code)
            unknown = set(methods) - set(AGGREGATIONS)
            if unknown:
                raise CompositeError(f"unknown means {sorted(unknown)}", node=code)

    def __repr__(self) -> str:
        parts = [f"{self.replications} replications"]
        parts += [f"weights of {c}" for c in self.weight_factors]
        parts += [f"mean of {c}" for c in self.aggregations]
        parts += ["pipeline"] if self.pipelines is not None else []
        return f"UncertaintyDesign({', '.join(parts)})"

    def check(self, tree: IndexTree, pipelines: Sequence[CompositeSpec] | None = None) -> None:
        """Raise :class:`CompositeError` if the design does not fit ``tree`` (and ``pipelines``).

        Beyond the shapes, a design with a fingerprint must meet the tree, and the
        pipelines, it was drawn for.
        """
        if self.tree_digest is not None and self.tree_digest != tree.fingerprint():
            raise CompositeError(
                "this design was drawn for another tree (its codes, parents, weights or "
                f"directions differ): fingerprint {self.tree_digest}, this tree's "
                f"{tree.fingerprint()}; draw a new design for this tree",
                node=tree.root,
            )
        if (
            pipelines is not None
            and self.pipelines is not None
            and self.pipeline_digests is not None
            and self.pipeline_digests != tuple(spec_digest(p) for p in pipelines)
        ):
            raise CompositeError(
                f"this design was drawn with {len(self.pipeline_digests)} alternative "
                f"pipeline(s) that differ from the {len(pipelines)} given (other specs, or "
                "another order); pass the space's pipelines it was drawn with"
            )
        for code, factors in self.weight_factors.items():
            aggregate_node(tree, code)
            k = len(tree.children(code))
            if factors.shape[1] != k:
                raise CompositeError(
                    f"{factors.shape[1]} weight factors for {k} children", node=code
                )
        for code in self.aggregations:
            aggregate_node(tree, code)

    @classmethod
    def nominal(
        cls, tree: IndexTree, replications: int = 1, nodes: Sequence[str] = ()
    ) -> UncertaintyDesign:
        """A zero-width design: factors 1 at ``nodes`` (default: the index), nothing else varies."""
        nodes = tuple(nodes) or (tree.root,)
        if not is_whole(replications) or replications < 1:
            raise CompositeError(
                "replications must be a whole number, at least 1", value=replications
            )
        return cls(
            replications,
            {c: np.ones((replications, len(tree.children(c)))) for c in nodes},
            tree_digest=tree.fingerprint(),
        )

    def to_dict(self) -> dict[str, Any]:
        """The design as plain JSON-ready data (floats round-trip exactly through JSON)."""
        return {
            "replications": self.replications,
            "weight_factors": {c: f.tolist() for c, f in self.weight_factors.items()},
            "aggregations": {c: list(m) for c, m in self.aggregations.items()},
            "pipelines": None if self.pipelines is None else list(self.pipelines),
            "fingerprint": {
                "tree": self.tree_digest,
                "pipelines": None if self.pipeline_digests is None else list(self.pipeline_digests),
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UncertaintyDesign:
        """The design :meth:`to_dict` gave.

        Raises:
            CompositeError: Not a mapping, a missing key, a value of the wrong kind, or
                draws that do not fit together.
        """
        if not isinstance(data, Mapping):
            raise CompositeError("a saved design is a mapping (a JSON object)", value=type(data))
        if "replications" not in data:
            raise CompositeError("a design needs 'replications'")
        unknown = set(data) - {
            "replications",
            "weight_factors",
            "aggregations",
            "pipelines",
            "fingerprint",
        }
        if unknown:
            raise CompositeError(f"unknown keys in a saved design: {sorted(map(str, unknown))}")
        fingerprint = data.get("fingerprint") or {}
        if not isinstance(fingerprint, Mapping):
            raise CompositeError("fingerprint must be a mapping", value=fingerprint)
        return cls(
            data["replications"],
            data.get("weight_factors") or {},
            data.get("aggregations") or {},
            data.get("pipelines"),
            fingerprint.get("tree"),
            fingerprint.get("pipelines"),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UncertaintyDesign):
            return NotImplemented
        return (
            self.replications == other.replications
            and dict(self.aggregations) == dict(other.aggregations)
            and self.pipelines == other.pipelines
            and self.tree_digest == other.tree_digest
            and self.pipeline_digests == other.pipeline_digests
            and list(self.weight_factors) == list(other.weight_factors)
            and all(
                np.array_equal(f, other.weight_factors[c]) for c, f in self.weight_factors.items()
            )
        )

    def rows(self, chosen: np.ndarray) -> UncertaintyDesign:
        """The design restricted to the replications where ``chosen`` (booleans) is True."""
        picked = np.flatnonzero(chosen)
        return UncertaintyDesign(
            len(picked),
            {c: f[picked] for c, f in self.weight_factors.items()},
            {c: tuple(m[i] for i in picked) for c, m in self.aggregations.items()},
            None if self.pipelines is None else tuple(self.pipelines[i] for i in picked),
            self.tree_digest,
            self.pipeline_digests,
        )

    __hash__ = None  # type: ignore[assignment]
