"""Privacy rule: a national ID or resident certificate number anywhere is an error."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.rules.privacy import _DIGIT_LIKE, find_ids, is_valid_id

from .builders import AS_OF, STATEMENTS, Hit, Root

PROFILE = "profile.md"
NATIONAL_ID = "A123456789"  # the well-known sample number; its checksum holds
WRONG_CHECK_DIGIT = "A123456788"


def complete(prefix: str) -> str:
    """The 10-character number that starts with `prefix` and whose checksum holds."""
    [number] = [prefix + d for d in "0123456789" if is_valid_id(prefix + d)]
    return number


def wrong_digit(number: str) -> str:
    """The same number with its check digit off by one."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in text)


def _profile_saying(root: Root, text: str) -> None:
    root.profile(body=f"我是王小明。\n\n聯絡資料：{text}\n")


def _hit(root: Root, text: str) -> Hit:
    return Hit("national-id", "error", PROFILE, root.line(PROFILE, text))


def test_the_sample_number_and_its_neighbour_differ_in_checksum() -> None:
    assert is_valid_id(NATIONAL_ID)
    assert not is_valid_id(WRONG_CHECK_DIGIT)


NUMBERS = [
    NATIONAL_ID,
    complete("F22233344"),
    complete("A80000001"),  # resident certificate since 2021, male
    complete("Z91234567"),  # resident certificate since 2021, female
    complete("AC0123456"),  # resident certificate, old form
    complete("FD7654321"),
]


@pytest.mark.parametrize("number", NUMBERS)
def test_a_number_whose_checksum_holds_is_an_error(root: Root, number: str) -> None:
    _profile_saying(root, number)

    [finding] = root.findings(as_of=AS_OF)

    assert (finding.rule, finding.severity, finding.file) == (
        "national-id",
        "error",
        PROFILE,
    )
    assert (finding.line, finding.column) == (root.line(PROFILE, number), 6)


@pytest.mark.parametrize("number", NUMBERS)
def test_the_same_number_with_a_wrong_check_digit_is_fine(
    root: Root, number: str
) -> None:
    _profile_saying(root, wrong_digit(number))

    assert root.check(as_of=AS_OF) == []


@pytest.mark.parametrize(
    "text",
    [
        WRONG_CHECK_DIGIT,
        NATIONAL_ID[:-1],
        NATIONAL_ID + "0",
        "X" + NATIONAL_ID,
        NATIONAL_ID.lower() + "x",
        "A323456789",  # no such second digit
        "1123456789",
    ],
)
def test_a_number_that_only_looks_alike_is_fine(root: Root, text: str) -> None:
    _profile_saying(root, text)

    assert root.check(as_of=AS_OF) == []


def test_a_full_width_number_is_an_error(root: Root) -> None:
    number = full_width(NATIONAL_ID)
    assert number == "Ａ１２３４５６７８９"
    _profile_saying(root, number)

    [finding] = root.findings(as_of=AS_OF)

    assert (finding.rule, finding.line, finding.column) == (
        "national-id",
        root.line(PROFILE, number),
        6,
    )


def test_columns_hold_after_characters_that_widen_when_normalized(
    root: Root,
) -> None:
    root.profile(body=f"㍿{NATIONAL_ID}、{full_width(NATIONAL_ID)}\n")

    line = root.line(PROFILE, NATIONAL_ID)
    assert [(f.line, f.column) for f in root.findings(as_of=AS_OF)] == [
        (line, 2),
        (line, 13),
    ]


def test_a_full_width_number_with_a_wrong_check_digit_is_fine(root: Root) -> None:
    _profile_saying(root, full_width(WRONG_CHECK_DIGIT))

    assert root.check(as_of=AS_OF) == []


def test_every_number_in_a_file_is_reported(root: Root) -> None:
    other = complete("B20000000")
    root.profile(body=f"{NATIONAL_ID}\n\n父：{other}\n")

    assert root.check(as_of=AS_OF) == [_hit(root, NATIONAL_ID), _hit(root, other)]


@pytest.mark.parametrize(
    "place",
    ["profile", "outcome", "performance", "application", "courses", "site"],
)
def test_a_number_is_found_in_every_kind_of_content_file(
    root: Root, place: str
) -> None:
    text = f"身分證 {NATIONAL_ID}"
    rel = {
        "profile": PROFILE,
        "outcome": "outcomes/lab.md",
        "performance": "performances/lab.md",
        "application": "applications/lab.md",
        "courses": "courses.yaml",
        "site": "site.yaml",
    }[place]
    if place == "profile":
        root.profile(body=text)
    elif place in ("outcome", "performance"):
        getattr(root, place)("lab", summary=text)
    elif place == "application":
        root.application("lab", body=f"{text}\n\n{STATEMENTS}")
    elif place == "courses":
        root.yaml(rel, [{"year": 113, "semester": 1, "subject": "物理", "type": text}])
    else:
        root.site(title=text)

    assert root.check(as_of=AS_OF) == [
        Hit("national-id", "error", rel, root.line(rel, NATIONAL_ID))
    ]


@given(
    letter=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    second=st.sampled_from("1289ABCD"),
    digits=st.text("0123456789", min_size=7, max_size=7),
)
def test_exactly_one_check_digit_completes_any_number(
    letter: str, second: str, digits: str
) -> None:
    prefix = letter + second + digits
    assert sum(is_valid_id(prefix + d) for d in "0123456789") == 1


def test_the_digit_like_characters_are_all_that_nfkc_turns_into_digits() -> None:
    # A line without three of them is not searched; a newer Unicode in a newer
    # Python may add some, which this names.
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if any("0" <= c <= "9" for c in unicodedata.normalize("NFKC", chr(code)))
        and not _DIGIT_LIKE.fullmatch(chr(code))
    ]

    assert missed == []


def test_a_number_of_circled_digits_is_found() -> None:
    number = complete("A12345678")
    circled = number[:2] + "".join(chr(0x2460 + int(d) - 1) if d != "0" else "⓪"
                                   for d in number[2:])  # fmt: skip

    assert find_ids(f"身分證：{circled}") == [(1, 5)]


def test_a_line_of_prose_without_digits_is_not_searched() -> None:
    assert find_ids("這是一段沒有數字的文字，只有全形標點：（）。\n" * 50) == []
