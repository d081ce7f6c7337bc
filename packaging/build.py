"""Builds svdesk as a double-clickable app on this computer's system.

    python packaging/build.py                 # the one-folder app, and on Linux the .tar.gz
    python packaging/build.py --installer     # on Windows also the Inno Setup installer

Needs the project installed with its test extra (which brings PyInstaller):
``pip install '.[test]'``. Writes into dist/ (the app; on Linux also
svdesk-VERSION-linux-ARCH.tar.gz) and build/ (PyInstaller's scratch), both ignored by git.
On Linux the .desktop entry and the AppStream metadata are validated when
desktop-file-validate and appstreamcli are installed (--require-validators makes them a must).

macOS: the spec also makes dist/svdesk.app; packaging/macos/make_dmg.sh signs, packs,
notarises and staples it. The CI workflow (.github/workflows/release.yml) runs it all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
APP_ID = "org.svdesk.svdesk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def project() -> tuple[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return data["name"], data["version"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's scratch folder")
    parser.add_argument("--no-archive", action="store_true", help="Linux: skip the .tar.gz")
    parser.add_argument("--require-validators", action="store_true",
                        help="Linux: fail when desktop-file-validate or appstreamcli is missing")
    parser.add_argument("--installer", action="store_true", help="Windows: also run Inno Setup (ISCC)")
    args = parser.parse_args(argv)
    name, version = project()
    dist, work = args.dist.resolve(), args.work.resolve()

    started = time.perf_counter()
    app_dir = build_app(dist, work)
    seconds = time.perf_counter() - started
    print(f"Built {app_dir} in {seconds:.0f} s ({folder_size(app_dir) / 1e6:.0f} MB).")

    if sys.platform.startswith("linux"):
        extras = linux_extras(work / "linux-extras", name, version, args.require_validators)
        if not args.no_archive:
            archive = dist / f"{name}-{version}-linux-{platform.machine()}.tar.gz"
            unpacked = make_tarball(app_dir, extras, archive, f"{name}-{version}-linux-{platform.machine()}")
            print(f"Wrote {archive}: {archive.stat().st_size / 1e6:.0f} MB compressed, "
                  f"{unpacked / 1e6:.0f} MB unpacked.")
    elif sys.platform == "win32" and args.installer:
        installer = windows_installer(app_dir, dist, version)
        print(f"Wrote {installer} ({installer.stat().st_size / 1e6:.0f} MB).")
    return 0


def build_app(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is not installed here: pip install '.[test]' (or pip install pyinstaller).") from None
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(HERE / "svdesk.spec"),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    name, _ = project()
    return dist / name


def folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


# -- Linux -----------------------------------------------------------------------------------------
def linux_extras(folder: Path, name: str, version: str, require_validators: bool) -> Path:
    """The files that sit beside the app in the tarball: menu entry, metadata, icons, scripts."""
    if folder.exists():
        shutil.rmtree(folder)
    linux = HERE / "linux"
    icons = ROOT / "resources" / "icons"
    share = folder / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copyfile(linux / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    release_date = _release_date()
    metainfo = (linux / f"{APP_ID}.metainfo.xml").read_text("utf-8")
    metainfo = metainfo.replace("@VERSION@", version).replace("@DATE@", release_date)
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo, "utf-8")
    shutil.copyfile(linux / f"{APP_ID}.mime.xml", share / "mime" / "packages" / f"{APP_ID}.xml")
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(icons / f"svdesk-{size}.png", target / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(icons / "svdesk.svg", scalable / f"{APP_ID}.svg")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copyfile(linux / script, folder / script)
        (folder / script).chmod(0o755)
    (folder / "README.txt").write_text((linux / "README.txt").read_text("utf-8").replace("@VERSION@", version), "utf-8")
    validate_linux_metadata(share, require_validators)
    return folder


def _release_date() -> str:
    # SOURCE_DATE_EPOCH (reproducible builds) when set, else today.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return when.date().isoformat()


def validate_linux_metadata(share: Path, required: bool) -> None:
    checks = [
        ("desktop-file-validate", [str(share / "applications" / f"{APP_ID}.desktop")]),
        ("appstreamcli", ["validate", "--no-net", str(share / "metainfo" / f"{APP_ID}.metainfo.xml")]),
    ]
    for tool, arguments in checks:
        if not shutil.which(tool):
            if required:
                raise SystemExit(f"{tool} is not installed; it is needed to validate the Linux metadata.")
            print(f"({tool} is not installed: skipped its check)")
            continue
        result = subprocess.run([tool, *arguments], capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"{tool} rejected the metadata:\n{result.stdout}{result.stderr}")
        print(f"{tool}: ok")


def make_tarball(app_dir: Path, extras: Path, archive: Path, top: str) -> int:
    """Writes ``top/`` = the app folder + the extras + ``licenses`` (a link into the app).
    Returns the unpacked size in bytes."""
    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    unpacked = 0
    tmp = archive.with_name(archive.name + ".part")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        for source, base in ((app_dir, app_dir), (extras, extras)):
            for path in sorted(source.rglob("*")):
                tar.add(path, arcname=f"{top}/{path.relative_to(base).as_posix()}", recursive=False, filter=clean)
                if path.is_file() and not path.is_symlink():
                    unpacked += path.stat().st_size
        link = tarfile.TarInfo(f"{top}/licenses")
        link.type = tarfile.SYMTYPE
        link.linkname = "_internal/licenses"
        tar.addfile(clean(link))
    tmp.replace(archive)
    return unpacked


# -- Windows ---------------------------------------------------------------------------------------
def windows_installer(app_dir: Path, dist: Path, version: str) -> Path:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    for candidate in (r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe", r"C:\Program Files\Inno Setup 6\ISCC.exe"):
        if not iscc and Path(candidate).exists():
            iscc = candidate
    if not iscc:
        raise SystemExit("Inno Setup's ISCC.exe was not found; install Inno Setup 6 (choco install innosetup).")
    subprocess.run([iscc, f"/DAppVersion={version}", f"/DSourceDir={app_dir}", f"/DOutputDir={dist}",
                    str(HERE / "windows" / "svdesk.iss")], check=True)
    return dist / f"svdesk-{version}-windows-setup.exe"


if __name__ == "__main__":
    raise SystemExit(main())
