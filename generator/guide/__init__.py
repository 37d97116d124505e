"""The guide in docs/: rule pages and tables generated from the data the checks use.

`python -m generator.guide` writes docs/{zh-TW,en}/rules/ anew and refreshes
the generated tables inside the hand-written pages; `--check` only compares,
for the test that fails when the committed guide has drifted.
"""

from __future__ import annotations

from pathlib import Path

from generator import i18n
from generator.guide import examples as ex
from generator.guide.rulepages import HEADER, describe_file, rule_page, words
from generator.guide.tables import fill_blocks
from generator.ruleprofile import RuleProfile, load_profile

LANGUAGES = ("zh-TW", "en")
_INDEX = {
    "zh-TW": ("# 規則一覽\n", "基本的內容資料夾",
              "每條規則的例子都從這個合格的內容資料夾開始：\n",
              "規則的數字來自 `taipei` 設定檔："),
    "en": ("# All rules\n", "The base content folder",
           "Each rule's example starts from this valid content folder:\n",
           "The numbers come from the `taipei` rules profile:"),
}  # fmt: skip


def rules_index(profile: RuleProfile, language: str) -> str:
    """The rules' index page: the base root of the examples, then rules by area."""
    title, base, base_text, numbers = _INDEX[language]
    w = words(language)
    key = "en" if language == "en" else "zh"
    parts = [HEADER, title, f"## {base}\n", base_text]
    parts += [
        describe_file(rel, spec, language) for rel, spec in ex.base_files().items()
    ]
    parts.append(numbers + "\n")
    parts.append(fill_blocks("<!-- generated: limits -->\n<!-- end generated -->\n",
                             profile, language))  # fmt: skip
    areas: dict[str, list[str]] = {}
    for rule, entry in i18n.catalogue().items():
        areas.setdefault(entry["area"], []).append(
            f"- [`{rule}`]({rule}.md) ({w[entry['severity']]}): {entry[f'why_{key}']}"
        )
    for area, lines in areas.items():
        parts.append(f"## {area}\n\n" + "\n".join(lines) + "\n")
    return "\n".join(parts)


def render_all(docs: Path) -> dict[Path, str]:
    """Every generated file of the guide, by path, as it should be on disk."""
    profile = load_profile("taipei")
    assert profile is not None
    examples = ex.examples()
    pages: dict[Path, str] = {}
    for language in LANGUAGES:
        folder = docs / language
        for rule in i18n.catalogue():
            pages[folder / "rules" / f"{rule}.md"] = rule_page(
                rule, examples[rule], profile, language
            )
        pages[folder / "rules" / "README.md"] = rules_index(profile, language)
        for page in sorted(folder.glob("*.md")):
            text = page.read_text(encoding="utf-8")
            pages[page] = fill_blocks(text, profile, language)
    return pages


def stale(docs: Path) -> list[Path]:
    """Generated files that differ from what the data makes, or are missing."""
    return [
        path
        for path, text in render_all(docs).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def write(docs: Path) -> list[Path]:
    changed = stale(docs)
    pages = render_all(docs)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages[path], encoding="utf-8", newline="\n")
    return changed
