"""Cross-record checks (cchc.checks): strict mode, order and form of findings, properties."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _checks_helpers import (
    AGENCIES,
    HS,
    OFFICIALS,
    ORG,
    POSTS,
    TENURES,
    UNITS,
    _dup_phases,
    _dup_units,
    _with_second,
    ha_tinh,
    huong_son,
    national,
    only,
)
from cchc import CchcError, CheckError, Document, Finding, Organisation, Programme, check, datasets
from cchc.testing.strategies import organisations, programmes

# --- strict, ordering, Finding ------------------------------------------------------------


def _error_and_warning() -> Programme:
    phases = huong_son().phases
    return huong_son(start_year=2020, phases=_with_second(phases, start_year=2025))


def test_strict_raises_check_error_with_only_the_errors() -> None:
    document = _error_and_warning()
    assert {f.severity for f in check(document)} == {"error", "warning"}
    with pytest.raises(CheckError) as caught:
        check(document, strict=True)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, CchcError)
    assert [f.code for f in error.findings] == ["phase.overlap"]
    assert all(f.severity == "error" for f in error.findings)
    message = str(error)
    assert "1 finding(s)" in message
    assert str(error.findings[0]) in message
    assert "issued-late" not in message


def test_strict_with_warnings_only_returns_them() -> None:
    findings = check(huong_son(start_year=2020), strict=True)
    assert [f.code for f in findings] == ["programme.issued-late"]


def test_findings_come_in_document_order() -> None:
    findings = check(national(), _dup_phases(), _dup_units(), ha_tinh())
    assert [f.document for f in findings] == [HS, ORG]


def test_finding_str_and_as_dict() -> None:
    finding = only(check(_error_and_warning()), "phase.overlap")
    text = str(finding)
    assert text.startswith(f"error: {HS} phases[1]: ")
    assert text.endswith(" [phase.overlap]")
    assert finding.message in text
    data = finding.as_dict()
    assert data == {
        "code": "phase.overlap",
        "severity": "error",
        "path": ["phases", 1],
        "message": finding.message,
        "document": HS,
    }
    assert json.loads(json.dumps(data)) == data


def test_finding_str_without_document_or_path() -> None:
    bare = Finding("x.y", "warning", ("targets", 2, "value"), "too high")
    assert str(bare) == "warning: targets[2].value: too high [x.y]"
    root = Finding("x.z", "error", (), "broken", document="programme:p")
    assert str(root) == "error: programme:p <root>: broken [x.z]"
    assert root.as_dict()["path"] == []


def test_documents_without_cross_record_rules_check_clean() -> None:
    lone: list[Document] = [
        datasets.national_programme().instrument,
        UNITS[2].model_copy(update={"valid_to": None}),
        AGENCIES[1],
        OFFICIALS[0],
        POSTS[0],
        TENURES[0],
    ]
    assert check(*lone) == ()


# --- properties ---------------------------------------------------------------------------


@given(programmes())
def test_drawn_programmes_have_no_errors(programme: Programme) -> None:
    errors = [f for f in check(programme) if f.severity == "error"]
    assert errors == []
    assert check(programme, strict=True) == check(programme)


@given(organisations())
def test_drawn_organisations_have_no_errors(organisation: Organisation) -> None:
    errors = [f for f in check(organisation) if f.severity == "error"]
    assert errors == []


@st.composite
def messy_documents(draw: st.DrawFn) -> list[Document]:
    """Programmes, some linked (rightly or wrongly) to each other or sharing a code, and registers.

    Many carry findings: bad parents, levels, cycles, duplicate codes, overlapping tenures.
    """
    drawn = draw(st.lists(programmes(), min_size=1, max_size=4, unique_by=lambda p: p.code))
    if draw(st.booleans()):
        # A second, different programme under the same code.
        drawn.append(drawn[0].model_copy(update={"end_year": drawn[0].end_year + 1}))
    codes = sorted({p.code for p in drawn})
    documents: list[Document] = []
    for programme in drawn:
        others = [c for c in codes if c != programme.code] + ["missing-parent"]
        parent = draw(st.none() | st.sampled_from(others))
        documents.append(programme.model_copy(update={"parent": parent}))
    for organisation in draw(st.lists(organisations(max_units=4), max_size=2)):
        tenures = organisation.tenures
        twice: bool = draw(st.booleans())
        if tenures and twice:
            tenures = (*tenures, tenures[0])  # the same tenure twice overlaps itself
        documents.append(organisation.model_copy(update={"tenures": tenures}))
    return documents


@given(messy_documents(), st.randoms(use_true_random=False))
def test_check_is_deterministic_and_ignores_document_order(
    documents: list[Document], rnd: random.Random
) -> None:
    first = check(*documents)
    assert check(*documents) == first
    shuffled = list(documents)
    rnd.shuffle(shuffled)
    assert Counter(check(*shuffled)) == Counter(first)


def test_check_each_keeps_findings_apart_by_position() -> None:
    from cchc.checks import check_each

    programme = huong_son()
    bad = huong_son(end_year=2031)
    per_document = check_each(bad, programme)
    assert [f.code for f in per_document[0]] == []
    assert [f.code for f in per_document[1]] == ["code.duplicate"]
    assert sum(per_document, ()) == check(bad, programme)
