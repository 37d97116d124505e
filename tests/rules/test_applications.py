"""Application rules: what one department gets, and the statements it asks for."""

from __future__ import annotations

import pytest

from .builders import AS_OF, PNG, STATEMENTS, Hit, Root

NTU = "applications/ntu.md"
TICKED = {"certification": "certified", "submitted": True}
HIGHLIGHTS = "## 多元表現綜整心得"


def _item(root: Root, record_id: str, after: int = 0) -> int:
    """The line of a picked id in the application's list."""
    return root.line(NTU, f"- {record_id}", after)


def _body_line(root: Root) -> int:
    return root.line(NTU, "---", after=1) + 1


def _statements(**texts: str) -> str:
    """An application body with the given statements, by English heading."""
    return "".join(f"## {name}\n\n{text}\n\n" for name, text in texts.items())


# -- how many ------------------------------------------------------------------


def test_three_outcomes_in_an_application_are_fine(root: Root) -> None:
    ids = root.outcomes(3, **TICKED)
    root.application("ntu", outcomes=ids)

    assert root.check(as_of=AS_OF) == []


def test_four_outcomes_in_an_application_are_an_error(root: Root) -> None:
    ids = root.outcomes(4, **TICKED)
    root.application("ntu", outcomes=ids)

    assert root.check(as_of=AS_OF) == [
        Hit("application-too-many-outcomes", "error", NTU, _item(root, "o04"))
    ]


def _ticked_performances(root: Root, count: int) -> list[str]:
    """`count` ticked performances, spread over years to keep within the limits."""
    return [
        *root.performances(min(count, 6), prefix="a", submitted=True),
        *root.performances(max(count - 6, 0), prefix="b", submitted=114),
    ]


def test_ten_performances_in_an_application_are_fine(root: Root) -> None:
    root.application("ntu", performances=_ticked_performances(root, 10))

    assert root.check(as_of=AS_OF) == []


def test_eleven_performances_in_an_application_are_an_error(root: Root) -> None:
    ids = _ticked_performances(root, 11)
    root.application("ntu", performances=ids)

    assert root.check(as_of=AS_OF) == [
        Hit("application-too-many-performances", "error", NTU, _item(root, ids[10]))
    ]


# -- which records -------------------------------------------------------------


@pytest.mark.parametrize("field", ["outcomes", "performances"])
def test_a_picked_record_that_does_not_exist_is_an_error(
    root: Root, field: str
) -> None:
    root.outcome("lab", **TICKED)
    root.performance("fair", submitted=True)
    root.application("ntu", **{field: ["lab", "fair", "ghost"]})

    found = root.hits("application-unknown-record", as_of=AS_OF)

    wrong = "fair" if field == "outcomes" else "lab"
    assert found == [
        Hit("application-unknown-record", "error", NTU, _item(root, wrong)),
        Hit("application-unknown-record", "error", NTU, _item(root, "ghost")),
    ]


def test_an_unknown_pick_suggests_the_id_meant(root: Root) -> None:
    root.outcome("pendulum-lab", **TICKED)
    root.application("ntu", outcomes=["pendulum-lba"])

    [finding] = root.findings(as_of=AS_OF)

    assert finding.rule == "application-unknown-record"
    assert "pendulum-lab" in finding.hint


UNREADABLE = [
    ("outcomes", "outcomes/lab.md", "---\ntitle: [實驗\n---\n", "yaml-syntax"),
    ("outcomes", "outcomes/lab.md", "---\n- 實驗\n- 報告\n---\n", "wrong-type"),
    ("outcomes", "outcomes/lab.md", "---\ntitle: 實驗\n", "yaml-syntax"),
    (
        "outcomes",
        "outcomes/lab.md",
        b"---\ntitle: \xb9\xea\xc5\xe7\n---\n",
        "invalid-encoding",
    ),
    (
        "performances",
        "performances/lab.md",
        "---\ntitle: 科展\ncategory: 科展\nstart: 2024-10-05\n---\n",
        "unknown-category",
    ),
    ("performances", "performances/lab.md", "---\n: [\n---\n", "yaml-syntax"),
]


@pytest.mark.parametrize(("field", "rel", "text", "rule"), UNREADABLE)
def test_a_picked_record_that_cannot_be_read_is_reported_only_where_it_is(
    root: Root, field: str, rel: str, text: str | bytes, rule: str
) -> None:
    root.file(rel, text if isinstance(text, bytes) else text.encode())
    root.application("ntu", **{field: ["lab"]})

    found = root.check(as_of=AS_OF)

    assert [(hit.rule, hit.file) for hit in found] == [(rule, rel)]


@pytest.mark.parametrize("field", ["outcomes", "performances"])
def test_a_picked_record_that_is_not_ticked_is_an_error(root: Root, field: str) -> None:
    root.outcome("lab", certification="certified")
    root.performance("fair")
    picked = "lab" if field == "outcomes" else "fair"
    root.application("ntu", **{field: [picked]})

    assert root.check(as_of=AS_OF) == [
        Hit("application-unsubmitted-record", "error", NTU, _item(root, picked))
    ]


def test_picked_records_that_are_ticked_are_fine(root: Root) -> None:
    root.outcome("lab", **TICKED)
    root.performance("fair", submitted=114)
    root.application("ntu", outcomes=["lab"], performances=["fair"])

    assert root.check(as_of=AS_OF) == []


@pytest.mark.parametrize("field", ["outcomes", "performances"])
def test_a_record_picked_twice_is_reported_once_on_the_repeat(
    root: Root, field: str
) -> None:
    root.outcome("lab", **TICKED)
    root.performance("fair", submitted=True)
    picked = "lab" if field == "outcomes" else "fair"
    root.application("ntu", **{field: [picked, picked]})

    first = _item(root, picked)
    assert root.check(as_of=AS_OF) == [
        Hit("application-duplicate-record", "error", NTU, _item(root, picked, first))
    ]


def test_an_unticked_record_picked_twice_is_unticked_once(root: Root) -> None:
    root.outcome("lab", certification="certified")
    root.application("ntu", outcomes=["lab", "lab"])

    first = _item(root, "lab")
    assert root.check(as_of=AS_OF) == [
        Hit("application-unsubmitted-record", "error", NTU, first),
        Hit("application-duplicate-record", "error", NTU, _item(root, "lab", first)),
    ]


def test_an_unknown_record_picked_twice_is_unknown_once(root: Root) -> None:
    root.application("ntu", outcomes=["ghost", "ghost"])

    first = _item(root, "ghost")
    assert root.check(as_of=AS_OF) == [
        Hit("application-unknown-record", "error", NTU, first),
        Hit("application-duplicate-record", "error", NTU, _item(root, "ghost", first)),
    ]


def test_the_same_id_as_outcome_and_performance_is_no_duplicate(
    root: Root,
) -> None:
    root.outcome("robot", **TICKED)
    root.performance("robot", submitted=True)
    root.application("ntu", outcomes=["robot"], performances=["robot"])

    assert root.check(as_of=AS_OF) == []


# -- statement-missing ---------------------------------------------------------


def test_a_statement_left_out_is_a_warning_when_all_items_are_asked(
    root: Root,
) -> None:
    root.application("ntu", body=STATEMENTS.split("## 未來學習計畫與生涯規劃")[0])

    assert root.check(as_of=AS_OF) == [
        Hit("statement-missing", "warning", NTU, _body_line(root))
    ]


def test_an_empty_statement_is_missing_at_its_heading(root: Root) -> None:
    body = STATEMENTS.replace("我想研究資訊科學。", "")
    root.application("ntu", body=body)

    assert root.check(as_of=AS_OF) == [
        Hit("statement-missing", "warning", NTU, root.line(NTU, "## 就讀動機"))
    ]


def test_statements_may_be_headed_in_english(root: Root) -> None:
    body = _statements(
        highlights="合作。", reflection="反思。", motivation="動機。", plan="計畫。"
    )
    root.application("ntu", body=body)

    assert root.check(as_of=AS_OF) == []


@pytest.mark.parametrize(
    ("items", "body", "missing"),
    [
        (["A", "B", "P"], _statements(motivation="動機。"), False),
        (["A", "B", "P"], _statements(highlights="合作。"), True),
        (["A", "B", "P"], "", True),
        (["A", "B"], "", False),
        (["A", "J"], _statements(reflection="反思。"), False),
        ({"P": 0.3, "B": 0.7}, "", True),
        ({"B": 1}, "", False),
    ],
)
def test_only_the_statements_the_department_asks_for_are_missing(
    root: Root, items: list[str] | dict[str, float], body: str, missing: bool
) -> None:
    root.application("ntu", items=items, body=body)

    expected = [Hit("statement-missing", "warning", NTU, _body_line(root))]
    assert root.check(as_of=AS_OF) == (expected if missing else [])


# -- statement-too-long --------------------------------------------------------


@pytest.mark.parametrize(("count", "long"), [(800, False), (801, True)])
def test_highlights_may_hold_800_characters(root: Root, count: int, long: bool) -> None:
    root.application(
        "ntu", body=STATEMENTS.replace("我在競賽中學會合作。", "字" * count)
    )

    expected = [Hit("statement-too-long", "error", NTU, root.line(NTU, HIGHLIGHTS))]
    assert root.check(as_of=AS_OF) == (expected if long else [])


def test_highlights_count_words_not_markup_images_or_line_breaks(
    root: Root,
) -> None:
    root.file("applications/award.png", PNG)
    text = "**" + "字" * 400 + "**\n" + "[字](https://example.org)" * 400
    text += "\n\n![得獎照片](award.png)\n"
    root.application("ntu", body=STATEMENTS.replace("我在競賽中學會合作。", text))

    assert root.check(as_of=AS_OF) == []


def test_other_statements_have_no_limit_of_their_own(root: Root) -> None:
    root.application("ntu", body=STATEMENTS.replace("我想研究資訊科學。", "字" * 5000))

    assert root.check(as_of=AS_OF) == []


@pytest.mark.parametrize("name", ["motivation", "就讀動機", "P"])
@pytest.mark.parametrize(("count", "long"), [(500, False), (501, True)])
def test_a_department_may_set_its_own_limit(
    root: Root, name: str, count: int, long: bool
) -> None:
    body = STATEMENTS.replace("我想研究資訊科學。", "字" * count)
    root.application("ntu", limits={name: 500}, body=body)

    line = root.line(NTU, "## 就讀動機")
    expected = [Hit("statement-too-long", "error", NTU, line)]
    assert root.check(as_of=AS_OF) == (expected if long else [])


def test_a_department_limit_replaces_the_highlights_limit(root: Root) -> None:
    body = STATEMENTS.replace("我在競賽中學會合作。", "字" * 601)
    root.application("ntu", limits={"highlights": 600}, body=body)

    assert root.check(as_of=AS_OF) == [
        Hit("statement-too-long", "error", NTU, root.line(NTU, HIGHLIGHTS))
    ]


# -- statement-too-many-images -------------------------------------------------


def _with_images(root: Root, count: int, heading: str = "我在競賽中學會合作。") -> str:
    images = ""
    for number in range(1, count + 1):
        root.file(f"applications/award{number}.png", PNG)
        images += f"\n![得獎照片 {number}](award{number}.png)\n"
    return STATEMENTS.replace(heading, heading + "\n" + images)


@pytest.mark.parametrize(("count", "many"), [(3, False), (4, True)])
def test_highlights_may_show_three_images(root: Root, count: int, many: bool) -> None:
    root.application("ntu", body=_with_images(root, count))

    line = root.line(NTU, HIGHLIGHTS)
    expected = [Hit("statement-too-many-images", "error", NTU, line)]
    assert root.check(as_of=AS_OF) == (expected if many else [])


def test_html_images_count_toward_the_three(root: Root) -> None:
    body = _with_images(root, 3)
    body = body.replace(
        "我在競賽中學會合作。", '我在競賽中學會合作。<img src="award1.png" alt="獎狀">'
    )
    root.application("ntu", body=body)

    assert root.check(as_of=AS_OF) == [
        Hit("statement-too-many-images", "error", NTU, root.line(NTU, HIGHLIGHTS))
    ]


def test_other_statements_may_show_more_images(root: Root) -> None:
    root.application("ntu", body=_with_images(root, 4, "我從失敗中學習。"))

    assert root.check(as_of=AS_OF) == []
