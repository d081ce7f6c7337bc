"""The agreed statement as a one-page document, to share with staff, volunteers and funders.

Built only from ``workspace.statements.current_agreed()``: a draft never leaves the app.
"""

from __future__ import annotations

from pathlib import Path

from svdesk.compose.document import BulletList, Document, Heading, Paragraph
from svdesk.compose.exports import ExportOutcome
from svdesk.domain.consent import Use
from svdesk.domain.errors import SvdeskError
from svdesk.domain.frameworks import describe_tag

FORMATS = ("docx", "pdf", "md", "txt")
# Shared with funders and put online: no one may be named further than both allow.
STATEMENT_USES = (Use.TENDERS_FUNDERS, Use.PUBLIC_REPORTS)


def statement_document(workspace) -> Document | None:
    """None while nothing has been agreed."""
    agreed = workspace.statements.current_agreed()
    if agreed is None:
        return None
    org = workspace.organisation.get()
    name = org.name.strip()
    blocks = [Paragraph(text, role="lead" if index == 0 else "body")
              for index, text in enumerate(part.strip() for part in agreed.full_text.split("\n") if part.strip())]
    blocks += [Heading(1, "In one sentence"), Paragraph(agreed.short_text)]
    if agreed.tags:
        frameworks = workspace.frameworks.all()
        blocks += [Heading(1, "Outcomes it speaks to"),
                   BulletList(tuple(describe_tag(tag, frameworks) for tag in agreed.tags))]
    blocks.append(Paragraph(
        f"Version {agreed.version}. {agreed.label}." + (f" {agreed.note}" if agreed.note else ""), role="note",
    ))
    return Document(
        title="Our social value statement", subtitle=name, meta=(agreed.label,),
        footer=f"{name} — social value statement, version {agreed.version}" if name else "",
        author=name, keywords=("social value", "statement"),
        blocks=tuple(blocks),
    )


def file_stem(workspace) -> str:
    name = workspace.organisation.get().name
    safe = "".join(ch for ch in name if ch.isalnum() or ch in " -_").strip()
    return f"{safe} social value statement".strip() if safe else "Social value statement"


def export_statement(workspace, path: Path, fmt: str | None = None) -> ExportOutcome:
    from svdesk.compose.exposure import check_document
    from svdesk.render import format_for_path, inspect, write

    document = statement_document(workspace)
    if document is None:
        raise SvdeskError("The statement has not been agreed yet, so there is nothing to export. "
                          "Mark it as agreed first: exports never use a draft.")
    fmt = fmt or format_for_path(path) or "docx"
    check_document(workspace, document, STATEMENT_USES, "statement")
    notes = inspect(document, fmt).sentences()
    return ExportOutcome(write(document, fmt, path), tuple(notes))


def export_all(workspace, out_dir: Path) -> list[Path]:
    """For the exports registry: the agreed statement in every format (nothing while unagreed)."""
    if workspace.statements.current_agreed() is None:
        return []
    stem = file_stem(workspace)
    return [export_statement(workspace, Path(out_dir) / f"{stem}.{fmt}", fmt).path for fmt in FORMATS]
