"""The command line: parse arguments, call the pipeline, map outcomes to exit codes.

Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 the
command itself could not run. Content problems never show a traceback; an
internal bug does only with --debug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import logging
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from generator import __version__, findings, i18n, scaffold, schema
from generator.project import Checked, check_root
from generator.reader import is_content_root
from generator.render.output import OutputRefused
from generator.render.output import check_output_root as output_check

if TYPE_CHECKING:
    from generator import batch as batch_types
    from generator.batch import StudentResult
    from generator.serve.preview import State

log = logging.getLogger("generator")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with the command itself (not with content): exit 2."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            i18n.text(_env_language(), "cli.bad_date", value=value)
        ) from None


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 0 to 65535: {value}")
    return int(value)


def _school_year_arg(value: str) -> int:
    if not value.isdigit() or not 90 <= int(value) <= 200:
        raise argparse.ArgumentTypeError(
            f"a school year is an ROC year such as 114, not {value}"
        )
    return int(value)


def _env_language() -> str:
    return i18n.normalize_language(os.environ.get("PORTFOLIO_LANG"))


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGUAGES, help="interface language")
    common.add_argument("-v", "--verbose", action="count", default=0)
    common.add_argument("--debug", action="store_true", help="show internal tracebacks")

    parser = argparse.ArgumentParser(
        prog="portfolio",
        description="學習歷程檔案產生器 — check, publish and print learning portfolios",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", parents=[common], help="check content against the portal rules"
    )
    check.add_argument("roots", nargs="*", type=Path, metavar="ROOT")
    check.add_argument("--batch", type=Path, metavar="DIR")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--as-of", type=_date, metavar="DATE")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("--jobs", type=int, metavar="N", help="worker processes")
    check.add_argument("--shard", type=_shard, metavar="I/N", help="check share I of N")

    build = commands.add_parser(
        "build", parents=[common], help="check, then build the website"
    )
    build.add_argument("roots", nargs="*", type=Path, metavar="ROOT")
    build.add_argument("--batch", type=Path, metavar="DIR")
    build.add_argument(
        "-o", "--output", type=Path, default=Path("output"), metavar="OUT"
    )
    build.add_argument("--as-of", type=_date, metavar="DATE")
    build.add_argument("--no-pdf", action="store_true", help="skip the dossiers")
    build.add_argument(
        "--jobs", type=int, metavar="N", help="worker processes (1: no helpers)"
    )
    build.add_argument("--shard", type=_shard, metavar="I/N", help="build share I of N")
    build.add_argument(
        "--base-url",
        type=_base_url,
        metavar="URL",
        help="the published address, over site.yaml's base_url",
    )
    build.add_argument(
        "--pdf-variant", metavar="VARIANT", help="e.g. pdf/a-3b, pdf/ua-1"
    )

    pdf = commands.add_parser("pdf", parents=[common], help="print dossiers only")
    pdf.add_argument(
        "root", nargs="?", type=Path, default=Path("content"), metavar="ROOT"
    )
    pdf.add_argument("applications", nargs="*", metavar="APPLICATION")
    pdf.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="OUT")
    pdf.add_argument("--as-of", type=_date, metavar="DATE")
    pdf.add_argument("--pdf-variant", metavar="VARIANT", help="e.g. pdf/a-3b, pdf/ua-1")

    serve = commands.add_parser(
        "serve", parents=[common], help="preview the site while you write"
    )
    serve.add_argument(
        "root", nargs="?", type=Path, default=Path("content"), metavar="ROOT"
    )
    serve.add_argument("--port", type=_port, default=8000)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind")
    serve.add_argument("--open", action="store_true", help="open the browser")
    serve.add_argument(
        "--pdf", action="store_true", help="reprint dossiers after changes"
    )
    serve.add_argument("--poll", action="store_true", help="poll for changes")
    serve.add_argument(
        "-o", "--output", type=Path, default=Path("output"), metavar="OUT"
    )
    serve.add_argument("--as-of", type=_date, metavar="DATE")

    receipt = commands.add_parser(
        "receipt", parents=[common], help="the yearly list of ticked records"
    )
    receipt.add_argument(
        "root", nargs="?", type=Path, default=Path("content"), metavar="ROOT"
    )
    receipt.add_argument(
        "--year", type=_school_year_arg, metavar="Y", help="ROC school year"
    )
    receipt.add_argument("-o", "--output", type=Path, default=Path("output"))
    receipt.add_argument("--as-of", type=_date, metavar="DATE")

    init = commands.add_parser("init", parents=[common], help="start a content root")
    init.add_argument(
        "dir", nargs="?", type=Path, default=Path("content"), metavar="DIR"
    )
    init.add_argument(
        "--github",
        action="store_true",
        help="also write the GitHub Pages workflow and editor settings",
    )

    new = commands.add_parser("new", parents=[common], help="write a new record")
    new.add_argument("kind", choices=tuple(scaffold.RECORD_KINDS))
    new.add_argument("name", metavar="NAME")
    new.add_argument("--root", type=Path, default=Path("content"))

    schema_cmd = commands.add_parser(
        "schema", parents=[common], help="print the JSON Schema of the content files"
    )
    schema_cmd.add_argument("kind", nargs="?", choices=schema.KINDS)
    return parser


def _roots(args: argparse.Namespace) -> list[Path]:
    """The content roots named on the command line, checked to exist."""
    roots = list(args.roots)
    if args.batch is not None:
        if not args.batch.is_dir():
            raise UsageError(i18n.text(args.lang, "cli.root_missing", root=args.batch))
        roots += sorted(p for p in args.batch.iterdir() if (p / "profile.md").exists())
    if not roots:
        roots = [Path("content")]
    for root in roots:
        if not is_content_root(root):
            raise UsageError(i18n.text(args.lang, "cli.root_missing", root=root))
    return roots


def _prefix(root: Path) -> str:
    text = root.as_posix().rstrip("/")
    return "" if text in ("", ".") else text + "/"


def command_check(args: argparse.Namespace) -> int:
    from generator import batch

    roots = batch.select_shard(_roots(args), args.shard)
    checked = list(batch.check_many(roots, args.as_of, args.lang, args.jobs))
    language = args.lang or (checked[0][1] if checked else _env_language())
    many = len(roots) > 1 or args.batch is not None

    results: list[tuple[Path, list[findings.Finding]]] = []
    for root, (items, _) in zip(roots, checked, strict=True):
        student = {"student": root.name} if many else {}
        results.append((root, [findings.Finding(**f, **student) for f in items]))
    everything = [(root, f) for root, items in results for f in items]

    if args.format == "json":
        print(findings.to_json(f for _, f in everything))
    elif args.format == "github":
        text = "\n".join(
            findings.to_github([f], prefix=_prefix(root)) for root, f in everything
        )
        if text:
            print(text)
    else:
        _print_findings(results, language)

    errors = sum(1 for _, f in everything if f.severity == findings.ERROR)
    warnings = sum(1 for _, f in everything if f.severity == findings.WARNING)
    if errors or (args.strict and warnings):
        if args.strict and not errors and args.format == "text":
            print(i18n.text(language, "cli.strict_failed"), file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def _print_text(results: list[tuple[Path, Checked]], language: str) -> None:
    _print_findings([(root, c.findings.items) for root, c in results], language)


def _print_findings(
    results: list[tuple[Path, list[findings.Finding]]], language: str
) -> None:
    """Compiler-style findings per student, then one summary line."""
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    for root, items in results:
        text = findings.to_text(items, language, color=color, prefix=_prefix(root))
        if text:
            print(text)
            print()
    errors = sum(1 for _, items in results for f in items if f.severity == "error")
    warnings = sum(1 for _, items in results for f in items if f.severity == "warning")
    if errors or warnings:
        print(i18n.text(language, "cli.summary", errors=errors, warnings=warnings))
    else:
        print(i18n.text(language, "cli.clean"))
    if len(results) > 1:
        print(i18n.text(language, "cli.roots_checked", count=len(results)))


def _shard(value: str) -> tuple[int, int]:
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 1 <= int(index) <= int(count):
        raise argparse.ArgumentTypeError(f"--shard takes I/N with 1 <= I <= N: {value}")
    return int(index), int(count)


def _base_url(value: str) -> str:
    if not value.startswith(("https://", "http://")) or any(c.isspace() for c in value):
        raise argparse.ArgumentTypeError(
            f"--base-url takes an http(s) address: {value}"
        )
    return value


def command_build(args: argparse.Namespace) -> int:
    from generator import batch

    roots = _roots(args)
    if len(roots) > 1 or args.batch is not None or args.shard is not None:
        return _build_batch(args, roots)
    root = roots[0]
    options = _build_options(args)
    try:
        output_check(args.output, [root])
    except OutputRefused as error:
        raise UsageError(str(error)) from None

    # Inputs unchanged since the last build: say so without rendering a page.
    digest = batch.input_hash(root, options)
    stored = batch.recall(args.output, digest)
    if stored is not None and (args.output / "site").is_dir():
        return _report_stored(root, stored, args)
    return _build_one(root, options, digest, args)


def _build_options(args: argparse.Namespace) -> batch_types.Options:
    """What every student of this build is built with, from the arguments."""
    from generator import batch

    return batch.Options(
        out=args.output,
        as_of=args.as_of,
        language=args.lang,
        pdf=not args.no_pdf,
        variant=args.pdf_variant,
        base_url=args.base_url,
    )


def _build_one(
    root: Path, options: batch_types.Options, digest: str, args: argparse.Namespace
) -> int:
    # Rendering pulls in Pillow, PDFium, Markdown and Jinja; only builds pay.
    from generator import batch
    from generator.build import build_site
    from generator.render.site import ThemeError

    try:
        result = build_site(
            root,
            options.out,
            options.as_of,
            options.language,
            pdf=options.pdf,
            variant=options.variant,
            base_url=options.base_url,
            # One student's records go to two processes unless --jobs 1.
            share=args.jobs is None or args.jobs > 1,
        )
    except OutputRefused as error:
        raise UsageError(str(error)) from None
    except ThemeError as error:
        raise UsageError(f"theme: {error}") from None
    if result.ok:
        # A failed build leaves the output folder exactly as it was.
        batch.remember(options.out, digest, batch.result_of(result.checked, result, ""))
    language = args.lang or result.checked.findings.language
    _print_text([(root, result.checked)], language)
    if not result.ok:
        print(i18n.text(language, "cli.build_stopped"), file=sys.stderr)
        return EXIT_FINDINGS
    for dossier in result.dossiers:
        print(i18n.text(language, "cli.printed", path=dossier.path))
    print(
        i18n.text(
            language,
            "cli.built",
            pages=result.pages,
            path=result.site_dir,
            seconds=f"{result.seconds:.2f}",
        )
    )
    return EXIT_OK


def _report_stored(
    root: Path, stored: batch_types.StudentResult, args: argparse.Namespace
) -> int:
    """Print what the last build from these same inputs found."""
    language = i18n.normalize_language(args.lang or _env_language())
    items = [findings.Finding(**f) for f in stored.findings]
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    text = findings.to_text(items, language, color=color, prefix=_prefix(root))
    if text:
        print(text)
        print()
    errors, warnings = stored.errors, stored.warnings
    if errors or warnings:
        print(i18n.text(language, "cli.summary", errors=errors, warnings=warnings))
    if stored.errors:
        print(i18n.text(language, "cli.build_stopped"), file=sys.stderr)
        return EXIT_FINDINGS
    print(i18n.text(language, "cli.unchanged", path=args.output / "site"))
    return EXIT_OK


def _build_batch(args: argparse.Namespace, roots: list[Path]) -> int:
    """A class or a school: every student into OUT/<folder>/, then the overview."""
    from generator import batch
    from generator.render.overview import write_overview

    language = i18n.normalize_language(args.lang or _env_language())
    options = _build_options(args)
    try:
        output_check(args.output, roots)
    except OutputRefused as error:
        raise UsageError(str(error)) from None
    chosen = batch.select_shard(roots, args.shard)
    results = _run_with_progress(
        batch.run(chosen, options, args.jobs), chosen, language
    )

    limits = _limits()
    everyone = batch.stored_results(roots, args.output)
    page = write_overview(args.output, everyone, language, limits)
    failed = [r for r in results if r.failed]
    skipped = sum(1 for r in results if r.skipped)
    words = i18n.strings(language)["overview"]
    print(
        i18n.fill(words["done"], {"count": len(results), "failed": len(failed),
                                  "skipped": skipped})
    )  # fmt: skip
    print(i18n.fill(words["written"], {"path": page}))
    return EXIT_FINDINGS if failed else EXIT_OK


def _limits() -> dict[str, int]:
    from generator.ruleprofile import load_profile

    profile = load_profile("taipei")
    assert profile is not None
    return {
        "outcomes_year": profile["outcomes"]["submitted_per_year"],
        "outcomes_total": profile["outcomes"]["submitted_total"],
        "performances_year": profile["performances"]["submitted_per_year"],
        "performances_total": profile["performances"]["submitted_total"],
    }


def _run_with_progress(
    results: Iterable[StudentResult], students: list[Path], language: str
) -> list[StudentResult]:
    """A progress bar on a terminal; otherwise one line per student."""
    words = i18n.strings(language)["overview"]
    done: list[StudentResult] = []

    def status(result: StudentResult) -> str:
        if result.failure:
            return f"{words['failure']}: {result.failure}"
        if result.errors:
            return i18n.fill(words["has_errors"], {"errors": result.errors})
        return words["skipped"] if result.skipped else words["ok"]

    if sys.stderr.isatty() and not os.environ.get("CI"):
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task(words["title"], total=len(students))
            for result in results:
                done.append(result)
                progress.advance(task)
                if result.failed:
                    progress.console.print(
                        f"{result.folder} {result.name}: {status(result)}"
                    )
        return done
    for result in results:
        done.append(result)
        values = {"done": len(done), "total": len(students), "folder": result.folder,
                  "name": result.name, "status": status(result)}  # fmt: skip
        print(i18n.fill(words["line"], values), flush=True)
    return done


def command_pdf(args: argparse.Namespace) -> int:
    from generator.build import print_only

    if not is_content_root(args.root):
        raise UsageError(i18n.text(args.lang, "cli.root_missing", root=args.root))
    checked = check_root(args.root, args.as_of, args.lang)
    language = args.lang or checked.findings.language
    unknown = [a for a in args.applications if a not in checked.content.applications]
    if unknown:
        names = ", ".join(sorted(checked.content.applications)) or "-"
        raise UsageError(
            i18n.text(language, "cli.no_application", name=unknown[0], names=names)
        )
    try:
        checked, printed = print_only(
            args.root,
            args.output,
            args.applications,
            args.as_of,
            args.lang,
            args.pdf_variant,
            checked=checked,
            share=True,
        )
    except OutputRefused as error:
        raise UsageError(str(error)) from None
    _print_text([(args.root, checked)], language)
    for dossier in printed:
        print(i18n.text(language, "cli.printed", path=dossier.path))
    return EXIT_FINDINGS if checked.findings.errors else EXIT_OK


def command_serve(args: argparse.Namespace) -> int:
    from generator.serve import open_session

    if not is_content_root(args.root):
        raise UsageError(i18n.text(args.lang, "cli.root_missing", root=args.root))
    language = args.lang or _env_language()

    def report(state: State) -> None:
        words = i18n.strings(language)["serve"]
        values = {
            "time": dt.datetime.now().strftime("%H:%M:%S"),
            "changed": state.changed or "*",
            "pages": state.pages,
            "ms": f"{state.seconds * 1000:.0f}",
            "count": len(state.findings),
        }
        key = "failed" if not state.ok else "css" if state.css_only else "rebuilt"
        print(i18n.fill(words[key], values), flush=True)

    session = None
    for port in range(args.port, args.port + 20):
        try:
            session = open_session(
                args.root,
                args.output,
                port=port,
                host=args.host,
                poll=args.poll,
                pdf=args.pdf,
                as_of=args.as_of,
                language=args.lang,
                on_state=report,
            )
            break
        except OSError as error:
            if error.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
    if session is None:
        raise UsageError(f"no free port from {args.port} to {args.port + 19}")
    print(i18n.text(language, "serve.listening", url=session.url), flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(session.url)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        session.close()
        print(i18n.text(language, "serve.stopped"))
    return EXIT_OK


def command_receipt(args: argparse.Namespace) -> int:
    from generator.render.receipt import default_year, write_receipt

    if not is_content_root(args.root):
        raise UsageError(i18n.text(args.lang, "cli.root_missing", root=args.root))
    try:
        output_check(args.output, [args.root])
    except OutputRefused as error:
        raise UsageError(str(error)) from None
    checked = check_root(args.root, args.as_of, args.lang)
    language = args.lang or checked.findings.language
    _print_text([(args.root, checked)], language)
    year = args.year or default_year(checked)
    html, pdf = write_receipt(checked, args.output, year)
    words = i18n.strings(language)["receipt"]
    print(i18n.fill(words["written"], {"html": html, "pdf": pdf}))
    return EXIT_FINDINGS if checked.findings.errors else EXIT_OK


def _school_year(today: dt.date) -> int:
    return today.year - 1911 - (0 if today.month >= 8 else 1)


def command_init(args: argparse.Namespace) -> int:
    language = args.lang or "zh-TW"
    if scaffold.is_started(args.dir):
        raise UsageError(i18n.text(language, "cli.init_not_empty", path=args.dir))
    today = dt.date.today()
    written = scaffold.init_root(
        args.dir, _school_year(today), today.isoformat(), language
    )
    if args.github:
        written.created += _init_repository(args.dir, language)
    for path in written.created:
        print(i18n.text(language, "cli.created", path=path))
    if args.github and not _pinned_tool():
        # Installed from a folder or an index: no git address to pin.
        print(i18n.text(language, "cli.github_no_tool"))
    return EXIT_OK


def _pinned_tool() -> str:
    from generator import github

    return github.default_tool()


def _init_repository(root: Path, language: str) -> list[Path]:
    """The workflow and editor files at the top of the repository around `root`."""
    from generator import github

    top = github.repository_top(Path.cwd())
    try:
        content = github.content_path(top, root)
    except ValueError:
        raise UsageError(i18n.text(language, "cli.github_outside", top=top)) from None
    tool = github.default_tool()
    written = scaffold.Written()
    shown = Path(os.path.relpath(top))  # "." when run at the top, as advised
    for rel, text in github.repository_files(content, tool).items():
        scaffold.write_new(shown / rel, text, written)
    return written.created


def command_new(args: argparse.Namespace) -> int:
    language = args.lang or _env_language()
    if not args.root.is_dir():
        raise UsageError(i18n.text(language, "cli.root_missing", root=args.root))
    today = dt.date.today()
    path, written = scaffold.new_record(
        args.root,
        args.kind,
        args.name,
        _school_year(today),
        today.isoformat(),
        language,
    )
    if path is None:
        raise UsageError(i18n.text(language, "cli.bad_name", name=args.name))
    if path not in written.created:
        raise UsageError(i18n.text(language, "cli.exists", path=path))
    print(i18n.text(language, "cli.created", path=path))
    return EXIT_OK


def command_schema(args: argparse.Namespace) -> int:
    print(json.dumps(schema.document(args.kind), ensure_ascii=False, indent=2))
    return EXIT_OK


COMMANDS = {
    "check": command_check,
    "build": command_build,
    "pdf": command_pdf,
    "serve": command_serve,
    "receipt": command_receipt,
    "init": command_init,
    "new": command_new,
    "schema": command_schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(f"portfolio: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception:
        if args.debug:
            raise
        log.debug("internal error", exc_info=True)
        print(i18n.text(args.lang or _env_language(), "cli.internal"), file=sys.stderr)
        return EXIT_USAGE


def run() -> NoReturn:
    """The `portfolio` command: main(), then leave without the interpreter's teardown.

    Freeing every module and object one by one took a tenth of a second after
    a build, longer than checking a student; the system takes the memory back
    at once. Output is flushed and logging shut down first; every file the
    program writes is closed by then. Tests call main() and keep their process.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)
