"""The indicator tree: indicators at level 1, aggregates above, one index at the top.

Mirrors the structure part of COINr's ``iMeta`` table (``Level``, ``iCode``,
``Parent``, ``Direction``, ``Weight``, ``iName``); rows of type group or denominator
are not part of the tree (see :class:`~cchc.composite.IndicatorData`).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import attrs

from cchc.composite._checks import is_number, is_whole
from cchc.errors import CompositeError

__all__ = ["IndexTree", "Node", "NodeKind"]

NodeKind = Literal["indicator", "aggregate"]


@attrs.frozen
class Node:
    """One indicator or aggregate of an index tree.

    Attributes:
        code: Unique code, e.g. ``"LPI"`` or ``"Conn"``.
        level: 1 for indicators; an aggregate is one level above its children.
        parent: Code of the aggregate it belongs to; ``None`` for the index itself.
        weight: Relative weight among its siblings (weights are rescaled to sum to 1).
        direction: ``1`` when higher is better, ``-1`` when lower is better (indicators).
        name: A readable name.
        kind: ``"indicator"`` or ``"aggregate"``.
        unit: The unit of measurement, as text (COINr ``Unit``).
        target: A target value, if one (COINr ``Target``).
        denominator: Code of the denominator the indicator is divided by, if one.
    """

    code: str = attrs.field()
    level: int = attrs.field()
    parent: str | None = attrs.field()
    weight: float = attrs.field(default=1.0)
    direction: int = attrs.field(default=1)
    name: str = ""
    kind: NodeKind = "indicator"
    unit: str = ""
    target: float | None = None
    denominator: str | None = None

    @code.validator
    def _check_code(self, _attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str) or not value:
            raise CompositeError("a node's code must be a non-empty text", value=value)

    @level.validator
    def _check_level(self, _attribute: attrs.Attribute[int], value: object) -> None:
        if not is_whole(value):
            raise CompositeError("level must be a whole number", node=self.code, value=value)

    @parent.validator
    def _check_parent(self, _attribute: attrs.Attribute[str | None], value: object) -> None:
        if value is not None and not isinstance(value, str):
            raise CompositeError(
                "parent must be a code (text) or None", node=self.code, value=value
            )

    @weight.validator
    def _check_weight(self, _attribute: attrs.Attribute[float], value: object) -> None:
        if not is_number(value):
            raise CompositeError("weight must be a number", node=self.code, value=value)

    @direction.validator
    def _check_direction(self, _attribute: attrs.Attribute[int], value: object) -> None:
        if not is_whole(value):
            raise CompositeError("direction must be 1 or -1", node=self.code, value=value)


def _nodes(nodes: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(nodes)


@attrs.frozen
class IndexTree:
    """A validated tree of indicators and aggregates.

    Children keep the order in which the nodes were given; that order is the order of
    weight columns in an :class:`~cchc.composite.UncertaintyDesign`.

    >>> tree = IndexTree([
    ...     Node("a", 1, "G", direction=-1), Node("b", 1, "G"),
    ...     Node("G", 2, None, kind="aggregate"),
    ... ])
    >>> tree.root, tree.indicators, tree.children("G")
    ('G', ('a', 'b'), ('a', 'b'))

    Raises:
        CompositeError: Duplicate codes, a parent that is not an aggregate of the tree
            one level up, more or fewer than one root, an aggregate without children,
            a direction other than ±1 or a weight that is negative or not finite.
    """

    nodes: tuple[Node, ...] = attrs.field(converter=_nodes)
    _by_code: dict[str, Node] = attrs.field(init=False, repr=False, eq=False)
    _children: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Node] = {}
        for node in self.nodes:
            if node.code in by_code:
                raise CompositeError("appears twice in the tree", node=node.code)
            by_code[node.code] = node
        children: dict[str, list[str]] = {n.code: [] for n in self.nodes if n.kind == "aggregate"}
        roots = []
        for node in self.nodes:
            _check_node(node)
            if node.parent is None:
                roots.append(node.code)
                continue
            parent = by_code.get(node.parent)
            if parent is None or parent.kind != "aggregate":
                raise CompositeError(
                    "its parent is not an aggregate of the tree", node=node.code, value=node.parent
                )
            if parent.level != node.level + 1:
                raise CompositeError(
                    f"is at level {node.level} but its parent {parent.code} is at level "
                    f"{parent.level} (expected {node.level + 1})",
                    node=node.code,
                )
            children[parent.code].append(node.code)
        if len(roots) != 1:
            raise CompositeError(f"a tree has exactly one root (node without parent), not {roots}")
        if by_code[roots[0]].kind != "aggregate":
            raise CompositeError(
                "the root (the index) must be an aggregate of at least one indicator; "
                "a one-indicator index is an aggregate with that indicator as its only child",
                node=roots[0],
            )
        if not any(n.kind == "indicator" for n in self.nodes):
            raise CompositeError("the tree has no indicators")
        for code, kids in children.items():
            if not kids:
                raise CompositeError("an aggregate without children", node=code)
            if not any(by_code[k].weight > 0 for k in kids):
                raise CompositeError("every child has weight 0", node=code)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})

    @property
    def root(self) -> str:
        """The code of the index (the node without a parent)."""
        return next(n.code for n in self.nodes if n.parent is None)

    @property
    def indicators(self) -> tuple[str, ...]:
        """Indicator codes, in the order given."""
        return tuple(n.code for n in self.nodes if n.kind == "indicator")

    @property
    def aggregates(self) -> tuple[str, ...]:
        """Aggregate codes, bottom level first, in the order given within a level."""
        found = [n for n in self.nodes if n.kind == "aggregate"]
        return tuple(n.code for n in sorted(found, key=lambda n: n.level))

    @property
    def depth(self) -> int:
        """The level of the index."""
        return self._by_code[self.root].level

    def node(self, code: str) -> Node:
        """The node ``code``.

        Raises:
            CompositeError: No such node.
        """
        try:
            return self._by_code[code]
        except KeyError:
            raise CompositeError("not in the tree", node=code) from None

    def children(self, code: str) -> tuple[str, ...]:
        """Codes of the children of aggregate ``code`` (empty for an indicator)."""
        self.node(code)
        return self._children.get(code, ())

    def level(self, level: int) -> tuple[str, ...]:
        """Codes of the nodes at ``level``, in the order given."""
        return tuple(n.code for n in self.nodes if n.level == level)

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Parent, grandparent … up to the index."""
        out = []
        parent = self.node(code).parent
        while parent is not None:
            out.append(parent)
            parent = self._by_code[parent].parent
        return tuple(out)

    def ancestor_at(self, code: str, level: int) -> str:
        """The node at ``level`` on the path from ``code`` up to the index (``code`` itself too).

        >>> IndexTree.from_groups({"G": ["a"]}).ancestor_at("a", 3)
        'Index'

        Raises:
            CompositeError: No such node, or ``level`` is below the node or above the index.
        """
        for found in (code, *self.ancestors(code)):
            if self._by_code[found].level == level:
                return found
        raise CompositeError(
            f"no ancestor at level {level} (the node is at level {self.node(code).level}, "
            f"the index at {self.depth})",
            node=code,
            value=level,
        )

    def with_weights(self, weights: Mapping[str, float]) -> IndexTree:
        """A copy with the weights of some nodes replaced."""
        for code, weight in weights.items():
            self.node(code)
            if not is_number(weight):
                raise CompositeError("weight must be a number", node=code, value=weight)
        return IndexTree(
            [attrs.evolve(n, weight=float(weights.get(n.code, n.weight))) for n in self.nodes]
        )

    def fingerprint(self) -> str:
        """A short digest of the structure: codes, kinds, levels, parents, weights, directions.

        Two trees with the same fingerprint aggregate the same way; a design saved with
        one refuses to run on a tree with another.
        """
        text = repr(
            [
                (n.code, n.kind, n.level, n.parent, float(n.weight).hex(), n.direction)
                for n in self.nodes
            ]
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @classmethod
    def from_groups(
        cls,
        groups: Mapping[str, Sequence[str]],
        *,
        root: str = "Index",
        directions: Mapping[str, int] | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> IndexTree:
        """A two-level tree: indicators in named groups, the groups under ``root``.

        >>> IndexTree.from_groups({"G1": ["a", "b"], "G2": ["c"]}).children("Index")
        ('G1', 'G2')
        """
        directions = directions or {}
        weights = weights or {}
        nodes = [
            Node(code, 1, group, weights.get(code, 1.0), directions.get(code, 1))
            for group, codes in groups.items()
            for code in codes
        ]
        nodes += [Node(g, 2, root, weights.get(g, 1.0), kind="aggregate") for g in groups]
        nodes.append(Node(root, 3, None, kind="aggregate"))
        return cls(nodes)


def _check_node(node: Node) -> None:
    if node.kind not in ("indicator", "aggregate"):
        raise CompositeError(
            "kind must be 'indicator' or 'aggregate'", node=node.code, value=node.kind
        )
    if node.kind == "indicator" and node.level != 1:
        raise CompositeError("an indicator is at level 1", node=node.code, value=node.level)
    if node.kind == "aggregate" and node.level < 2:
        raise CompositeError(
            "an aggregate is at level 2 or above", node=node.code, value=node.level
        )
    if node.direction not in (1, -1):
        raise CompositeError("direction must be 1 or -1", node=node.code, value=node.direction)
    if not math.isfinite(float(node.weight)) or node.weight < 0:
        raise CompositeError(
            "weight must be finite and not negative", node=node.code, value=node.weight
        )
