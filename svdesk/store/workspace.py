"""An open organisation file with its repositories: what the UI and the commands work with."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from svdesk.domain.organisation import Organisation
from svdesk.store.orgfile import OrgFile, create_file, new_memory_file, open_file, open_reader

if TYPE_CHECKING:
    from svdesk.store.attachments_repo import AttachmentRepo
    from svdesk.store.cic34_none import NoneConfirmations
    from svdesk.store.cic34_repo import Cic34Repo
    from svdesk.store.consultations_repo import ConsultationRepo
    from svdesk.store.exposure_repo import ExposureRepo
    from svdesk.store.frameworks_repo import FrameworkRepo, TagRepo
    from svdesk.store.indicators_repo import IndicatorRepo
    from svdesk.store.organisation_repo import OrganisationRepo
    from svdesk.store.statement_repo import StatementRepo
    from svdesk.store.stories_repo import StoryRepo
    from svdesk.store.tenders_repo import TendersRepo


class Workspace:
    """One repository per capability, each made (and its module imported) on first use: the
    window's first paint needs only a few of them, and importing them all costs about as much
    as a bare Qt window takes to appear (issue 8's start-up figure)."""

    def __init__(self, file: OrgFile):
        self.file = file

    @classmethod
    def around(cls, orgfile: OrgFile) -> "Workspace":
        return cls(orgfile)

    @cached_property
    def organisation(self) -> "OrganisationRepo":
        from svdesk.store.organisation_repo import OrganisationRepo

        return OrganisationRepo(self.file)

    @cached_property
    def attachments(self) -> "AttachmentRepo":
        from svdesk.store.attachments_repo import AttachmentRepo

        return AttachmentRepo(self.file)

    @cached_property
    def frameworks(self) -> "FrameworkRepo":
        from svdesk.store.frameworks_repo import FrameworkRepo

        return FrameworkRepo(self.file)

    @cached_property
    def tags(self) -> "TagRepo":
        from svdesk.store.frameworks_repo import TagRepo

        return TagRepo(self.file)

    @cached_property
    def statements(self) -> "StatementRepo":
        from svdesk.store.statement_repo import StatementRepo

        return StatementRepo(self.file)

    @cached_property
    def indicators(self) -> "IndicatorRepo":
        from svdesk.store.indicators_repo import IndicatorRepo

        return IndicatorRepo(self.file)

    @cached_property
    def stories(self) -> "StoryRepo":
        from svdesk.store.stories_repo import StoryRepo

        return StoryRepo(self.file)

    @cached_property
    def consultations(self) -> "ConsultationRepo":
        from svdesk.store.consultations_repo import ConsultationRepo

        return ConsultationRepo(self.file)

    @cached_property
    def tenders(self) -> "TendersRepo":
        from svdesk.store.tenders_repo import TendersRepo

        return TendersRepo(self.file)

    @cached_property
    def cic34(self) -> "Cic34Repo":
        from svdesk.store.cic34_repo import Cic34Repo

        return Cic34Repo(self.file)

    @cached_property
    def cic34_none(self) -> "NoneConfirmations":
        from svdesk.store.cic34_none import NoneConfirmations

        return NoneConfirmations(self.file)

    @cached_property
    def exposure(self) -> "ExposureRepo":
        from svdesk.store.exposure_repo import ExposureRepo

        return ExposureRepo(self.file)

    @property
    def path(self) -> Path | None:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    def close(self) -> None:
        self.file.close()


def open_workspace(path: Path, read_only: bool = False, background: bool = False) -> Workspace:
    """``background``: see open_file (the window opens large files that way)."""
    return Workspace.around(open_file(path, read_only=read_only, background=background))


def reader_workspace(path: Path) -> Workspace:
    """Read-only repositories on a second connection to a file already open here (see open_reader)."""
    return Workspace.around(open_reader(path))


def create_workspace(path: Path, organisation: Organisation | None = None) -> Workspace:
    workspace = Workspace.around(create_file(path))
    try:
        workspace.organisation.save(organisation or Organisation(name=Path(path).stem))
    except BaseException:
        workspace.close()
        raise
    return workspace


def memory_workspace(organisation: Organisation | None = None) -> Workspace:
    workspace = Workspace.around(new_memory_file())
    workspace.organisation.save(organisation or Organisation(name="Test CIC"))
    return workspace
