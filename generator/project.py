"""One student's content root: read it, check it, and hand the result on.

Every command that looks at content starts here, so `check`, `build` and the
preview server judge a root the same way.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from generator import i18n, paths
from generator.findings import Findings
from generator.model import Content
from generator.reader import Reader
from generator.ruleprofile import RuleProfile
from generator.rules import run_checks
from generator.rules.context import Context

log = logging.getLogger(__name__)


@dataclass
class Checked:
    """A content root after reading and checking."""

    content: Content
    profile: RuleProfile
    findings: Findings
    as_of: dt.date

    @property
    def ok(self) -> bool:
        return self.findings.errors == 0


def check_root(
    root: Path,
    as_of: dt.date | None = None,
    language: str | None = None,
) -> Checked:
    """Read and check one content root.

    `as_of` (else site.yaml's `as_of`, else today) is the date time rules are
    judged at; `language` overrides site.yaml's interface language.
    """
    findings = Findings(language=i18n.normalize_language(language))
    # Folders are resolved afresh for each check: the live preview runs many.
    paths.forget()
    reader = Reader(root, findings, forced_language=language)
    content = reader.read()

    day = as_of or content.site.as_of or dt.date.today()
    context = Context(
        content=content, profile=reader.profile, findings=findings, as_of=day
    )
    run_checks(context)

    log.debug(
        "checked %s: %d errors, %d warnings", root, findings.errors, findings.warnings
    )
    return Checked(
        content=content, profile=reader.profile, findings=findings, as_of=day
    )
