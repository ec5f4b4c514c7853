"""Readable summaries of documents, as Markdown text, in Vietnamese or English.

>>> from cchc import datasets
>>> from cchc.summary import programme_summary
>>> print(programme_summary(datasets.huong_son_programme(), "en"))  # doctest: +ELLIPSIS
# Programme of administrative reform of Hương Sơn district, 2021–2030
...
"""

from __future__ import annotations

from cchc.documents import Programme, Target
from cchc.vocabulary import Lang, label

__all__ = ["programme_summary"]

_HEADINGS = {
    "vi": {
        "instrument": "Văn bản",
        "issuer": "Cơ quan ban hành",
        "period": "Thời kỳ",
        "phases": "Giai đoạn",
        "parent": "Thực hiện chương trình",
        "principles": "Quan điểm",
        "objectives": "Mục tiêu",
        "solutions": "Giải pháp",
        "targets": "Chỉ tiêu",
        "areas": "Nội dung cải cách",
        "unverified": "chưa kiểm chứng",
    },
    "en": {
        "instrument": "Instrument",
        "issuer": "Issued by",
        "period": "Period",
        "phases": "Phases",
        "parent": "Implements",
        "principles": "Principles",
        "objectives": "Objectives",
        "solutions": "Solutions",
        "targets": "Targets",
        "areas": "Reform areas",
        "unverified": "unverified",
    },
}


def _pick(vi: str, en: str | None, lang: Lang) -> str:
    return en if lang == "en" and en else vi


def programme_summary(programme: Programme, lang: Lang = "vi") -> str:
    """A Markdown summary of ``programme``: instrument, period, phases, solutions, targets.

    Text without an English translation is shown in Vietnamese when ``lang="en"``.
    """
    h = _HEADINGS[lang]
    instrument = programme.instrument
    lines = [
        f"# {_pick(programme.title_vi, programme.title_en, lang)}",
        "",
        f"- {h['instrument']}: {instrument.symbol}, {instrument.issued_on.isoformat()}",
        f"- {h['issuer']}: {_pick(programme.issuer_vi, programme.issuer_en, lang)}",
        f"- {h['period']}: {programme.start_year}–{programme.end_year}",
    ]
    if programme.phases:
        phases = ", ".join(f"{p.start_year}–{p.end_year}" for p in programme.phases)
        lines.append(f"- {h['phases']}: {phases}")
    if programme.parent_instrument:
        lines.append(f"- {h['parent']}: {programme.parent_instrument}")
    if programme.reform_areas:
        lines.append(
            f"- {h['areas']}: " + "; ".join(label(a, lang) for a in programme.reform_areas)
        )
    sections: list[tuple[str, list[str]]] = [
        ("principles", [_pick(p.text_vi, p.text_en, lang) for p in programme.principles]),
        ("objectives", [_pick(o.text_vi, o.text_en, lang) for o in programme.objectives]),
        (
            "solutions",
            [
                f"{g.number}. {_pick(g.title_vi, g.title_en, lang)}"
                for g in programme.solution_groups
            ],
        ),
        ("targets", [_target_line(t, lang) for t in programme.targets]),
    ]
    for key, items in sections:
        if items:
            lines += ["", f"## {h[key]}", ""]
            lines += [item if key == "solutions" else f"- {item}" for item in items]
    return "\n".join(lines)


def _target_line(target: Target, lang: Lang) -> str:
    indicator = _pick(target.indicator_vi, target.indicator_en, lang)
    scope = _pick(target.scope_vi, target.scope_en, lang) if target.scope_vi else None
    text = f"{indicator}{f' ({scope})' if scope else ''}: {target.requirement}"
    text += f" — {target.by_year} [{target.source}]"
    if not target.verified:
        text += f" ({_HEADINGS[lang]['unverified']})"
    return text
