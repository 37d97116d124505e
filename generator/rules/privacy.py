"""Privacy rules: no national ID or resident certificate number anywhere.

A number is flagged only when its checksum holds, so ordinary codes that merely
look alike stay quiet. Full-width letters and digits are read as their ASCII
twins first, since Chinese input methods often type them.
"""

from __future__ import annotations

import re
import unicodedata

from generator.rules import rule
from generator.rules.context import Context
from generator.yamlsource import Position

# Letter codes of the first character (the place of household registration).
_AREA = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17,
    "I": 34, "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23,
    "Q": 24, "R": 25, "S": 26, "T": 27, "U": 28, "V": 29, "W": 32, "X": 30,
    "Y": 31, "Z": 33,
}  # fmt: skip
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 1)
# National ID: letter, 1 or 2, eight digits. Resident certificates: the old
# form with a second letter A–D, the 2021 form with 8 or 9 as second digit.
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])([A-Z])([1289A-D])(\d{8})(?![A-Za-z0-9])")


def is_valid_id(number: str) -> bool:
    """Whether a 10-character ID or resident certificate number checks out."""
    match = _CANDIDATE.fullmatch(number)
    if not match:
        return False
    letter, second, digits = match.groups()
    area = _AREA[letter]
    # The old resident certificate counts its second letter's code, last digit.
    second_value = int(second) if second.isdigit() else _AREA[second] % 10
    total = area // 10 + (area % 10) * 9 + second_value * 8
    total += sum(int(d) * w for d, w in zip(digits[:7], _WEIGHTS[1:], strict=True))
    total += int(digits[7])
    return total % 10 == 0


# Every character whose NFKC form holds an ASCII digit (at most three): "7",
# "７", "⑦", "⑳", "½"... A line with fewer than three of them holds no ID, so
# it is not normalized at all: most lines of Chinese prose hold none.
_DIGIT_LIKE = re.compile(
    "[\u0030-\u0039\u00b2-\u00b3\u00b9\u00bc-\u00be\u2070\u2074-\u2079"
    "\u2080-\u2089\u2150-\u215f\u2189\u2460-\u249b\u24ea\u3251-\u325f"
    "\u32b1-\u32cb\u3358-\u3370\u3378-\u3379\u339f-\u33a6\u33a8\u33af"
    "\u33e0-\u33fe\uff10-\uff19\U0001d7ce-\U0001d7ff\U0001f100-\U0001f10a"
    "\U0001fbf0-\U0001fbf9]"
)
_FEWEST_DIGIT_LIKE = 3


def find_ids(text: str) -> list[tuple[int, int]]:
    """(line, column) of every valid ID number in a text."""
    found: list[tuple[int, int]] = []
    if len(_DIGIT_LIKE.findall(text)) < _FEWEST_DIGIT_LIKE:
        return found
    for number, line in enumerate(text.split("\n"), start=1):
        if len(_DIGIT_LIKE.findall(line)) < _FEWEST_DIGIT_LIKE:
            continue
        # NFKC maps full-width letters and digits one to one, so columns hold.
        normalized = unicodedata.normalize("NFKC", line)
        if len(normalized) != len(line):
            normalized = "".join(
                unicodedata.normalize("NFKC", c)[:1] or c for c in line
            )
        for match in _CANDIDATE.finditer(normalized):
            if is_valid_id(match.group(0)):
                found.append((number, match.start() + 1))
    return found


@rule("national-id")
def national_id(context: Context) -> None:
    for rel, text in sorted(context.content.texts.items()):
        for line, column in find_ids(text):
            context.add("national-id", rel, Position(line, column))
