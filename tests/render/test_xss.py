"""A corpus of script injections leaves no active content anywhere in the site.

The payloads go into Markdown bodies, statements and every front-matter field
a page shows; the built pages are parsed and searched for anything that could
run: script elements, event handlers, script and data URLs, frames, forms.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from rules.builders import Root

from generator.render import markdown

from .conftest import AS_OF, TICKED, build
from .html import URL_ATTRIBUTES, Site, text_of

BODY_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="https://evil.example/x.png" onerror="alert(1)">',
    '<IMG SRC="https://evil.example/x.png" ONERROR="alert(1)" alt="x">',
    "[link](javascript:alert(1))",
    "[link](JaVaScRiPt:alert(1))",
    "[link](&#106;avascript:alert(1))",
    "[link](&#x6A;avascript&#x3A;alert(1))",
    "[link](javascript&colon;alert(1))",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;'
    'alert(1)">a</a>',
    '<a href=" javascript:alert(1)">a</a>',
    '<a href="java\tscript:alert(1)">a</a>',
    '<a href="jav&#x09;ascript:alert(1)">a</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
    "[link](data:text/html,alert)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="vbscript:msgbox(1)">a</a>',
    '<a href="VBScript:msgbox(1)">a</a>',
    '<a href="https://example.org" onclick="alert(1)">a</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name="q"><button>go</button></form>',
    "<svg onload=alert(1)><circle r=1></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<div style="width: expression(alert(1))">x</div>',
    '<style>body { background: url("javascript:alert(1)") }</style>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<details open ontoggle=alert(1)><summary>s</summary>x</details>",
    "<body onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    '"><script>alert(1)</script>',
    '\'><img src="https://evil.example/x.png" onerror=alert(1)>',
    "<!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><script>alert(1)</script>"></noscript>',
    '段落\n{: onclick="alert(1)" style="color: red" }',
    '<a href="https://example.org" target="_blank" rel="opener">a</a>',
]
# Breaks out of an attribute or element wherever a template prints the field.
FRONT = '"><script>alert(1)</script><img src=x onerror=alert(1)>'
# A tag of the raw page and the names of its attributes, quotes respected.
RAW_TAG = re.compile(r"""<[a-z][a-z0-9]*((?:[^>"']|"[^"]*"|'[^']*')*)>""")
RAW_ATTRIBUTE = re.compile(
    r"""\s([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?"""
)
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "embed", "form", "input", "button",
    "textarea", "select", "applet", "base", "svg", "math", "style", "noscript",
}  # fmt: skip


def _body() -> str:
    return "\n\n".join(BODY_PAYLOADS) + "\n"


def _hostile_root(root: Root) -> Root:
    """The small site with payloads in every body and every field a page shows."""
    root.site(title=FRONT, base_url='https://example.org/"><script>/')
    root.profile(
        body=_body(),
        name=FRONT,
        school=FRONT,
        interests=[FRONT],
        links=[
            {"title": FRONT, "url": "https://example.org/?q=<script>alert(1)</script>"},
            {"title": FRONT, "url": 'https://example.org/"><script>'},
        ],
    )
    root.outcome(
        "hostile",
        body=_body(),
        title=FRONT,
        summary=FRONT,
        tags=[FRONT, "<b>粗體</b>"],
        teacher=FRONT,
        **TICKED,
    )
    root.performance(
        "hostile-p", body=_body(), title=FRONT, summary=FRONT, tags=[FRONT],
        award=FRONT, organizer=FRONT, submitted=True,
    )  # fmt: skip
    statements = "".join(
        f"## {name}\n\n{_body()}\n"
        for name in ("就讀動機", "學習歷程反思", "未來學習計畫與生涯規劃")
    )
    root.application(
        "hostile-app",
        body=statements,
        university=FRONT,
        department=FRONT,
        code=FRONT,
        outcomes=["hostile"],
        performances=["hostile-p"],
    )
    return root


@pytest.mark.parametrize(
    "url", ["javascript://%0aalert(1)", "JavaScript://x", "data://text/html,x"]
)
def test_a_link_that_would_run_code_is_a_wrong_type_before_any_page_is_made(
    root: Root, url: str
) -> None:
    root.profile(links=[{"title": "x", "url": url}])

    assert "wrong-type" in [f.rule for f in root.findings(as_of=AS_OF)]


@pytest.fixture
def hostile(root: Root, tmp_path: Path) -> Site:
    result = build(_hostile_root(root), tmp_path / "out")
    assert result.ok, [str(f) for f in result.checked.findings.sorted()]
    return Site(result.site_dir)


def _scheme(value: str) -> str:
    """A URL as a browser reads its scheme: no spaces or controls, lower case."""
    return re.sub(r"[\x00-\x20]", "", value).lower()


def _our_pdf(site: Site, page: str, element: ET.Element) -> bool:
    data = element.get("data") or ""
    return (
        element.get("type") == "application/pdf"
        and data.endswith(".pdf")
        and site.target(page, data) in site.files
    )


def test_no_page_holds_a_script_frame_or_form(hostile: Site) -> None:
    found = [
        (page, element.tag)
        for page in hostile.pages
        for element in hostile.elements(page)
        if element.tag in FORBIDDEN_TAGS
        or (element.tag == "object" and not _our_pdf(hostile, page, element))
    ]

    assert found == []


def test_no_element_has_an_event_handler_or_style(hostile: Site) -> None:
    found = [
        (page, element.tag, name)
        for page in hostile.pages
        for element in hostile.elements(page)
        for name in element.attrib
        if name.lower().startswith("on") or name.lower() == "style"
    ]

    assert found == []


def test_no_url_runs_script_or_carries_data(hostile: Site) -> None:
    found = [
        link
        for page in hostile.pages
        for link in hostile.links(page)
        if _scheme(link.value).startswith(DANGEROUS_SCHEMES)
    ]

    assert found == []


def test_no_meta_tag_refreshes_or_redirects(hostile: Site) -> None:
    found = [
        (page, meta.attrib)
        for page in hostile.pages
        for meta in hostile.elements(page, "meta")
        if meta.get("http-equiv")
    ]

    assert found == []


def test_no_link_opens_a_window_that_can_reach_back(hostile: Site) -> None:
    openers = [
        (page, a.get("href"))
        for page in hostile.pages
        for a in hostile.elements(page, "a")
        if a.get("target") or "opener" in (a.get("rel") or "").split()
    ]

    assert openers == []


def test_an_injected_title_is_shown_as_text(hostile: Site) -> None:
    [h1] = hostile.elements("outcomes/hostile.html", "h1")

    assert text_of(h1) == FRONT


def test_an_injected_tag_is_shown_as_text(hostile: Site) -> None:
    texts = [text_of(a) for a in hostile.elements("tags.html", "a")]

    assert f"#{FRONT}" in [t.split(" ")[0] for t in texts] or any(
        t.startswith(f"#{FRONT}") for t in texts
    )


def test_the_site_publishes_no_file_a_browser_would_run(hostile: Site) -> None:
    runnable = [
        name
        for name in hostile.files
        if name.endswith((".js", ".mjs", ".svg", ".htm", ".xhtml", ".xml"))
        and name != "assets/favicon.svg"
    ]

    assert runnable == []


def test_no_raw_tag_of_any_page_is_a_script_or_has_a_handler(hostile: Site) -> None:
    """A check on the bytes too, in case the parser forgave something."""
    for page in hostile.pages:
        raw = hostile.read(page).lower()

        names = [
            name
            for attributes in RAW_TAG.findall(raw)
            for name in RAW_ATTRIBUTE.findall(attributes)
        ]

        assert "<script" not in raw
        assert [name for name in names if name.startswith("on")] == []


@pytest.mark.parametrize("payload", BODY_PAYLOADS)
def test_each_payload_alone_renders_without_active_content(payload: str) -> None:
    html = markdown.render(payload + "\n", lambda value: None)
    fragment = html5lib.parseFragment(html, namespaceHTMLElements=False)

    for element in fragment.iter():
        assert element.tag not in FORBIDDEN_TAGS | {"object"}
        assert not any(
            name.lower().startswith(("on", "style")) for name in element.attrib
        )
        for name in URL_ATTRIBUTES:
            assert not _scheme(element.get(name) or "").startswith(DANGEROUS_SCHEMES)
