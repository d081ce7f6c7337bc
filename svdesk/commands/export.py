"""``svdesk export KIND FILE ... -o OUT``: documents from an organisation file, without the window.

Each kind of document is one sub-command (``export tender``, ``export delivery``, …). To add a
kind, write ``register_KIND(kinds)`` (``kinds`` is the argparse sub-parsers object: call
``kinds.add_parser(...)``, then ``add_common_arguments`` and ``set_defaults(func=...)``) and append
it to ``KINDS`` below — one line. ``open_for_export`` and ``write_document`` are shared (``export_common``).

The format comes from ``--format`` or else from the output's suffix (answer.docx -> docx).
"""

from __future__ import annotations

from svdesk.commands import export_cic34
from svdesk.commands.export_common import add_common_arguments, open_for_export, output_format, report_written

# -- tenders ---------------------------------------------------------------------------------------
def register_tender(kinds) -> None:
    p = kinds.add_parser("tender", help="a tender's social value answer (as sent, once submitted)")
    add_common_arguments(p)
    p.add_argument("--tender", required=True, help="the tender's id (or the start of it) or its reference")
    p.add_argument("--draft", action="store_true",
                   help="the answer being worked on, even when one has been submitted")
    p.add_argument("--allow-over-limit", action="store_true",
                   help="export even when the answer is over the tender's word limit as the buyer counts it")
    p.add_argument("--cover", action="store_true",
                   help="start with a title block (title, buyer, reference, date); its words count too")
    p.set_defaults(func=cmd_export_tender)


def cmd_export_tender(args) -> int:
    from svdesk.services.exports import export_answer

    fmt = output_format(args)
    with open_for_export(args.file) as workspace:
        tender = workspace.tenders.find(args.tender)
        outcome = export_answer(workspace, tender.id, fmt, args.output, which="current" if args.draft else "auto",
                                allow_over_limit=args.allow_over_limit, cover=args.cover)
    report_written(outcome.path, outcome.notes)
    return 0


def register_delivery(kinds) -> None:
    p = kinds.add_parser("delivery", help="a won contract's delivery report: what we promised and delivered")
    add_common_arguments(p)
    p.add_argument("--tender", required=True, help="the tender's id (or the start of it) or its reference")
    p.set_defaults(func=cmd_export_delivery)


def cmd_export_delivery(args) -> int:
    from svdesk.services.exports import export_delivery

    fmt = output_format(args)
    with open_for_export(args.file) as workspace:
        tender = workspace.tenders.find(args.tender)
        outcome = export_delivery(workspace, tender.id, fmt, args.output)
    report_written(outcome.path, outcome.notes)
    return 0


def register_consent_form(kinds) -> None:
    p = kinds.add_parser("consent-form", help="a consent form to print for a story (or a blank one)")
    add_common_arguments(p, formats=("docx", "pdf"))
    p.add_argument("--story", help="the story's title or the start of its id (without it: a blank form)")
    p.set_defaults(func=cmd_export_consent_form)


def cmd_export_consent_form(args) -> int:
    from svdesk.services.exports import export_consent_form

    fmt = output_format(args, ("docx", "pdf"))
    with open_for_export(args.file) as workspace:
        story_id = workspace.stories.find(args.story).id if args.story else None
        outcome = export_consent_form(workspace, fmt, args.output, story_id)
    report_written(outcome.path, outcome.notes)
    return 0


# One registrar per kind, in the order `svdesk export --help` lists them.
KINDS = [
    register_tender,
    register_delivery,
    export_cic34.register_cic34,
    export_cic34.register_summary,
    register_consent_form,
]


def register(sub) -> None:
    p = sub.add_parser("export", help="write a document (tender answer, delivery report, …) as Word, PDF, "
                                      "Markdown or text")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="KIND")
    for register_kind in KINDS:
        register_kind(kinds)
