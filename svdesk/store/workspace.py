"""An open organisation file with its repositories: what the UI and the commands work with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from svdesk.domain.organisation import Organisation
from svdesk.store.attachments_repo import AttachmentRepo
from svdesk.store.cic34_repo import Cic34Repo
from svdesk.store.consultations_repo import ConsultationRepo
from svdesk.store.frameworks_repo import FrameworkRepo, TagRepo
from svdesk.store.indicators_repo import IndicatorRepo
from svdesk.store.organisation_repo import OrganisationRepo
from svdesk.store.orgfile import OrgFile, create_file, new_memory_file, open_file
from svdesk.store.statement_repo import StatementRepo
from svdesk.store.stories_repo import StoryRepo
from svdesk.store.tenders_repo import TendersRepo


@dataclass
class Workspace:
    file: OrgFile
    organisation: OrganisationRepo
    attachments: AttachmentRepo
    frameworks: FrameworkRepo
    tags: TagRepo
    statements: StatementRepo
    indicators: IndicatorRepo
    stories: StoryRepo
    consultations: ConsultationRepo
    tenders: TendersRepo
    cic34: Cic34Repo

    @classmethod
    def around(cls, orgfile: OrgFile) -> "Workspace":
        return cls(
            file=orgfile,
            organisation=OrganisationRepo(orgfile),
            attachments=AttachmentRepo(orgfile),
            frameworks=FrameworkRepo(orgfile),
            tags=TagRepo(orgfile),
            statements=StatementRepo(orgfile),
            indicators=IndicatorRepo(orgfile),
            stories=StoryRepo(orgfile),
            consultations=ConsultationRepo(orgfile),
            tenders=TendersRepo(orgfile),
            cic34=Cic34Repo(orgfile),
        )

    @property
    def path(self) -> Path | None:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    def close(self) -> None:
        self.file.close()


def open_workspace(path: Path, read_only: bool = False) -> Workspace:
    return Workspace.around(open_file(path, read_only=read_only))


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
