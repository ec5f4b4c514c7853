"""Fragments of text and bytes to put in a document's text: JSON, YAML, raw and byte tokens."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .values import DATES, NUMBERS, STRING_NUMBERS, TEXTS


def _quoted(texts: Sequence[str]) -> tuple[str, ...]:
    return tuple(json.dumps(t) for t in texts)


def _nest(depths: Sequence[int]) -> tuple[str, ...]:
    lists = tuple("[" * n + "]" * n for n in depths)
    maps = tuple('{"a": ' * n + "1" + "}" * n for n in depths)
    return lists + maps


_DEPTHS = (63, 64, 65, 200, 1000, 100_000)

JSON_TOKENS: tuple[str, ...] = (
    *NUMBERS,
    *_quoted(NUMBERS),
    *_quoted(STRING_NUMBERS),
    *_quoted(DATES),
    *_quoted(TEXTS),
    '"\\ud800"',
    '"\\udfff"',
    '"\\ud83d\\ude00"',
    '"a\\u0000b"',
    "NaN",
    "Infinity",
    "-Infinity",
    "true",
    "false",
    "null",
    "[]",
    "{}",
    '[1, "a", null]',
    '{"a": 1}',
    '{"a": 1, "a": 2}',
    '{"type": "framework"}',
    '{"points": "1E+999999"}',
    "01",
    "1.",
    ".5",
    "+1",
    "0x10",
    *_nest(_DEPTHS),
)
"""JSON text for a value's place."""


def _laughs(levels: int) -> str:
    parts = ["&l0 [x, x, x, x, x, x, x, x, x, x]"]
    parts += [f"&l{k} [{', '.join([f'*l{k - 1}'] * 10)}]" for k in range(1, levels)]
    return "[" + ", ".join(parts) + "]"


YAML_TOKENS: tuple[str, ...] = (
    *NUMBERS,
    *_quoted(NUMBERS),
    *_quoted(DATES),
    *_quoted(TEXTS),
    *DATES[:8],
    "2001-12-14t21:59:43.10-05:00",
    "2024-02-30 10:00:00",
    "0x_",
    "0x1F",
    "0o17",
    "017",
    "08",
    "0b101",
    "0b_",
    "0b2",
    "1_000",
    "1__0",
    "+12",
    "190:20:30",
    "-0:0",
    "1:1e400",
    "-" + "9" * 5000,
    ".inf",
    "-.inf",
    ".nan",
    ".NaN",
    "1e400",
    "1.0e+999999",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "~",
    "Null",
    "True",
    "!!timestamp x",
    "!!timestamp 2024-02-30",
    "!!timestamp ''",
    "!!bool x",
    "!!bool ''",
    "!!int ''",
    "!!int x",
    "!!int 0x_",
    "!!int 0b_",
    "!!int 1:x",
    "!!float x",
    "!!float ''",
    "!!null x",
    "!!binary '@@@'",
    "!!binary AAAA",
    "!!binary ''",
    "!!str",
    "!!str [1]",
    "!!set {a, b}",
    "!!omap [a: 1, a: 2]",
    "!!omap [1]",
    "!!pairs [a: 1]",
    "!!pairs x",
    "!!map [1]",
    "!!seq {a: 1}",
    "!!python/object/apply:os.system ['true']",
    "!!python/name:os.system",
    "!!python/tuple [1]",
    "!foo bar",
    "!<tag:yaml.org,2002:int> x",
    "!<tag:yaml.org,2002:timestamp> 2024-02-30",
    "!!merge x",
    "!!value x",
    "&a [1, *a]",
    "&a {b: *a}",
    "*nothere",
    "&a 1",
    "{<<: {a: 1}, b: 2}",
    "{<<: [{a: 1}, {b: 2}]}",
    "{<<: 1}",
    "{<<: [1]}",
    "{<<: *nothere}",
    "{a: &x {b: 1}, c: {<<: *x}}",
    "{? [1, 2] : x}",
    "{[1]: 2}",
    "{1: 2}",
    "{null: 1}",
    "{.nan: 1}",
    "{a: 1, a: 2}",
    "{2024-02-30: 1}",
    "{!!binary AAAA: 1}",
    _laughs(5),
    _laughs(7),
    _laughs(9),
    '"\\ud800"',
    '"\\udfff"',
    '"\\0"',
    '"a\\x00b"',
    '"\\U0010FFFF"',
    '"\\U00110000"',
    "'it''s'",
    '"unterminated',
    "[1, 2",
    "@reserved",
    "`tick",
    "%",
    *_nest(_DEPTHS),
)
"""YAML text for a value's place (flow style, so it fits any indentation)."""

RAW_TOKENS: tuple[str, ...] = (
    "\x00",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\u2028",
    "\x1b",
    "\x85",
    "\r",
    "\t",
    '"',
    "'",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "#",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "\n---\n",
    "\n...\n",
    "\n<<: {a: 1}\n",
    "\n- \n",
    "\n  ",
    "é",
    "e\u0301",
    "\U0001f600",
    "\U0010ffff",
)
"""Single characters and fragments to insert anywhere."""

BYTE_TOKENS: tuple[bytes, ...] = (
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\xed\xbf\xbf",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xe2\x82",
    b"\xf4\x90\x80\x80",
    b"\xf8\x88\x80\x80\x80",
    b"\r\n",
    b"\x1a",
)
"""Byte fragments, mostly not UTF-8."""

ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1258", "utf-8-sig")
