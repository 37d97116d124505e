"""Tables of the guide made from the data the checker reads, so they cannot drift.

Hand-written pages hold `<!-- generated: NAME ARG -->` … `<!-- end generated -->`
blocks; `fill_blocks` rewrites what stands between the two markers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator import fields as fieldspec
from generator.guide.examples import field_examples
from generator.ruleprofile import RuleProfile

_BLOCK = re.compile(
    r"(?P<open><!-- generated: (?P<name>[a-z-]+)(?: (?P<arg>[a-z-]+))? -->\n)"
    r".*?"
    r"(?P<close><!-- end generated -->)",
    re.DOTALL,
)
_TYPES = {
    "str": ("文字", "text"),
    "path": ("檔案路徑", "file path"),
    "int": ("整數", "integer"),
    "year": ("學年度（民國年）", "school year (ROC)"),
    "number": ("數字", "number"),
    "bool": ("true / false", "true / false"),
    "date": ("日期 YYYY-MM-DD", "date YYYY-MM-DD"),
    "url": ("網址", "web address"),
    "str-list": ("文字或清單", "text or list"),
    "id-list": ("id 清單", "list of ids"),
    "submitted": ("true 或學年度", "true or a school year"),
    "private": ("true 或欄位清單", "true or a list of fields"),
    "items": ("審查項目清單或權重", "review items, or weights"),
    "limits": ("段落 → 字數", "statement → characters"),
    "links": ("網址清單", "list of addresses"),
    "category": ("類別", "category"),
    "mapping": ("設定組", "group of settings"),
    "window": ("期間 {start, end}", "window {start, end}"),
}
_HEAD = {
    "fields": (
        ("欄位", "必填", "型別", "說明", "例子"),
        ("field", "required", "type", "meaning", "example"),
    ),
    "categories": (
        ("category", "名稱", "額外欄位", "審查項目", "可附 link"),
        ("category", "name", "extra fields", "review item", "link allowed"),
    ),
    "limits": (("項目", "上限"), ("what", "limit")),
}


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _table(kind: str, rows: list[list[str]], language: str) -> str:
    head = _pick(_HEAD[kind], language)
    lines = [_row(list(head)), _row(["---"] * len(head))]
    return "\n".join([*lines, *(_row(r) for r in rows)]) + "\n"


def _type(spec: dict[str, Any], language: str) -> str:
    if spec["type"] == "enum":
        return " / ".join(str(v) for v in spec["values"])
    return _pick(_TYPES[spec["type"]], language)


def field_rows(kind: str, language: str, prefix: str = "") -> list[list[str]]:
    """One row per field of a kind, nested settings after their group."""
    examples = field_examples().get(kind, {})
    yes = "✓"
    rows = []
    for name, spec in fieldspec.definitions()[kind].items():
        example = examples.get(name, "")
        rows.append([
            f"`{prefix}{name}`",
            yes if spec.get("required") else "",
            _type(spec, language),
            fieldspec.field_doc(spec, language),
            f"`{prefix}{name}: {example}`" if example != "" else "",
        ])  # fmt: skip
        if spec["type"] == "mapping":
            nested = {f"{name}": spec["fields"]}
            for sub, sub_spec in nested[name].items():
                value = examples.get(f"{name}.{sub}", "")
                rows.append([
                    f"`{name}.{sub}`", "", _type(sub_spec, language),
                    fieldspec.field_doc(sub_spec, language),
                    f"`{sub}: {value}`" if value != "" else "",
                ])  # fmt: skip
    return rows


def fields_table(kind: str, profile: RuleProfile, language: str) -> str:
    return _table("fields", field_rows(kind, language), language)


def categories_table(kind: str, profile: RuleProfile, language: str) -> str:
    extras = fieldspec.definitions()["performance-extras"]
    rows = []
    for key, entry in profile.categories.items():
        own = [
            f"`{name}`" for name, spec in extras.items() if key in spec["categories"]
        ]
        item = entry["item"]
        rows.append([
            f"`{key}`", entry["name"], ", ".join(own) or "—",
            f"{item} {profile.item_name(item, language)}",
            "✓" if entry["link"] else "—",
        ])  # fmt: skip
    return _table("categories", rows, language)


def limits_table(kind: str, profile: RuleProfile, language: str) -> str:
    data = profile.data
    words = field_examples()["limits"]
    rows = []
    for key, (zh, en) in words.items():
        value: Any = data
        for part in key.split("."):
            value = value[part]
        if isinstance(value, list):
            value = ", ".join(value)
        rows.append([en if language == "en" else zh, str(value)])
    return _table("limits", rows, language)


BLOCKS: dict[str, Callable[[str, RuleProfile, str], str]] = {
    "fields": fields_table,
    "categories": categories_table,
    "limits": limits_table,
}


def fill_blocks(
    text: str,
    profile: RuleProfile,
    language: str,
    extra: dict[str, Callable[[str, RuleProfile, str], str]] | None = None,
) -> str:
    """The page with every generated block made anew from the data."""
    makers = {**BLOCKS, **(extra or {})}

    def replace(match: re.Match[str]) -> str:
        body = makers[match["name"]](match["arg"] or "", profile, language)
        return match["open"] + body + match["close"]

    return _BLOCK.sub(replace, text)
