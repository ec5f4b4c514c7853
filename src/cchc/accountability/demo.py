"""The accountability demo: the illustrative 2024 round of Hương Sơn's communes, its heads.

Everything here is illustrative: the round, the register of heads (placeholder names)
and their records, and the two local policies. The national decrees applied are
90/2020/NĐ-CP and 48/2023/NĐ-CP (Decree 335/2025/NĐ-CP applies from 2026); the
Party's HTXS share for Decree 48's quota is taken as 20% for the example.

>>> recommendations = huong_son_recommendations()
>>> recommendations.get("st-01").rating, recommendations.get("sn-02").rating
(<RatingLevel.HTXS: 'HTXS'>, <RatingLevel.HTT: 'HTT'>)
>>> print(accountability_summary("en").splitlines()[0])
# Accountability of heads — Hương Sơn, 2024 (illustrative)
"""

from __future__ import annotations

from decimal import Decimal

from cchc.accountability._outcome import Recommendations
from cchc.accountability.attribution import results_from_ranking
from cchc.accountability.engine import recommend
from cchc.accountability.report import accountability_report
from cchc.datasets import (
    assessment_round,
    framework,
    huong_son_heads,
    huong_son_records_2024,
    policy,
)
from cchc.documents import AssessmentRound
from cchc.vocabulary import Lang

__all__ = [
    "DEMO_PARTY_SHARE",
    "DEMO_POLICIES",
    "accountability_summary",
    "huong_son_recommendations",
]

DEMO_POLICIES: tuple[str, ...] = (
    "decree-90-2020",
    "decree-48-2023",
    "illustrative-head-index",
    "illustrative-emulation-bands",
)
"""The built-in policies the demo applies to 2024."""

DEMO_PARTY_SHARE = Decimal("0.2")
"""The Party's HTXS share assumed for Decree 48's quota in the demo (illustrative)."""


def huong_son_recommendations(now: AssessmentRound | None = None) -> Recommendations:
    """Recommendations for the heads of the illustrative register, 2024.

    The 2024 round (``now``, by default the built-in one) is scored under the
    illustrative district framework, with the 2023 round for band movement; each
    commune's plan completion (criterion 1.2) and SIPAS satisfaction (criterion 8.1)
    come from its assessment inputs.
    """
    district = framework("illustrative-district")
    before = assessment_round("huong-son-communes-2023")
    now = now or assessment_round("huong-son-communes-2024")
    from cchc.scoring import score_round  # noqa: PLC0415 - engines load when used

    ranking = score_round(district, now, previous=score_round(district, before))
    completion, satisfaction = {}, {}
    for assessment in now.assessments:
        rate, sipas = assessment.inputs.get("1.2"), assessment.inputs.get("8.1")
        if isinstance(rate, Decimal):
            completion[assessment.unit] = rate
        if isinstance(sipas, Decimal):
            satisfaction[assessment.unit] = float(sipas)
    organisation = huong_son_heads()
    results = results_from_ranking(
        ranking,
        completion=completion,
        satisfaction=satisfaction,
        units=[u.code for u in organisation.units if u.parent == "huong-son"],
    )
    return recommend(
        [policy(name) for name in DEMO_POLICIES],
        year=2024,
        organisation=organisation,
        results=results,
        records=huong_son_records_2024(),
        bands=district,
        quota_shares={"decree-48-2023/party-share": DEMO_PARTY_SHARE},
    )


def accountability_summary(lang: Lang = "vi", now: AssessmentRound | None = None) -> str:
    """The demo as Markdown: every head's cap and reasons, quotas, units barred, one account.

    ``now`` is the 2024 round to attribute (by default the built-in one).
    """
    recommendations = huong_son_recommendations(now)
    vi = lang == "vi"
    lines = [
        "# Trách nhiệm người đứng đầu — Hương Sơn, 2024 (minh họa)"
        if vi
        else "# Accountability of heads — Hương Sơn, 2024 (illustrative)",
        "",
        (
            "Số liệu, người đứng đầu và hai quy định địa phương đều là minh họa. Áp dụng:"
            if vi
            else "Figures, heads and the two local policies are illustrative. Applied:"
        ),
    ]
    for name in DEMO_POLICIES:
        item = policy(name)
        lines.append(f"- {item.label_vi if vi else item.label_en}")
    share = f"{DEMO_PARTY_SHARE:%}"
    lines += [
        f"- {'Tỷ lệ HTXS của Đảng (giả định)' if vi else 'Party HTXS share (assumed)'}: {share}",
        "",
        recommendations.to_markdown(lang),
        "",
    ]
    barred = [u for u in recommendations.units if not u.eligible]
    head = "Đơn vị không được xét thi đua" if vi else "Units barred from emulation"
    lines.append(f"{head}: " + (", ".join(f"{u.unit} ({u.result.band})" for u in barred) or "—"))
    report = accountability_report(recommendations, organisation=huong_son_heads())
    accounts = [h.to_markdown(lang) for h in report.heads if h.agency == "son-ninh-ubnd"]
    return "\n".join(lines) + "\n\n" + "\n\n".join(accounts)
