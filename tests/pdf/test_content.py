"""What a dossier holds: the picked records in order, the asked items, no more."""

from __future__ import annotations

import re

from .conftest import (
    BASE_URL,
    DIARY,
    NTU_ORDER,
    NTU_PICKED,
    NTU_UNPICKED,
    SECRET,
    STUDENT_ID,
    Dossier,
    Printing,
    squeeze,
)

# The statements in the rule tests' STATEMENTS, by review item.
STATEMENT_TEXT = {
    "N": "我在競賽中學會合作。",
    "O": "我從失敗中學習。",
    "P": "我想研究資訊科學。",
    "Q": "我計畫修習演算法。",
}


def _positions(text: str, needles: list[str]) -> list[int]:
    return [text.index(squeeze(needle)) for needle in needles]


def test_picked_titles_appear_in_the_order_the_application_gives(ntu: Dossier) -> None:
    positions = _positions(ntu.body(), [record.title for record in NTU_ORDER])
    assert positions == sorted(positions)


def test_picked_summaries_appear(ntu: Dossier) -> None:
    for record in NTU_PICKED:
        if record is not DIARY:
            assert squeeze(record.summary) in ntu.text


def test_unpicked_records_are_left_out(ntu: Dossier) -> None:
    for record in NTU_UNPICKED:
        assert squeeze(record.title) not in ntu.text
        assert squeeze(record.summary) not in ntu.text


def test_only_the_asked_items_appear_in_spec_order(ntu: Dossier) -> None:
    # The application asks for [O, J, C, B, A, N]; the dossier follows SPEC.
    outline = [item["/Title"] for item in ntu.reader.outline if isinstance(item, dict)]
    assert [title.split()[0] for title in outline] == ["A", "B", "C", "J", "N", "O"]


def test_statements_not_asked_for_are_left_out(ntu: Dossier) -> None:
    assert squeeze(STATEMENT_TEXT["N"]) in ntu.text
    assert squeeze(STATEMENT_TEXT["O"]) in ntu.text
    assert squeeze(STATEMENT_TEXT["P"]) not in ntu.text
    assert squeeze(STATEMENT_TEXT["Q"]) not in ntu.text


def test_course_record_lists_the_courses_by_semester(ntu: Dossier) -> None:
    course_page = squeeze(ntu.pages[2])
    assert "113學年度第1學期2物理291" in course_page
    assert "113學年度第2學期3化學287音樂1" in course_page


def test_course_record_leaves_out_private_courses_and_scores(ntu: Dossier) -> None:
    course_page = squeeze(ntu.pages[2])
    assert "護理" not in course_page
    assert "77" not in course_page


def test_private_field_of_a_picked_record_is_left_out(ntu: Dossier) -> None:
    assert squeeze(DIARY.title) in ntu.text
    assert squeeze(DIARY.summary) not in ntu.text


def test_private_record_is_left_out(printing: Printing) -> None:
    for application in ("ntu", "nthu"):
        assert squeeze(SECRET.title) not in printing.dossier(application).text


def test_student_id_never_appears(printing: Printing) -> None:
    for application in ("ntu", "nthu"):
        dossier = printing.dossier(application)
        assert STUDENT_ID not in dossier.text
        assert STUDENT_ID not in str(dossier.reader.metadata)
        assert STUDENT_ID.encode() not in dossier.path.read_bytes()


def test_media_file_becomes_a_qr_code_and_its_published_url(ntu: Dossier) -> None:
    url = f"{BASE_URL}files/performances/contest/talk.mp3"
    page = next(i for i, text in enumerate(ntu.pages) if "talk.mp3" in text)
    assert url in squeeze(ntu.pages[page])
    # The QR code is drawn as vector paths: hundreds of little squares.
    content = ntu.reader.pages[page].get_contents().get_data()
    assert len(re.findall(rb"(?m) m$", content)) > 200


def test_photo_reaches_the_dossier_without_its_gps_data(ntu: Dossier) -> None:
    data = ntu.path.read_bytes()
    assert b"PhoneMakerX" not in data
    assert b"Exif" not in data


def test_picture_shown_in_the_body_is_not_printed_again(ntu: Dossier) -> None:
    # The robot's photo is the only picture of the dossier.
    drawn = sum(
        len(re.findall(rb" Do\b", page.get_contents().get_data()))
        for page in ntu.reader.pages
    )
    assert drawn == 1
    assert squeeze("文件：robot.jpg") not in ntu.text


def test_media_file_without_a_site_shows_its_file_name(english: Dossier) -> None:
    page = next(i for i, text in enumerate(english.pages) if "talk.mp3" in text)
    assert "http" not in english.pages[page]
