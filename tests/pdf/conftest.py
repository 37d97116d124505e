"""Fixtures of the dossier tests: one small student, printed once per session.

Printing takes about a second a dossier, so the student's dossiers are printed
once and every test reads the same files; tests that change content or
output work on copies. The student is built with the rule tests' `Root`:
two departments, records picked and not picked, a private field and a private
record, a 3-page evidence PDF, a photo with GPS data and an mp3.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from rules.builders import MP3, STATEMENTS, Root

from generator.build import print_only
from generator.project import Checked
from generator.render.dossier import Printed

AS_OF = dt.date(2025, 6, 1)
STUDENT = "王小明"
STUDENT_ID = "S11300042"
BASE_URL = "https://student.example.org/portfolio/"
TICKED = {"certification": "certified", "submitted": True}
CAMERA = "PhoneMakerX"
EVIDENCE_PAGES = 3


@dataclass(frozen=True)
class Sample:
    """A record of the sample student: what the dossier should show of it."""

    id: str
    title: str
    summary: str


PENDULUM = Sample(
    "pendulum", "單擺週期與重力加速度", "量測二十次週期後估計重力加速度。"
)
ROBOT = Sample("robot-arm", "機器手臂夾取實作", "用伺服馬達做出能夾起積木的手臂。")
DIARY = Sample("diary", "實驗日誌整理", "這段簡述只給自己看不該印出。")
REFRACTION = Sample("refraction", "光的折射觀察紀錄", "以雷射筆量測水中的折射角。")
SECRET = Sample("secret", "不公開的家庭紀錄", "這一筆紀錄整筆不公開。")
CONTEST = Sample("contest", "全國科展物理科佳作", "以自製感測器參加全國科展。")
BEACH = Sample("beach", "淨灘志工服務", "暑假參加海岸淨灘二十小時。")

# The robot's photo is its document and also shown in its body.
ROBOT_BODY = "![夾起積木的機器手臂](robot.jpg)\n\n手臂能夾起三公分的積木。\n"

# The departments: ntu asks for its items out of order and picks out of order.
NTU_ITEMS = ["O", "J", "C", "B", "A", "N"]
NTU_PICKED = [PENDULUM, ROBOT, DIARY, CONTEST]
# Its dossier: B as picked (pendulum before diary, unlike the alphabet), C, J.
NTU_ORDER = [PENDULUM, DIARY, ROBOT, CONTEST]
NTU_UNPICKED = [REFRACTION, SECRET, BEACH]


def evidence_pdf(pages: int, label: str = "Evidence page") -> bytes:
    """A PDF of `pages` A4 pages, each saying "<label> <n>" in Helvetica."""
    writer = pypdf.PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for number in range(1, pages + 1):
        page = writer.add_blank_page(width=595, height=842)
        fonts = DictionaryObject({NameObject("/F1"): font})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        text = f"BT /F1 28 Tf 72 700 Td ({label} {number}) Tj ET"
        stream.set_data(text.encode("ascii"))
        page.replace_contents(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def camera_photo() -> bytes:
    """A JPEG as a phone writes it: GPS position and the camera's maker."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (25.0, 2.0, 0.0), 3: "E", 4: (121.0, 30.0, 0.0)}
    exif[0x010F] = CAMERA
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (40, 110, 170)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def outcome(root: Root, sample: Sample, body: str = "", **fields: object) -> None:
    root.outcome(
        sample.id,
        body,
        title=sample.title,
        summary=sample.summary,
        **TICKED,
        **fields,
    )


def performance(root: Root, sample: Sample, **fields: object) -> None:
    root.performance(
        sample.id, title=sample.title, summary=sample.summary, submitted=True, **fields
    )


def student_root(path: Path, **site: object) -> Root:
    """The sample student: two departments over seven records; see the module."""
    root = Root(path)
    root.site(**{"base_url": BASE_URL, **site})
    root.profile(name=STUDENT, student_id=STUDENT_ID)
    root.yaml(
        "courses.yaml",
        [
            {"year": 113, "semester": 1, "subject": "物理", "credits": 2, "score": 91},
            {"year": 113, "semester": 2, "subject": "化學", "credits": 2, "score": 87},
            {"year": 113, "semester": 2, "subject": "音樂", "credits": 1, "score": 77}
            | {"private": ["score"]},
            {"year": 113, "semester": 2, "subject": "護理", "credits": 1, "score": 66}
            | {"private": True},
        ],
    )

    root.file("outcomes/pendulum.pdf", evidence_pdf(EVIDENCE_PAGES))
    outcome(root, PENDULUM, document="pendulum.pdf")
    root.file("outcomes/robot.jpg", camera_photo())
    outcome(root, ROBOT, ROBOT_BODY, kind="work", document="robot.jpg")
    root.file("outcomes/diary.pdf", evidence_pdf(1, "Diary page"))
    outcome(root, DIARY, document="diary.pdf", private=["summary"])
    outcome(root, REFRACTION)
    outcome(root, SECRET, private=True)
    root.file("performances/contest.pdf", evidence_pdf(1, "Award page"))
    root.file("performances/talk.mp3", MP3)
    performance(root, CONTEST, document="contest.pdf", media="talk.mp3")
    performance(root, BEACH, category="service", organization="海洋協會", hours=20)

    root.application(
        "ntu",
        body=STATEMENTS,
        items=NTU_ITEMS,
        outcomes=[PENDULUM.id, ROBOT.id, DIARY.id],
        performances=[CONTEST.id],
    )
    root.application(
        "nthu",
        body=STATEMENTS,
        department="物理學系",
        outcomes=[REFRACTION.id],
        performances=[BEACH.id],
    )
    return root


def print_root(
    root: Path, out: Path, applications: list[str] | None = None, **options: object
) -> tuple[Checked, list[Printed]]:
    """Print the dossiers of `root` into `out/pdf/`, as `portfolio pdf` does."""
    options.setdefault("as_of", AS_OF)
    checked, printed = print_only(root, out, applications or [], **options)
    errors = [str(f) for f in checked.findings.items if f.severity == "error"]
    assert not errors, errors
    return checked, printed


@dataclass
class Dossier:
    """A printed dossier and what tests read from it."""

    path: Path
    reader: pypdf.PdfReader

    @cached_property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @property
    def text(self) -> str:
        """All its text with white space removed: lines break anywhere."""
        return squeeze("".join(self.pages))

    def body(self) -> str:
        """The text after the cover and the contents page."""
        return squeeze("".join(self.pages[2:]))

    def fonts(self, pages: list[int] | None = None) -> dict[str, DictionaryObject]:
        """The fonts the pages use (all pages by default), by BaseFont."""
        found = {}
        numbers = range(len(self.reader.pages)) if pages is None else pages
        for number in numbers:
            resources = self.reader.pages[number].get("/Resources") or {}
            fonts = resources.get("/Font") or {}
            for name in fonts:
                font = fonts[name].get_object()
                found[str(font["/BaseFont"])] = font
        return found


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def open_dossier(path: Path) -> Dossier:
    return Dossier(path, pypdf.PdfReader(path))


@dataclass
class Printing:
    """The sample student and its printed output."""

    root: Path
    out: Path
    checked: Checked
    printed: dict[str, Printed]

    def dossier(self, application: str = "ntu") -> Dossier:
        return open_dossier(self.printed[application].path)


@pytest.fixture(scope="session")
def printing(tmp_path_factory: pytest.TempPathFactory) -> Printing:
    """The sample student's two dossiers, printed once for the session."""
    base = tmp_path_factory.mktemp("dossier")
    root = student_root(base / "content")
    checked, printed = print_root(root.path, base / "out")
    return Printing(
        root.path, base / "out", checked, {p.application: p for p in printed}
    )


@pytest.fixture(scope="session")
def ntu(printing: Printing) -> Dossier:
    return printing.dossier("ntu")


@pytest.fixture(scope="session")
def english(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    """The sample's ntu dossier in English, from a site with no address."""
    base = tmp_path_factory.mktemp("english")
    root = student_root(base / "content", language="en", base_url=None)
    _, printed = print_root(root.path, base / "out", ["ntu"])
    return open_dossier(printed[0].path)


def copy_printing(printing: Printing, target: Path) -> tuple[Path, Path]:
    """A copy of the sample's content and output, for tests that change them."""
    root, out = target / "content", target / "out"
    shutil.copytree(printing.root, root)
    shutil.copytree(printing.out, out)
    return root, out
