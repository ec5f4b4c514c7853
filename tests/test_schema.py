"""The JSON Schema: valid draft 2020-12, describes every field, accepts what load() accepts."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import cchc
from cchc.documents import DOCUMENT_TYPES, Document

VALIDATOR = Draft202012Validator(cchc.json_schema())


def test_schema_is_valid_draft_2020_12() -> None:
    schema = cchc.json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_has_every_document_type() -> None:
    mapping = cchc.json_schema()["discriminator"]["mapping"]
    assert sorted(mapping) == sorted(cls.type_tag for cls in DOCUMENT_TYPES)


def test_every_field_has_title_description_and_vietnamese_term() -> None:
    definitions = cchc.json_schema()["$defs"]
    missing = []
    for name, definition in definitions.items():
        for field, spec in definition.get("properties", {}).items():
            # pydantic leaves out a field title equal to its referenced definition's title
            title = spec.get("title") or definitions.get(spec.get("$ref", "/").split("/")[-1], {})
            if not (title and spec.get("description") and spec.get("x-vi")):
                missing.append(f"{name}.{field}")
    assert missing == []


def test_enums_carry_their_labels() -> None:
    reform_area = cchc.json_schema()["$defs"]["ReformArea"]
    assert reform_area["x-labels"]["institutions"] == {
        "vi": "Cải cách thể chế",
        "en": "Institutional reform",
    }


def test_built_in_programmes_are_valid_under_the_schema() -> None:
    for programme in cchc.datasets.programmes():
        VALIDATOR.validate(json.loads(cchc.dumps(programme)))


@given(st.one_of([st.from_type(cls) for cls in DOCUMENT_TYPES]))
def test_dumped_documents_are_valid_under_the_schema(document: Document) -> None:
    data: Any = json.loads(cchc.dumps(document))
    errors = [e.message for e in VALIDATOR.iter_errors(data)]
    assert errors == []


def test_schema_is_a_fresh_copy() -> None:
    schema = cchc.json_schema()
    schema["title"] = "changed"
    assert cchc.json_schema()["title"] == "cchc documents"
