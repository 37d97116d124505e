"""What templates see: the public view of one student's records.

Privacy is applied here, once, before any template runs: private records and
fields, the student id (unless site.yaml opts in) never reach a view, so no
template can leak them by mistake.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import bodyrefs, i18n, parallel
from generator.deadlines import upcoming
from generator.model import Application, Content, Outcome, Performance, Record
from generator.project import Checked
from generator.render import markdown
from generator.render.assets import EarlierFiles, Published, Publisher
from generator.render.references import References, safe_url
from generator.terms import Term, school_year_of

log = logging.getLogger(__name__)

# Fields shown in a record's detail list, in order, per kind.
OUTCOME_FIELDS = ("course", "credits", "teacher")
EXTRA_FIELDS = ("kind", "unit", "position", "organization", "hours", "organizer",
                "level", "award", "university", "course", "credits", "code",
                "issuer", "score", "grade")  # fmt: skip


@dataclass
class RecordView:
    id: str
    kind: str  # outcome or performance
    url: str
    title: str
    summary: str | None
    body_html: str
    item: str
    item_name: str
    term: Term | None
    term_label: str
    date_label: str
    sort_key: tuple
    tags: list[str]
    details: list[tuple[str, str]]
    evidence: list[tuple[str, Published]]
    link: str | None
    category: str | None = None
    category_name: str | None = None
    certification: str | None = None
    certification_label: str | None = None
    submitted: bool = False
    ticked_year: int | None = None
    source_rel: str = ""
    # Every file published for it (evidence and body images), for the next build.
    made: list[Published] = field(default_factory=list)

    @property
    def thumbnail(self) -> str | None:
        """A small picture for lists: the first image, or a PDF's first page."""
        for _, published in self.evidence:
            if published.kind == "image" and published.srcset:
                return published.srcset[0][0]
            if published.preview:
                return published.preview
        return None


@dataclass
class StatementView:
    key: str
    item: str
    heading: str
    html: str


@dataclass
class ItemGroup:
    letter: str
    name: str
    records: list[RecordView]


@dataclass
class ApplicationView:
    id: str
    url: str
    university: str
    department: str
    code: str | None
    groups: list[ItemGroup]
    statements: list[StatementView]
    hidden: int
    items: list[str]
    outcomes: list[RecordView] = field(default_factory=list)
    performances: list[RecordView] = field(default_factory=list)
    dossier: str | None = None


@dataclass
class DeadlineView:
    """One window of the school's schedule that has not closed yet."""

    name: str
    label: str
    term_label: str
    end: str
    days: int
    concerns: int


@dataclass
class YearRow:
    year: int
    certified: int
    ticked_outcomes: int
    ticked_performances: int


@dataclass
class Portfolio:
    """Everything the templates of one site need."""

    language: str
    site_title: str
    profile: dict[str, Any]
    intro_html: str
    photo: Published | None
    outcomes: list[RecordView]
    performances: list[RecordView]
    applications: list[ApplicationView]
    years: list[YearRow]
    limits: dict[str, int]
    tags: dict[str, list[RecordView]]
    categories: list[tuple[str, str, list[RecordView]]]
    terms: list[tuple[Term, str, list[RecordView]]]
    as_of: str
    base_url: str | None
    allow_indexing: bool
    # The date the footer shows: SOURCE_DATE_EPOCH's day, else `as_of`.
    build_date: str = ""
    deadlines: list[DeadlineView] = field(default_factory=list)

    def record(self, kind: str, record_id: str) -> RecordView | None:
        for view in self.outcomes if kind == "outcome" else self.performances:
            if view.id == record_id:
                return view
        return None


class ViewBuilder:
    """Turns checked content into views, publishing the files they show."""

    def __init__(
        self,
        checked: Checked,
        publisher: Publisher | None,
        share: bool = False,
        applications: Collection[str] | None = None,
        store: markdown.BodyStore | None = None,
    ) -> None:
        self.checked = checked
        # Bodies converted by earlier builds into the same output folder.
        self.store = store
        # Whether records may be shared with a forked child (see parallel.py).
        self.share = share
        # Only these applications and the records they pick (a dossier's
        # needs), or everything (a site's).
        self.applications = None if applications is None else set(applications)
        self.content: Content = checked.content
        self.profile = checked.profile
        self.language = i18n.normalize_language(checked.findings.language)
        self.words = i18n.strings(self.language)["site"]
        self.publisher = publisher
        if publisher is not None:
            # However a body links them, a private record's files stay out.
            publisher.withhold(private_files(self.content))

    # -- helpers -------------------------------------------------------------

    def _publish(self, record: Record, value: str, folder: str) -> Published | None:
        if self.publisher is None or not value:
            return None
        source = record.source.path.parent / value
        return self.publisher.publish(source, folder)

    def _resolver(self, record: Record, folder: str, page: str) -> References:
        return References(lambda value: self._publish(record, value, folder), page)

    def _markdown(
        self, text: str, references: References, level: int, prefix: str
    ) -> str:
        return markdown.render(
            text,
            references,
            pictures=references.picture,
            heading_level=level,
            id_prefix=prefix,
        )

    def term_label(self, term: Term | None) -> str:
        if term is None:
            return ""
        return i18n.fill(self.words["year_semester"], term._asdict())

    # -- records -------------------------------------------------------------

    def record_view(self, record: Outcome | Performance, kind: str) -> RecordView:
        folder = "outcomes" if kind == "outcome" else "performances"
        url = f"{folder}/{record.id}.html"
        files = f"{folder}/{record.id}"
        earlier = self.publisher.earlier if self.publisher else None
        start = len(earlier.made) if earlier else 0
        references = self._resolver(record, files, url)
        body_html = self._markdown(record.body, references, 2, f"{record.id}-")

        evidence = []
        for name in ("document", "media"):
            published = self._publish(record, record.public(name) or "", files)
            if published is not None:
                evidence.append((name, published))

        view = RecordView(
            id=record.id,
            kind=kind,
            url=url,
            title=record.title,
            summary=record.public("summary"),
            body_html=body_html,
            item="",
            item_name="",
            term=record.term,
            term_label=self.term_label(record.term),
            date_label="",
            sort_key=(),
            tags=list(record.public("tags") or []),
            details=[],
            evidence=evidence,
            link=safe_url(record.public("link")),
            source_rel=record.source.rel,
            made=earlier.made[start:] if earlier else [],
        )
        if isinstance(record, Outcome):
            self._outcome_details(record, view)
        else:
            self._performance_details(record, view)
        return view

    def _outcome_details(self, outcome: Outcome, view: RecordView) -> None:
        view.item = self.profile.item_of_kind(outcome.kind)
        view.item_name = self.profile.item_name(view.item, self.language)
        view.certification = outcome.certification
        view.certification_label = self.words["certifications"][outcome.certification]
        view.submitted = outcome.submitted
        date = outcome.public("date")
        view.date_label = date.isoformat() if date else ""
        term = outcome.term or Term(0, 0)
        view.sort_key = (
            term.year,
            term.semester,
            date.isoformat() if date else "",
            outcome.id,
        )
        details = [
            (self.words["kind"], self.words["outcome_kinds"].get(outcome.kind, ""))
        ]
        for name in OUTCOME_FIELDS:
            value = outcome.public(name)
            if value not in (None, ""):
                details.append((self.words[name], str(value)))
        view.details = details

    def _performance_details(self, performance: Performance, view: RecordView) -> None:
        category = performance.category or "other"
        view.category = category
        view.category_name = self._category_name(category)
        view.item = performance.item or self.profile.item_of_category(category)
        view.item_name = self.profile.item_name(view.item, self.language)
        view.submitted = performance.submitted
        view.ticked_year = performance.ticked_year
        start, end = performance.public("start"), performance.public("end")
        view.date_label = _dates(start, end)
        view.sort_key = (start.isoformat() if start else "", performance.id)
        details = []
        for name in EXTRA_FIELDS:
            value = performance.public(name)
            if value in (None, "") or name not in performance.fields:
                continue
            if name == "level":
                value = self.words["levels"].get(value, value)
            details.append((self.words["extras"][name], str(value)))
        view.details = details

    def _category_name(self, key: str) -> str:
        if self.language == "en":
            return key.replace("-", " ").capitalize()
        return self.profile.categories[key]["name"]

    # -- applications --------------------------------------------------------

    def application_view(
        self,
        application: Application,
        outcomes: dict[str, RecordView],
        performances: dict[str, RecordView],
    ) -> ApplicationView:
        url = f"applications/{application.id}.html"
        asked = application.items
        letters = [x for x in self.profile.item_letters if asked is None or x in asked]
        picked_outcomes = [
            outcomes[i] for i in _unique(application.outcome_ids) if i in outcomes
        ]
        picked_performances = [
            performances[i]
            for i in _unique(application.performance_ids)
            if i in performances
        ]
        hidden = (
            len(_unique(application.outcome_ids))
            + len(_unique(application.performance_ids))
            - len(picked_outcomes)
            - len(picked_performances)
        )
        groups = []
        for letter in letters:
            records = [
                v for v in (*picked_outcomes, *picked_performances) if v.item == letter
            ]
            if records:
                groups.append(
                    ItemGroup(
                        letter, self.profile.item_name(letter, self.language), records
                    )
                )

        statements = []
        for key, entry in self.profile["statements"].items():
            if entry["item"] not in letters:
                continue
            statement = application.statements.get(key)
            html = ""
            if statement is not None and statement.text:
                resolve = self._resolver(
                    application, f"applications/{application.id}", url
                )
                html = self._markdown(statement.text, resolve, 4, f"{key}-")
            statements.append(
                StatementView(
                    key=key,
                    item=entry["item"],
                    heading=self.profile.item_name(entry["item"], self.language),
                    html=html,
                )
            )
        return ApplicationView(
            id=application.id,
            url=url,
            university=application.get("university", ""),
            department=application.get("department", ""),
            code=application.public("code"),
            groups=groups,
            statements=statements,
            hidden=hidden,
            items=letters,
            outcomes=picked_outcomes,
            performances=picked_performances,
        )

    # -- the whole portfolio -------------------------------------------------

    def build(self) -> Portfolio:
        content = self.content
        chosen = [
            a
            for a in sorted(content.applications.values(), key=lambda a: a.id)
            if not a.private
            and (self.applications is None or a.id in self.applications)
        ]
        records = [(o, "outcome") for o in content.outcomes.values() if not o.private]
        records += [
            (p, "performance") for p in content.performances.values() if not p.private
        ]
        if self.applications is not None:
            picked = {
                (kind, record_id)
                for a in chosen
                for kind, ids in (
                    ("outcome", a.outcome_ids),
                    ("performance", a.performance_ids),
                )
                for record_id in ids
            }
            records = [(r, kind) for r, kind in records if (kind, r.id) in picked]
        # Every body is converted first, so that both processes below find
        # them all; then each record publishes into a folder of its own, so
        # records can be viewed in any order and by two processes.
        texts = [record.body for record, _ in records]
        texts += [s.text for a in chosen for s in a.statements.values() if s.text]
        if content.profile is not None:
            texts.append(content.profile.body)
        markdown.convert_all(texts, self.store, self.share)
        viewed = parallel.shared_map(
            lambda pair: self.record_view(*pair), records, share=self.share
        )
        if self.publisher is not None and self.publisher.earlier is not None:
            # What a forked child published comes back with its views only.
            self.publisher.earlier.made[:] = [p for v in viewed for p in v.made]
        outcomes = {v.id: v for v in viewed if v.kind == "outcome"}
        performances = {v.id: v for v in viewed if v.kind == "performance"}
        outcome_list = sorted(outcomes.values(), key=lambda v: v.sort_key)
        performance_list = sorted(
            performances.values(), key=lambda v: v.sort_key, reverse=True
        )
        applications = [
            self.application_view(a, outcomes, performances) for a in chosen
        ]
        return Portfolio(
            language=self.language,
            site_title=content.site.title or self._default_title(),
            profile=self._profile_fields(),
            intro_html=self._intro(),
            photo=self._photo(),
            outcomes=outcome_list,
            performances=performance_list,
            applications=applications,
            years=self._years(),
            deadlines=self._deadlines(),
            limits=self._limits(),
            tags=_tags([*outcome_list, *performance_list]),
            categories=self._categories(performance_list),
            terms=self._terms(outcome_list),
            as_of=self.checked.as_of.isoformat(),
            base_url=safe_url(content.site.base_url),
            allow_indexing=content.site.allow_indexing,
            build_date=build_date(self.checked.as_of).isoformat(),
        )

    def _default_title(self) -> str:
        name = self.content.profile.name if self.content.profile else ""
        suffix = "Learning portfolio" if self.language == "en" else "學習歷程檔案"
        return f"{name} {suffix}".strip()

    def _profile_fields(self) -> dict[str, Any]:
        profile = self.content.profile
        if profile is None:
            return dict.fromkeys(
                (
                    "name",
                    "school",
                    "enrolled",
                    "class",
                    "email",
                    "links",
                    "interests",
                    "student_id",
                )
            )
        shown = ("name", "school", "enrolled", "class", "email", "links", "interests")
        values = {name: profile.public(name) for name in shown}
        values["links"] = [
            {**link, "url": safe_url(link["url"])}
            for link in values["links"] or []
            if safe_url(link["url"])
        ]
        values["student_id"] = None
        if self.content.site.show_student_id:
            values["student_id"] = profile.public("student_id")
        return values

    def _intro(self) -> str:
        profile = self.content.profile
        if profile is None:
            return ""
        references = self._resolver(profile, "profile", "index.html")
        return self._markdown(profile.body, references, 3, "about-")

    def _photo(self) -> Published | None:
        profile = self.content.profile
        if profile is None or not profile.public("photo"):
            return None
        return self._publish(profile, profile.public("photo"), "profile")

    def _years(self) -> list[YearRow]:
        content = self.content
        enrolled = content.enrolled
        if enrolled is None:
            return []
        current = max(enrolled, school_year_of(self.checked.as_of))
        rows = []
        for year in range(enrolled, min(current, enrolled + 2) + 1):
            year_outcomes = [
                o for o in content.outcomes.values() if o.term and o.term.year == year
            ]
            rows.append(
                YearRow(
                    year=year,
                    certified=sum(
                        o.certification == "certified" for o in year_outcomes
                    ),
                    ticked_outcomes=sum(o.submitted for o in year_outcomes),
                    ticked_performances=sum(
                        p.ticked_year == year for p in content.performances.values()
                    ),
                )
            )
        return rows

    def _deadlines(self, shown: int = 4) -> list[DeadlineView]:
        """The next windows to close, with how many records each concerns.

        Counts, not titles: the site is public and a draft's title is the
        student's business until it is published.
        """
        words = i18n.strings(self.language)["windows"]
        return [
            DeadlineView(
                name=d.name,
                label=words[d.name],
                term_label=self.term_label(d.window.term),
                end=d.window.end.isoformat(),
                days=d.days,
                concerns=sum(1 for r in d.records if not r.private),
            )
            for d in upcoming(self.content, self.checked.as_of, shown)
        ]

    def _limits(self) -> dict[str, int]:
        return {
            "outcomes_year": self.profile["outcomes"]["submitted_per_year"],
            "outcomes_total": self.profile["outcomes"]["submitted_total"],
            "performances_year": self.profile["performances"]["submitted_per_year"],
            "performances_total": self.profile["performances"]["submitted_total"],
        }

    def _categories(
        self, views: list[RecordView]
    ) -> list[tuple[str, str, list[RecordView]]]:
        groups = []
        for key in self.profile.categories:
            records = [v for v in views if v.category == key]
            if records:
                groups.append((key, self._category_name(key), records))
        return groups

    def _terms(
        self, views: list[RecordView]
    ) -> list[tuple[Term, str, list[RecordView]]]:
        by_term: dict[Term, list[RecordView]] = {}
        for view in views:
            if view.term is not None:
                by_term.setdefault(view.term, []).append(view)
        return [
            (term, self.term_label(term), records)
            for term, records in sorted(by_term.items(), reverse=True)
        ]


def build_date(as_of: dt.date) -> dt.date:
    """The date a build shows: SOURCE_DATE_EPOCH's (UTC) day when set, else as_of.

    Reproducible builds set SOURCE_DATE_EPOCH so that the same input gives the
    same bytes whatever the day; an unreadable value is ignored with a warning.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return as_of
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        log.warning("SOURCE_DATE_EPOCH=%r is not a number of seconds; ignored", epoch)
        return as_of


def build_views(
    checked: Checked,
    site_dir: Path | None,
    share: bool = False,
    store: markdown.BodyStore | None = None,
    earlier: EarlierFiles | None = None,
) -> Portfolio:
    """The public view of a checked root; publishes files when `site_dir` is given.

    `share` lets a forked child view some of the records (see parallel.py);
    `store` and `earlier` hold what earlier builds converted and made.
    """
    publisher = (
        Publisher(site_dir, checked.content.root, earlier=earlier) if site_dir else None
    )
    return ViewBuilder(checked, publisher, share, store=store).build()


def private_files(content: Content) -> list[Path]:
    """The files of `private: true` records, so no other page can publish them.

    A bundle's whole folder is private; a lone record's evidence and the
    images its body shows are.
    """
    found = []
    records = [*content.records(), *content.applications.values()]
    for record in (r for r in records if r.private):
        folder = record.source.path.parent
        if record.source.path.name == "index.md":
            found.append(folder)
            continue
        names = [record.get("document"), record.get("media")]
        names += [image.src for image in bodyrefs.images(record.body)]
        found += [folder / name for name in names if isinstance(name, str)]
    return found


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _dates(start: Any, end: Any) -> str:
    if start and end and end != start:
        return f"{start.isoformat()} – {end.isoformat()}"
    return start.isoformat() if start else ""


def _tags(views: list[RecordView]) -> dict[str, list[RecordView]]:
    tags: dict[str, list[RecordView]] = {}
    for view in views:
        for tag in view.tags:
            tags.setdefault(tag, []).append(view)
    return dict(sorted(tags.items()))
