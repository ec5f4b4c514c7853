"""Self-assessment workbooks: a template to fill in Excel, read back as a round.

:func:`write_template` writes one sheet, *Tự đánh giá*, with a row per leaf criterion
of a framework and a column per unit, each input cell validated for its rule;
:func:`read_round` reads the filled workbook back into an
:class:`~cchc.documents.AssessmentRound`, exactly (``cchc score`` does it for any
``.xlsx`` file). Needs the ``spreadsheet`` extra: ``pip install "cchc[spreadsheet]"``.
The same round may be a ``.csv`` file (one row per unit; no extra needed) or a
``.parquet`` table in that layout with typed columns, a null cell meaning "does not
apply" (the ``parquet`` extra: pyarrow).

The words typed in the cells are Vietnamese, whatever the labels' language:

- ``Đạt``: yes (a ``binary`` criterion); ``Không đạt``: no;
- ``Không áp dụng``: the criterion does not apply to the unit (``null``), only where the
  criterion allows it;
- ``Không thực hiện``: a ``timeliness`` criterion's document was never issued
  (``"missing"``).

An empty cell is an error, not "not applicable": every unit answers every criterion.

Survey responses take a file of their own: :func:`write_responses_template` writes a
sheet, *Phiếu khảo sát*, with a row per respondent and a column per item of a
questionnaire, and :func:`read_responses` reads it back as a
:class:`~cchc.documents.SurveyRound` (``cchc survey`` does it for any ``.xlsx`` or
``.csv`` file). An answer is a value of the scale or its label; ``Không trả lời`` is
"asked, no answer" (``null``), an empty cell "not asked".

A plan's tasks go to lead agencies the same way: :func:`write_plan_template` writes a
sheet, *Tiến độ*, with a row per task (code, title, lead agency, due day) and the
progress update to fill (date, percent, status, note, evidence), and
:func:`read_plan_updates` reads it back as the plan with those updates added
(``cchc monitor PLAN --updates FILE`` does it for any ``.xlsx`` or ``.csv`` file).
"""

from __future__ import annotations

from cchc.spreadsheets._layout import NO, NOT_APPLICABLE, NOT_DONE, SHEET, YES
from cchc.spreadsheets._plan import PLAN_SHEET, read_plan_updates, write_plan_template
from cchc.spreadsheets._read import read_round
from cchc.spreadsheets._survey import (
    NOT_ANSWERED,
    SURVEY_SHEET,
    read_responses,
    write_responses_template,
)
from cchc.spreadsheets._write import write_template

__all__ = [
    "NO",
    "NOT_ANSWERED",
    "NOT_APPLICABLE",
    "NOT_DONE",
    "PLAN_SHEET",
    "SHEET",
    "SURVEY_SHEET",
    "YES",
    "read_plan_updates",
    "read_responses",
    "read_round",
    "write_plan_template",
    "write_responses_template",
    "write_template",
]
