"""The columnar response matrix (answers as int8 codes, groups as labels) and its checks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from cchc.documents.survey import Questionnaire, Response, SurveyRound
from cchc.errors import SurveyError
from cchc.findings import Finding, Severity

if TYPE_CHECKING:
    from numpy.typing import NDArray

NO_ANSWER_CODE = 0
"""In :attr:`ResponseMatrix.answers`: the respondent was asked and gave no answer."""

NOT_ASKED = -1
"""In :attr:`ResponseMatrix.answers`: the item was not put to the respondent."""

GROUPINGS = ("unit", "service", "respondent_type")


def _readonly(value: Any, dtype: Any = None) -> NDArray[Any]:
    array = np.asarray(value, dtype=dtype).view()
    array.flags.writeable = False
    return array


def _answers(value: Any) -> NDArray[np.int8]:
    array = np.asarray(value)
    if array.dtype != np.int8:
        if array.dtype.kind not in "iu":
            raise SurveyError(f"answers must be integers, not {array.dtype}")
        if array.size and (array.min() < NOT_ASKED or array.max() > 127):
            raise SurveyError("answers must lie between -1 and 127")
        array = array.astype(np.int8)
    return _readonly(array)


def _labels(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _optional(value: Any) -> NDArray[Any] | None:
    return None if value is None else _readonly(value)


def _weights(value: Any) -> NDArray[np.float64] | None:
    return None if value is None else _readonly(value, dtype=np.float64)


@attrs.frozen(kw_only=True, eq=False)
class ResponseMatrix:
    """Responses as numpy columns: the fast path of :func:`cchc.surveys.survey_results`.

    Row *r* is one response. ``answers[r, j]`` is the scale value given to item
    ``items[j]``, :data:`NO_ANSWER_CODE` (0) for no answer, or :data:`NOT_ASKED`
    (-1). Units, services and respondent types are integer codes into their
    labels; a service code of -1 means none. Arrays are kept as read-only views.

    The constructor checks shapes, codes and weights; :func:`cchc.surveys.survey_results`
    checks that every answer is on the questionnaire's scale.

    Attributes:
        items: The item codes, one per column of ``answers``.
        answers: ``responses × items`` answers (int8), as above.
        units: Per response, its unit's position in ``unit_labels``.
        unit_labels: The units' codes.
        services: Per response, its service's position in ``service_labels`` or -1;
            ``None`` when the round names no services.
        service_labels: The services' codes.
        respondent_types: Per response, its type's position in
            ``respondent_type_labels``; ``None`` when not recorded.
        respondent_type_labels: The respondent types.
        weights: Per response, its sampling weight (``None``: every response weighs 1).

    Raises:
        SurveyError: An array has the wrong shape or type, a code points past its
            labels, an item code or a label repeats, or a weight is not a finite
            number > 0.
    """

    items: tuple[str, ...] = attrs.field(converter=_labels)
    answers: NDArray[np.int8] = attrs.field(converter=_answers)
    units: NDArray[np.integer[Any]] = attrs.field(converter=_readonly)
    unit_labels: tuple[str, ...] = attrs.field(converter=_labels)
    services: NDArray[np.integer[Any]] | None = attrs.field(default=None, converter=_optional)
    service_labels: tuple[str, ...] = attrs.field(default=(), converter=_labels)
    respondent_types: NDArray[np.integer[Any]] | None = attrs.field(
        default=None, converter=_optional
    )
    respondent_type_labels: tuple[str, ...] = attrs.field(default=(), converter=_labels)
    weights: NDArray[np.float64] | None = attrs.field(default=None, converter=_weights)

    def __attrs_post_init__(self) -> None:
        if self.answers.ndim != 2 or self.answers.shape[1] != len(self.items):
            raise SurveyError(
                f"answers must be a (responses, {len(self.items)}) matrix,"
                f" not of shape {self.answers.shape}"
            )
        for name, labels in (
            ("item codes", self.items),
            ("unit_labels", self.unit_labels),
            ("service_labels", self.service_labels),
            ("respondent_type_labels", self.respondent_type_labels),
        ):
            repeated = sorted(c for c, n in Counter(labels).items() if n > 1)
            if repeated:  # two codes for one label would split its group in two
                raise SurveyError(f"{name} repeat: {', '.join(repeated)}")
        rows = self.answers.shape[0]
        _codes("units", self.units, self.unit_labels, rows, allow_none=False)
        _codes("services", self.services, self.service_labels, rows, allow_none=True)
        _codes(
            "respondent_types",
            self.respondent_types,
            self.respondent_type_labels,
            rows,
            allow_none=False,
        )
        if self.weights is not None:
            if self.weights.shape != (rows,):
                raise SurveyError(f"weights must be {rows} floats, not {self.weights.shape}")
            bad = np.flatnonzero(~(np.isfinite(self.weights) & (self.weights > 0)))
            if bad.size:
                raise SurveyError(
                    "design weights must be finite and > 0",
                    path=("weights", int(bad[0])),
                    value=float(self.weights[bad[0]]),
                    count=int(bad.size),
                )

    def __len__(self) -> int:
        return int(self.answers.shape[0])

    @classmethod
    def from_responses(
        cls, questionnaire: Questionnaire, responses: Sequence[Response] | SurveyRound
    ) -> ResponseMatrix:
        """The matrix of ``responses``, one column per item of ``questionnaire``.

        Labels are sorted, so the matrix does not depend on the order of the
        responses; weights are dropped when every weight is 1.

        Raises:
            SurveyError: :func:`check_responses` found errors (``findings`` holds them).
        """
        findings = check_responses(questionnaire, responses)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            first = errors[0]
            raise SurveyError(
                f"{first.message} [{first.code}]",
                path=first.path,
                count=len(errors),
                findings=errors,
            )
        rows = responses.responses if isinstance(responses, SurveyRound) else tuple(responses)
        items = tuple(i.code for i in questionnaire.items)
        column = {code: j for j, code in enumerate(items)}
        answers = np.full((len(rows), len(items)), NOT_ASKED, dtype=np.int8)
        for r, response in enumerate(rows):
            for code, value in response.answers.items():
                answers[r, column[code]] = NO_ANSWER_CODE if value is None else value
        units, unit_labels = _encode([r.unit for r in rows])
        services, service_labels = _encode([r.service for r in rows])
        types, type_labels = _encode([r.respondent_type.value for r in rows])
        weights = np.array([r.weight for r in rows], dtype=np.float64)
        return cls(
            items=items,
            answers=answers,
            units=units,
            unit_labels=unit_labels,
            services=services,
            service_labels=service_labels,
            respondent_types=types,
            respondent_type_labels=type_labels,
            weights=None if bool(np.all(weights == 1.0)) else weights,
        )

    def codes(self, dimension: str) -> tuple[NDArray[np.intp], tuple[str | None, ...]]:
        """Integer codes (``-1``: none) and labels of one grouping dimension."""
        if dimension == "unit":
            return self.units.astype(np.intp, copy=False), self.unit_labels
        if dimension == "service":
            if self.services is None:
                return np.full(len(self), -1, dtype=np.intp), ()
            return self.services.astype(np.intp, copy=False), self.service_labels
        if self.respondent_types is None:
            return np.full(len(self), -1, dtype=np.intp), ()
        return self.respondent_types.astype(np.intp, copy=False), self.respondent_type_labels


def _codes(
    name: str, codes: NDArray[Any] | None, labels: tuple[str, ...], rows: int, *, allow_none: bool
) -> None:
    if codes is None:
        return
    if codes.shape != (rows,) or codes.dtype.kind not in "iu":
        raise SurveyError(f"{name} must be {rows} integer codes, not {codes.dtype} {codes.shape}")
    low = -1 if allow_none else 0
    bad = np.flatnonzero((codes < low) | (codes >= len(labels)))
    if bad.size:
        raise SurveyError(
            f"{name} codes must lie between {low} and {len(labels) - 1} (one per label)",
            path=(name, int(bad[0])),
            value=int(codes[bad[0]]),
            count=int(bad.size),
        )


def _encode(values: Sequence[str | None]) -> tuple[NDArray[np.intp], tuple[str, ...]]:
    labels = tuple(sorted({v for v in values if v is not None}))
    index = {label: i for i, label in enumerate(labels)}
    codes = np.fromiter((-1 if v is None else index[v] for v in values), np.intp, len(values))
    return codes, labels


def check_responses(
    questionnaire: Questionnaire, responses: Sequence[Response] | SurveyRound, *, limit: int = 20
) -> tuple[Finding, ...]:
    """Every problem of ``responses`` against ``questionnaire``, as findings.

    Errors: ``round.questionnaire`` (a round of another questionnaire),
    ``respondent.duplicate``, ``answer.unknown-item`` (a code not in the
    questionnaire), ``answer.off-scale``, ``weight.not-positive``. Warnings:
    ``respondent-type.unexpected`` (a type the questionnaire is not for) and
    ``response.empty`` (no valid answer at all). At most ``limit`` findings are
    listed per code; when there are more, one more finding at ``("responses",)``
    gives the total.
    """
    rows = responses.responses if isinstance(responses, SurveyRound) else tuple(responses)
    found: list[Finding] = []
    if isinstance(responses, SurveyRound) and responses.questionnaire != questionnaire.code:
        message = (
            f"the round answers questionnaire {responses.questionnaire!r},"
            f" not {questionnaire.code!r}"
        )
        found.append(Finding("round.questionnaire", "error", ("questionnaire",), message))
    found.extend(_capped(_row_findings(questionnaire, rows), limit))
    document = f"survey-round:{responses.code}" if isinstance(responses, SurveyRound) else ""
    return tuple(attrs.evolve(f, document=document) for f in found)


def _row_findings(questionnaire: Questionnaire, rows: Sequence[Response]) -> Iterator[Finding]:
    items = {i.code for i in questionnaire.items}
    scale = set(questionnaire.scale_values)
    counts = Counter(r.respondent for r in rows)
    seen: set[str] = set()
    shown = ", ".join(str(v) for v in questionnaire.scale_values)
    for index, row in enumerate(rows):
        at = ("responses", index)
        if counts[row.respondent] > 1 and row.respondent in seen:
            message = f"respondent {row.respondent!r} appears {counts[row.respondent]} times"
            yield Finding("respondent.duplicate", "error", (*at, "respondent"), message)
        seen.add(row.respondent)
        if not row.weight > 0:  # only reachable through model_construct
            yield Finding("weight.not-positive", "error", (*at, "weight"), "weight must be > 0")
        if row.respondent_type not in questionnaire.respondent_types:
            message = (
                f"the questionnaire is not for respondents of type {row.respondent_type.value}"
            )
            yield Finding(
                "respondent-type.unexpected", "warning", (*at, "respondent_type"), message
            )
        for code, value in row.answers.items():
            if code not in items:
                message = f"{code!r} is not an item of questionnaire {questionnaire.code!r}"
                yield Finding("answer.unknown-item", "error", (*at, "answers", code), message)
            elif value is not None and value not in scale:
                message = f"answer {value} is not on the scale ({shown})"
                yield Finding("answer.off-scale", "error", (*at, "answers", code), message)
        if not any(v is not None and c in items for c, v in row.answers.items()):
            yield Finding("response.empty", "warning", (*at, "answers"), "no item was answered")


def _capped(findings: Iterator[Finding], limit: int) -> Iterator[Finding]:
    per_code: Counter[str] = Counter()
    for finding in findings:
        per_code[finding.code] += 1
        if per_code[finding.code] <= limit:
            yield finding
    for code, count in per_code.items():
        if count > limit:
            message = f"{count - limit} more like the above ({count} in all)"
            warning = code.startswith(("response.", "respondent-type."))
            severity: Severity = "warning" if warning else "error"
            yield Finding(code, severity, ("responses",), message)
