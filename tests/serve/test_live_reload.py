"""The live preview follows edits: reload events, the overlay, CSS refreshes."""

from __future__ import annotations

import http.client
from collections.abc import Callable
from pathlib import Path

from generator.serve import Session
from tests.serve.conftest import OUTCOME, Events, fetch, save


def test_first_state_reports_a_good_build(events: Events) -> None:
    assert events.first["ok"] is True
    assert events.first["findings"] == []


def test_editing_a_record_sends_a_reload_and_serves_the_new_text(
    session: Session, events: Events, student: Path
) -> None:
    save(student / "outcomes/pendulum/index.md", OUTCOME.replace("第一版", "第二版"))

    state = events.until(lambda s: s["version"] > events.first["version"])

    assert state["ok"] is True and state["css_only"] is False
    status, page = fetch(session, "/outcomes/pendulum.html")
    assert status == 200
    assert "第二版的內容" in page


def test_a_rule_broken_shows_findings_while_the_old_page_is_served(
    session: Session, events: Events, student: Path
) -> None:
    save(
        student / "outcomes/pendulum/index.md",
        OUTCOME.replace("credits: 2", "credits: two"),
    )

    broken = events.until(lambda s: not s["ok"])

    assert [f["rule"] for f in broken["findings"]] == ["wrong-type"]
    assert broken["findings"][0]["file"] == "outcomes/pendulum/index.md"
    assert broken["findings"][0]["line"] == 4
    status, page = fetch(session, "/outcomes/pendulum.html")
    assert status == 200 and "第一版的內容" in page


def test_fixing_the_record_clears_the_findings(
    session: Session, events: Events, student: Path
) -> None:
    record = student / "outcomes/pendulum/index.md"
    save(record, OUTCOME.replace("credits: 2", "credits: two"))
    events.until(lambda s: not s["ok"])

    save(record, OUTCOME.replace("第一版", "修正後"))
    fixed = events.until(lambda s: s["ok"])

    assert fixed["findings"] == []
    assert "修正後的內容" in fetch(session, "/outcomes/pendulum.html")[1]


def test_a_record_edit_rewrites_only_the_pages_that_show_it(
    session: Session, events: Events, student: Path
) -> None:
    site = session.preview.site_dir
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}

    save(student / "outcomes/pendulum/index.md", OUTCOME.replace("第一版", "第二版"))
    events.until(lambda s: s["version"] > events.first["version"])

    changed = {
        p.relative_to(site).as_posix()
        for p, stamp in before.items()
        if p.stat().st_mtime_ns != stamp
    }
    assert "outcomes/pendulum.html" in changed
    assert "performances/contest.html" not in changed
    assert "404.html" not in changed


def test_a_stylesheet_edit_refreshes_css_without_rendering_pages(
    session: Session, events: Events, student: Path
) -> None:
    theme = student / "mytheme"
    (theme / "static").mkdir(parents=True)
    site_yaml = student / "site.yaml"
    save(site_yaml, "theme: mytheme\n")
    events.until(lambda s: s["ok"] and s["version"] > events.first["version"])
    session.watcher.stop()
    session.watcher = type(session.watcher)(
        [student, *session.preview.folders], _rebuilder(session), ignore=[]
    )
    session.watcher.start()
    pages = {p: p.stat().st_mtime_ns for p in session.preview.site_dir.rglob("*.html")}

    (theme / "static/style.css").write_text("body { color: #123456; }\n", "utf-8")
    state = events.until(lambda s: s["css_only"])

    assert state["ok"] is True
    served = fetch(session, "/assets/style.css")[1]
    assert "#123456" in served
    assert all(p.stat().st_mtime_ns == stamp for p, stamp in pages.items())


def test_editor_swap_files_do_not_trigger_a_rebuild(
    session: Session, events: Events, student: Path
) -> None:
    for name in (".index.md.swp", "index.md~", ".#index.md", "4913"):
        (student / "outcomes/pendulum" / name).write_text("x", encoding="utf-8")

    save(student / "performances/contest.md", (student / "performances/contest.md")
         .read_text(encoding="utf-8").replace("比賽心得", "新的心得"))  # fmt: skip
    state = events.until(lambda s: s["version"] > events.first["version"])

    assert state["version"] == events.first["version"] + 1
    assert "4913" not in session.preview.state.changed
    assert "swp" not in session.preview.state.changed


def test_a_broken_template_keeps_the_server_up_and_shows_the_problem(
    session: Session, events: Events, student: Path
) -> None:
    templates = student / "mytheme/templates"
    templates.mkdir(parents=True)
    (templates / "record.html").write_text("{% if %}broken", encoding="utf-8")

    save(student / "site.yaml", "theme: mytheme\n")
    broken = events.until(lambda s: not s["ok"])

    assert broken["findings"]
    assert fetch(session, "/index.html")[0] == 200


def _rebuilder(session: Session) -> Callable[[set[Path]], None]:
    def changed(paths: set[Path]) -> None:
        state = session.preview.rebuild(paths)
        session.hub.publish(state)

    return changed


def test_a_dossier_is_printed_on_request_from_the_page(session: Session) -> None:
    host, port = session.url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request("GET", "/__portfolio__/pdf/ntu.pdf")
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()

    assert response.status == 200
    assert response.getheader("Content-Type") == "application/pdf"
    assert body.startswith(b"%PDF-")
    assert (session.preview.out / "pdf" / "ntu.pdf").is_file()


def test_an_unknown_dossier_is_not_found(session: Session) -> None:
    assert fetch(session, "/__portfolio__/pdf/nowhere.pdf")[0] == 404


def test_the_polling_watcher_sees_an_edit_too(student: Path, tmp_path: Path) -> None:
    from generator.serve import open_session
    from tests.serve.conftest import AS_OF

    session = open_session(student, tmp_path / "polled", port=0, poll=True, as_of=AS_OF)
    events = Events(session.url)
    try:
        save(
            student / "outcomes/pendulum/index.md", OUTCOME.replace("第一版", "輪詢版")
        )
        events.until(lambda s: s["version"] > events.first["version"])

        assert "輪詢版的內容" in fetch(session, "/outcomes/pendulum.html")[1]
    finally:
        events.close()
        session.close()


def test_a_root_broken_from_the_start_still_serves_a_page_that_will_reload(
    student: Path, tmp_path: Path
) -> None:
    from generator.serve import open_session
    from tests.serve.conftest import AS_OF

    record = student / "outcomes/pendulum/index.md"
    save(record, OUTCOME.replace("credits: 2", "credits: two"))
    session = open_session(student, tmp_path / "first", port=0, as_of=AS_OF)
    events = Events(session.url)
    try:
        status, page = fetch(session, "/")
        assert status == 404 and "/__portfolio__/client.js" in page
        assert events.first["ok"] is False

        save(record, OUTCOME)
        fixed = events.until(lambda s: s["ok"])

        assert fixed["version"] > events.first["version"]
        assert fetch(session, "/")[0] == 200
    finally:
        events.close()
        session.close()
