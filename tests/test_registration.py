"""``st.from_type`` knows every document class, whichever is imported first in a program."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.documents import DOCUMENT_TYPES

PROGRAM = """
import cchc.documents
from hypothesis import given
from hypothesis import strategies as st
drawn = [type(st.from_type(cls).example()).__name__ for cls in cchc.documents.DOCUMENT_TYPES]
print(" ".join(drawn))
"""


@pytest.mark.parametrize(
    "first",
    [
        "import cchc.testing.strategies",  # its import of hypothesis runs the hook mid-import
        "import hypothesis",
        "import cchc.testing.laws",
        "import cchc.testing._accountability_strategies",  # as some of our tests do
        "import cchc",
    ],
)
def test_any_import_order_registers_every_document(first: str) -> None:
    ran = subprocess.run(
        [sys.executable, "-c", f"{first}\n{PROGRAM}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == [cls.__name__ for cls in DOCUMENT_TYPES]


@given(st.data())
def test_registered_in_this_process(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(DOCUMENT_TYPES))
    assert isinstance(data.draw(st.from_type(cls)), cls)
