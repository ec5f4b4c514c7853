"""Sobol sensitivity indices of the ranks, estimated with SALib.

As COINr's ``get_sensitivity(SA_type = "SA")``, over the uncertain inputs of an
:class:`UncertaintySpace`.

The inputs are those of the space: the weights of each aggregate named in
``weight_noise`` (one input, all its children's factors together) and the mean of
each aggregate named in ``aggregations``. SALib's Sobol sequence (Saltelli's scheme,
``N (d + 2)`` runs for ``d`` inputs) is mapped onto the space and run as an
:class:`UncertaintyDesign`. The output of a run is, as in COINr, the mean absolute
difference between each unit's rank and its nominal rank — or, given a ``unit``,
that unit's rank.
"""

from __future__ import annotations

import warnings

import attrs
import numpy as np

from cchc.composite._checks import is_whole
from cchc.composite._design import UncertaintyDesign
from cchc.composite._montecarlo import simulate
from cchc.composite._pipeline import CompositeResult
from cchc.composite._ranks import rank_rows
from cchc.composite._space import UncertaintySpace
from cchc.errors import CompositeError, MissingExtraError

__all__ = ["SobolResult", "sobol_indices"]


@attrs.frozen(eq=False, repr=False)
class SobolResult:
    """First-order and total Sobol indices of each uncertain input.

    Attributes:
        inputs: The uncertain inputs: ``weights:<node>`` or ``aggregation:<node>``.
        first: First-order index of each input (share of output variance it explains alone).
        total: Total index (with all its interactions).
        first_conf: Half-width of the bootstrap confidence interval of ``first``.
        total_conf: Half-width of the bootstrap confidence interval of ``total``.
        design: The runs (``samples × (inputs + 2)`` replications).
        outputs: The output of each run.
    """

    inputs: tuple[str, ...]
    first: np.ndarray
    total: np.ndarray
    first_conf: np.ndarray
    total_conf: np.ndarray
    design: UncertaintyDesign
    outputs: np.ndarray

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{n}: first {f:.3f}, total {t:.3f}"
            for n, f, t in zip(self.inputs, self.first, self.total, strict=True)
        )
        return f"SobolResult({shown})"

    def index(self, name: str) -> tuple[float, float]:
        """``(first, total)`` of input ``name``."""
        try:
            i = self.inputs.index(name)
        except ValueError:
            raise CompositeError(f"no input {name!r} (known: {list(self.inputs)})") from None
        return float(self.first[i]), float(self.total[i])


def sobol_indices(
    result: CompositeResult,
    space: UncertaintySpace,
    *,
    samples: int,
    seed: int | None = None,
    unit: str | None = None,
    resamples: int = 100,
    confidence: float = 0.95,
) -> SobolResult:
    """Estimate Sobol indices of the inputs of ``space`` (requires the ``composite`` extra).

    Args:
        result: The nominal index.
        space: The uncertain inputs; at least two.
        samples: SALib's base sample size ``N`` (a power of 2).
        seed: Seed of the scrambled Sobol sequence and of the bootstrap.
        unit: Take this unit's rank as the output instead of the mean rank shift.
        resamples: Bootstrap resamples for the confidence intervals.
        confidence: Level of the confidence intervals.

    Raises:
        MissingExtraError: SALib is not installed.
        CompositeError: Fewer than two inputs, ``samples`` not a power of 2, an
            unknown ``unit``, or a design that cannot be run (see :func:`simulate`).
    """
    try:
        from SALib.analyze import sobol as analyze  # noqa: PLC0415 - optional dependency
        from SALib.sample import sobol as sample  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("composite", "SALib") from None
    tree = result.tree
    space.check(tree)
    groups = space.groups(tree)
    inputs = tuple(dict.fromkeys(groups))
    if len(inputs) < 2:
        raise CompositeError(f"Sobol indices need at least two uncertain inputs, not {inputs}")
    if not is_whole(samples) or samples < 2 or samples & (samples - 1):
        raise CompositeError("samples must be a power of 2 (Sobol sequence)", value=samples)
    names = space.factor_names(tree)
    problem = {
        "num_vars": len(names),
        "names": list(names),
        "bounds": [[0.0, 1.0]] * len(names),
        "groups": list(groups),
    }
    points = sample.sample(problem, samples, calc_second_order=False, seed=seed)
    design = space.from_unit_cube(tree, points)
    outputs = _outputs(result, design, space, unit)
    d = len(inputs)
    if np.var(outputs) == 0:
        zero = np.zeros(d)
        return SobolResult(inputs, zero, zero, zero, zero, design, outputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        found = analyze.analyze(
            problem,
            outputs,
            calc_second_order=False,
            num_resamples=resamples,
            conf_level=confidence,
            seed=seed,
        )
    return SobolResult(
        inputs,
        np.asarray(found["S1"]),
        np.asarray(found["ST"]),
        np.asarray(found["S1_conf"]),
        np.asarray(found["ST_conf"]),
        design,
        outputs,
    )


def _outputs(
    result: CompositeResult, design: UncertaintyDesign, space: UncertaintySpace, unit: str | None
) -> np.ndarray:
    index, ranked = simulate(result, design, space.pipelines)
    ranks = rank_rows(np.ascontiguousarray(index[:, ranked]))
    nominal = result.ranks.column(result.tree.root)[ranked]
    if unit is None:
        shift: np.ndarray = np.abs(ranks - nominal[None, :]).mean(axis=1)
        return shift
    positions = [u for u, ok in zip(result.units, ranked, strict=True) if ok]
    if unit not in positions:
        raise CompositeError("no such unit with an index", unit=unit)
    chosen: np.ndarray = ranks[:, positions.index(unit)].astype(np.float64)
    return chosen
