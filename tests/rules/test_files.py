"""File rules: evidence exists inside the root, is what it claims, and fits."""

from __future__ import annotations

import pytest

from .builders import (
    AS_OF,
    DOCX,
    HEIC,
    JPEG,
    MP3,
    MP4,
    PDF,
    PNG,
    STATEMENTS,
    Hit,
    Root,
)

MIB = 1024 * 1024
LAB = "outcomes/lab.md"


def _lab_with(root: Root, field: str, name: str, data: bytes | None) -> None:
    """The outcome `lab` whose `field` names `name`, written with `data`."""
    if data is not None:
        root.file(f"outcomes/{name}", data)
    root.outcome("lab", **{field: name})


# -- file-missing --------------------------------------------------------------


def test_a_document_that_does_not_exist_is_file_missing(root: Root) -> None:
    _lab_with(root, "document", "report.pdf", None)

    assert root.check(as_of=AS_OF) == [
        Hit("file-missing", "error", LAB, root.line(LAB, "document:"))
    ]


def test_a_document_that_exists_is_not_missing(root: Root) -> None:
    _lab_with(root, "document", "report.pdf", PDF)

    assert root.check(as_of=AS_OF) == []


def test_file_missing_suggests_the_file_beside_the_record(root: Root) -> None:
    root.file("outcomes/report.pdf")
    root.outcome("lab", document="reprot.pdf")

    [finding] = root.findings(as_of=AS_OF)

    assert finding.rule == "file-missing"
    assert "report.pdf" in finding.hint


def test_a_body_image_that_does_not_exist_is_file_missing(root: Root) -> None:
    root.outcome("lab", body="\n![實驗裝置](setup.png)\n")

    assert root.check(as_of=AS_OF) == [
        Hit("file-missing", "error", LAB, root.line(LAB, "![實驗裝置]"))
    ]


def test_a_profile_photo_that_does_not_exist_is_file_missing(root: Root) -> None:
    root.profile(photo="portrait.jpg")

    assert root.check(as_of=AS_OF) == [
        Hit("file-missing", "error", "profile.md", root.line("profile.md", "photo:"))
    ]


@pytest.mark.parametrize(("where", "missing"), [("lab/", False), ("", True)])
def test_a_bundles_files_are_found_beside_its_index(
    root: Root, where: str, missing: bool
) -> None:
    root.file(f"outcomes/{where}report.pdf")
    root.outcome("lab", bundle=True, document="report.pdf")

    rel = "outcomes/lab/index.md"
    expected = [Hit("file-missing", "error", rel, root.line(rel, "document:"))]
    assert root.check(as_of=AS_OF) == (expected if missing else [])


# -- file-outside-root ---------------------------------------------------------


def test_a_document_reached_through_dot_dot_outside_the_root_is_an_error(
    root: Root,
) -> None:
    (root.path.parent / "secret.pdf").write_bytes(PDF)
    root.outcome("lab", document="../../secret.pdf")

    assert root.check(as_of=AS_OF) == [
        Hit("file-outside-root", "error", LAB, root.line(LAB, "document:"))
    ]


def test_a_document_reached_through_dot_dot_inside_the_root_is_fine(
    root: Root,
) -> None:
    root.file("shared.pdf")
    root.outcome("lab", document="../shared.pdf")

    assert root.check(as_of=AS_OF) == []


def test_a_document_symlinked_to_outside_the_root_is_an_error(root: Root) -> None:
    secret = root.path.parent / "secret.pdf"
    secret.write_bytes(PDF)
    (root.path / "outcomes").mkdir()
    (root.path / "outcomes" / "report.pdf").symlink_to(secret)
    root.outcome("lab", document="report.pdf")

    assert root.check(as_of=AS_OF) == [
        Hit("file-outside-root", "error", LAB, root.line(LAB, "document:"))
    ]


def test_a_document_symlinked_to_inside_the_root_is_fine(root: Root) -> None:
    shared = root.file("shared/report.pdf")
    (root.path / "outcomes").mkdir()
    (root.path / "outcomes" / "report.pdf").symlink_to(shared)
    root.outcome("lab", document="report.pdf")

    assert root.check(as_of=AS_OF) == []


def test_a_broken_symlink_is_file_missing(root: Root) -> None:
    (root.path / "outcomes").mkdir()
    (root.path / "outcomes" / "report.pdf").symlink_to(root.path / "gone.pdf")
    root.outcome("lab", document="report.pdf")

    assert root.check(as_of=AS_OF) == [
        Hit("file-missing", "error", LAB, root.line(LAB, "document:"))
    ]


@pytest.mark.parametrize(
    ("src", "outside"), [("../../x.png", True), ("../x.png", False)]
)
def test_a_body_image_must_stay_inside_the_root(
    root: Root, src: str, outside: bool
) -> None:
    (root.path.parent / "x.png").write_bytes(PNG)
    root.file("x.png", PNG)
    root.outcome("lab", body=f"\n![實驗裝置]({src})\n")

    expected = [Hit("file-outside-root", "error", LAB, root.line(LAB, src))]
    assert root.check(as_of=AS_OF) == (expected if outside else [])


def test_an_absolute_path_outside_the_root_is_an_error(root: Root) -> None:
    secret = root.path.parent / "secret.pdf"
    secret.write_bytes(PDF)
    root.outcome("lab", document=str(secret))

    assert root.check(as_of=AS_OF) == [
        Hit("file-outside-root", "error", LAB, root.line(LAB, "document:"))
    ]


# -- file-format ---------------------------------------------------------------

FORMATS = [
    # field, name, content, a file-format error?
    ("document", "report.pdf", PDF, False),
    ("document", "report.PDF", PDF, False),
    ("document", "photo.jpg", JPEG, False),
    ("document", "photo.jpeg", JPEG, False),
    ("document", "photo.png", PNG, False),
    ("document", "photo.jpg", PNG, True),
    ("document", "photo.png", JPEG, True),
    ("document", "report.pdf", PNG, True),
    ("document", "photo.jpg", HEIC, True),
    ("document", "photo.heic", HEIC, True),
    ("document", "report.docx", DOCX, True),
    ("document", "report.pdf", DOCX, True),
    ("document", "report.pdf", b"", True),
    ("document", "report.pdf", "純文字".encode(), True),
    ("document", "talk.mp3", MP3, True),
    ("media", "talk.mp3", MP3, False),
    ("media", "talk.mp4", MP4, False),
    ("media", "talk.mp3", MP4, True),
    ("media", "talk.mp4", MP3, True),
    ("media", "report.pdf", PDF, True),
]


@pytest.mark.parametrize(("field", "name", "data", "wrong"), FORMATS)
def test_the_format_is_judged_by_content_and_name_together(
    root: Root, field: str, name: str, data: bytes, wrong: bool
) -> None:
    _lab_with(root, field, name, data)

    expected = [Hit("file-format", "error", LAB, root.line(LAB, f"{field}:"))]
    assert root.check(as_of=AS_OF) == (expected if wrong else [])


def test_a_png_named_jpg_is_told_to_rename_it_to_png(root: Root) -> None:
    _lab_with(root, "document", "photo.jpg", PNG)

    [finding] = root.findings(as_of=AS_OF)

    assert finding.rule == "file-format"
    assert ".png" in finding.hint


@pytest.mark.parametrize(("name", "data", "wrong"), [
    ("portrait.jpg", JPEG, False),
    ("portrait.png", PNG, False),
    ("portrait.jpg", PNG, True),
    ("portrait.pdf", PDF, True),
])  # fmt: skip
def test_the_profile_photo_must_be_a_jpeg_or_png(
    root: Root, name: str, data: bytes, wrong: bool
) -> None:
    root.file(name, data)
    root.profile(photo=name)

    line = root.line("profile.md", "photo:")
    expected = [Hit("file-format", "error", "profile.md", line)]
    assert root.check(as_of=AS_OF) == (expected if wrong else [])


# -- sizes ---------------------------------------------------------------------

SIZES = [
    # field, name, content, size, the rule it breaks (None: none)
    ("document", "report.pdf", PDF, 4_000_000, None),
    ("document", "report.pdf", PDF, 4_000_001, "size-ambiguous"),
    ("document", "report.pdf", PDF, 4 * MIB, "size-ambiguous"),
    ("document", "report.pdf", PDF, 4 * MIB + 1, "document-too-large"),
    ("media", "talk.mp4", MP4, 10_000_000, None),
    ("media", "talk.mp4", MP4, 10_000_001, "size-ambiguous"),
    ("media", "talk.mp4", MP4, 10 * MIB, "size-ambiguous"),
    ("media", "talk.mp4", MP4, 10 * MIB + 1, "media-too-large"),
]
SEVERITY = {"size-ambiguous": "warning"}


@pytest.mark.parametrize(("field", "name", "head", "size", "rule"), SIZES)
def test_size_limits_count_mib_and_warn_between_mb_and_mib(
    root: Root, field: str, name: str, head: bytes, size: int, rule: str | None
) -> None:
    root.sized(f"outcomes/{name}", size, head)
    root.outcome("lab", **{field: name})

    found = root.check(as_of=AS_OF)

    if rule is None:
        assert found == []
    else:
        line = root.line(LAB, f"{field}:")
        assert found == [Hit(rule, SEVERITY.get(rule, "error"), LAB, line)]


# -- no-evidence ---------------------------------------------------------------


def test_an_outcome_without_document_or_media_has_no_evidence(root: Root) -> None:
    root.outcome("lab", document=None)

    assert root.check(as_of=AS_OF) == [
        Hit("no-evidence", "error", LAB, root.line(LAB, "title:"))
    ]


@pytest.mark.parametrize(
    ("fields", "reading_rule"),
    [
        ({"document": None, "documnet": "lab.pdf"}, "unknown-field"),
        ({"document": ["lab.pdf", "lab2.pdf"]}, "wrong-type"),
        ({"document": None, "media": {"file": "talk.mp3"}}, "wrong-type"),
    ],
)
def test_evidence_that_could_not_be_read_is_reported_once(
    root: Root, fields: dict, reading_rule: str
) -> None:
    root.outcome("lab", **fields)

    assert [hit.rule for hit in root.check(as_of=AS_OF)] == [reading_rule]


def test_a_link_that_could_not_be_read_is_reported_once(root: Root) -> None:
    root.performance("fair", document=None, link="www.example.org/fair")

    assert [hit.rule for hit in root.check(as_of=AS_OF)] == ["wrong-type"]


def test_an_outcome_with_only_media_has_evidence(root: Root) -> None:
    root.file("outcomes/talk.mp3", MP3)
    root.outcome("lab", document=None, media="talk.mp3")

    assert root.check(as_of=AS_OF) == []


def test_an_outcome_with_document_and_media_has_evidence(root: Root) -> None:
    root.file("outcomes/talk.mp3", MP3)
    root.outcome("lab", media="talk.mp3")

    assert root.check(as_of=AS_OF) == []


def test_a_performance_without_any_evidence_has_no_evidence(root: Root) -> None:
    root.performance("fair", document=None)

    rel = "performances/fair.md"
    assert root.check(as_of=AS_OF) == [
        Hit("no-evidence", "error", rel, root.line(rel, "title:"))
    ]


def test_a_performance_with_only_a_link_its_category_allows_has_evidence(
    root: Root,
) -> None:
    root.performance("fair", document=None, link="https://github.com/example/fair")

    assert root.check(as_of=AS_OF) == []


def test_a_link_its_category_refuses_is_no_evidence(root: Root) -> None:
    root.performance(
        "club", category="group", document=None, link="https://example.org/club"
    )

    rel = "performances/club.md"
    assert root.hits("no-evidence", as_of=AS_OF) == [
        Hit("no-evidence", "error", rel, root.line(rel, "title:"))
    ]


# -- image-alt-missing ---------------------------------------------------------


@pytest.mark.parametrize(
    "image",
    ["![](setup.png)", '<img src="setup.png">', '<img src="setup.png" alt="  ">'],
)
def test_an_image_without_alternative_text_is_a_warning(root: Root, image: str) -> None:
    root.file("outcomes/setup.png", PNG)
    root.outcome("lab", body=f"\n實驗裝置如下：\n\n{image}\n")

    [finding] = root.findings(as_of=AS_OF)

    assert (finding.rule, finding.severity, finding.file) == (
        "image-alt-missing",
        "warning",
        LAB,
    )
    assert (finding.line, finding.column) == (root.line(LAB, "setup.png"), 1)


@pytest.mark.parametrize(
    "image", ["![單擺實驗裝置](setup.png)", '<img src="setup.png" alt="單擺實驗裝置">']
)
def test_an_image_with_alternative_text_is_fine(root: Root, image: str) -> None:
    root.file("outcomes/setup.png", PNG)
    root.outcome("lab", body=f"\n實驗裝置如下：\n\n{image}\n")

    assert root.check(as_of=AS_OF) == []


def test_an_image_in_a_code_block_is_not_an_image(root: Root) -> None:
    root.outcome("lab", body="\n```markdown\n![](setup.png)\n```\n")

    assert root.check(as_of=AS_OF) == []


def test_an_image_without_alt_in_an_application_is_reported_there(
    root: Root,
) -> None:
    root.file("applications/award.png", PNG)
    root.application("ntu", body=STATEMENTS + "\n![](award.png)\n")

    rel = "applications/ntu.md"
    assert root.check(as_of=AS_OF) == [
        Hit("image-alt-missing", "warning", rel, root.line(rel, "award.png"))
    ]
