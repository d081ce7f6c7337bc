"""The agreed statement as a one-page document, to share with staff, volunteers and funders.

Built only from ``workspace.statements.current_agreed()``: a draft never leaves the app.
"""

from __future__ import annotations

from svdesk.document.model import BulletList, Document, Heading, Paragraph
from svdesk.domain.consent import Use
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
