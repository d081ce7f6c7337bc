"""Every document svdesk can export, in one list, so that ``svdesk --self-test`` (and anything
else that wants "all of them") finds them without knowing each builder.

To add yours, append ONE line to ``EXPORTS`` below::

    Export("tender answer", ("docx", "pdf", "md", "txt"), "svdesk.services.exports:export_all_answers"),

``function`` is ``"module:function"`` (imported only when the export runs, so listing an export
never loads reportlab or python-docx) or a plain callable. It is called as
``function(workspace, out_dir)``, must write its files INSIDE ``out_dir`` (which exists and is
empty) and return the list of paths it wrote. It should export what a person would get from the
open file as it is — e.g. every tender, or the latest CIC34 year — with no questions asked.

The self-test checks, for each export: at least one file; every file non-empty, inside
``out_dir`` and of a listed format (its suffix); every listed format written at least once;
and each file's content matches its suffix (see ``svdesk.selftest.check_export_file``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the annotation: this module stays cheap to import
    from svdesk.store.workspace import Workspace

ExportFunction = Callable[["Workspace", Path], list[Path]]

# Suffixes an export may declare; the self-test knows how to check each of them.
KNOWN_FORMATS = ("pdf", "docx", "xlsx", "md", "txt", "csv", "json", "png", "svg", "html")


@dataclass(frozen=True)
class Export:
    name: str
    formats: tuple[str, ...]
    function: str | ExportFunction

    def __post_init__(self) -> None:
        unknown = [fmt for fmt in self.formats if fmt not in KNOWN_FORMATS]
        if not self.formats or unknown:
            raise ValueError(f"export {self.name!r}: formats must be some of {KNOWN_FORMATS}, not {self.formats}")
        if isinstance(self.function, str) and ":" not in self.function:
            raise ValueError(f"export {self.name!r}: function must look like 'package.module:function'")

    def resolve(self) -> ExportFunction:
        if callable(self.function):
            return self.function
        module_name, _, attribute = self.function.partition(":")
        return getattr(importlib.import_module(module_name), attribute)

    def run(self, workspace: Workspace, out_dir: Path) -> list[Path]:
        return [Path(path) for path in self.resolve()(workspace, Path(out_dir))]


# In the order the journey reaches them.
EXPORTS: list[Export] = [
    Export("statement", ("docx", "pdf", "md", "txt"), "svdesk.services.exports:export_all_statements"),
    Export("indicator readings", ("csv",), "svdesk.store.readings_io:export_all"),
    Export("tender answer", ("docx", "pdf", "md", "txt"), "svdesk.services.exports:export_all_answers"),
    Export("delivery report", ("docx", "pdf", "md", "txt"), "svdesk.services.exports:export_all_deliveries"),
    Export("CIC34 report", ("docx", "pdf", "txt"), "svdesk.services.exports:export_all_cic34"),
    Export("impact summary", ("pdf",), "svdesk.services.exports:export_all_summaries"),
    Export("consent form", ("docx", "pdf"), "svdesk.services.exports:export_all_consent_forms"),
    Export("published open data", ("html", "csv", "json", "txt"), "svdesk.services.publish:export_all"),
]
