"""The demo organisation: a fictional CIC shipped as JSON in resources/demo/, always opened as a
fresh copy so the original never changes.

resources/demo/ holds one ``<section>.json`` per dump section. Attachments come from any number
of ``attachments*.json`` files whose blobs name a file under resources/demo/files/ instead of
carrying base64, so the demo's photos stay reviewable files in the repository.
"""

from __future__ import annotations

import base64
import contextlib
import json
from pathlib import Path

from svdesk import paths
from svdesk.domain.attachments import sha256_of
from svdesk.store.dump import DUMP_FORMAT, DUMP_VERSION, SECTIONS, load_file

DEMO_FILENAME = "Riverside Bike Works (demo).svdesk"


def demo_dump() -> dict:
    folder = paths.resource("demo")
    data = {"format": DUMP_FORMAT, "version": DUMP_VERSION, "written_by": "svdesk demo"}
    for module in SECTIONS:
        if module.SECTION == "attachments":
            continue
        source = folder / f"{module.SECTION}.json"
        if source.exists():
            data[module.SECTION] = json.loads(source.read_text("utf-8"))
    files, blobs = [], {}
    for source in sorted(folder.glob("attachments*.json")):
        part = json.loads(source.read_text("utf-8"))
        for item in part.get("files", []):
            raw = (folder / item["file"]).read_bytes()
            digest = sha256_of(raw)
            blobs[digest] = {"sha256": digest, "size": len(raw), "data_base64": base64.b64encode(raw).decode("ascii")}
            entry = {key: value for key, value in item.items() if key != "file"}
            entry["sha256"] = digest
            files.append(entry)
    data["attachments"] = {"files": files, "blobs": [blobs[key] for key in sorted(blobs)]}
    return data


def write_demo(target: Path) -> Path:
    load_file(demo_dump(), Path(target))
    return Path(target)


def fresh_demo_copy() -> Path:
    """A new copy of the demo in the user's data folder, replacing the previous copy."""
    folder = paths.data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / DEMO_FILENAME
    for old in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    return write_demo(target)
