"""The Linux bundle, built from this checkout exactly as a release is, unpacked somewhere else,
run with a fresh home folder: it must pass its own self-test, carry its licences and metadata,
install and uninstall for one person, and stay within its size budget."""

import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_UNPACKED = 250_000_000
MAX_COMPRESSED = 100_000_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux"),
]


def _project():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return data["name"], data["version"]


def _clean_env(home: Path, **extra) -> dict:
    """What a person's session would have: no venv, no PYTHONPATH, a home folder never used."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """Builds once for the module; returns (unpacked folder, archive, figures)."""
    work = tmp_path_factory.mktemp("bundle")
    command = [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(work / "dist"),
               "--work", str(work / "build")]
    if shutil.which("desktop-file-validate") and shutil.which("appstreamcli"):
        command.append("--require-validators")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=ROOT, env=env)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    name, version = _project()
    archives = list((work / "dist").glob(f"{name}-{version}-linux-*.tar.gz"))
    assert len(archives) == 1, result.stdout
    archive = archives[0]
    unpack = work / "unpacked"
    unpack.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(unpack, filter="tar")
    (folder,) = list(unpack.iterdir())
    unpacked = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    figures = {"build_seconds": seconds, "unpacked": unpacked, "compressed": archive.stat().st_size,
               "validated": "--require-validators" in command, "log": result.stdout}
    print(f"\nLinux bundle: built in {seconds:.0f} s; {unpacked / 1e6:.0f} MB unpacked, "
          f"{archive.stat().st_size / 1e6:.0f} MB compressed ({archive.name})")
    return folder, archive, figures


def test_unpacked_bundle_passes_its_self_test_with_a_fresh_home(bundle, tmp_path):
    folder, _archive, _figures = bundle
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(["./svdesk", "--self-test"], cwd=folder, capture_output=True, text=True, timeout=300,
                            env=_clean_env(home, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "(frozen build;" in out.splitlines()[0]
    assert "licence notices present" in out
    assert "FAILED" not in out and "Traceback" not in result.stderr
    assert "Self-test passed" in out
    from svdesk.ui.shell.steps import page_steps

    for step in page_steps():
        assert step.key in out
    # It found its resources inside the bundle, never in this checkout.
    assert str(ROOT / "resources") not in out


def test_self_test_chooses_offscreen_itself_without_a_display(bundle, tmp_path):
    folder, _archive, _figures = bundle
    result = subprocess.run([str(folder / "svdesk"), "--self-test"], capture_output=True, text=True, timeout=300,
                            env=_clean_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "offscreen platform plugin" in result.stdout


def test_version_and_plain_errors(bundle, tmp_path):
    folder, _archive, _figures = bundle
    _name, version = _project()
    result = subprocess.run([str(folder / "svdesk"), "--version"], capture_output=True, text=True, timeout=60,
                            env=_clean_env(tmp_path))
    assert result.stdout.strip() == f"svdesk {version}"
    bad = tmp_path / "notes.svdesk"
    bad.write_text("Dear diary")
    result = subprocess.run([str(folder / "svdesk"), "check", str(bad)], capture_output=True, text=True, timeout=60,
                            env=_clean_env(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_size_budget(bundle):
    _folder, _archive, figures = bundle
    assert figures["unpacked"] < MAX_UNPACKED, f"{figures['unpacked'] / 1e6:.0f} MB unpacked"
    assert figures["compressed"] < MAX_COMPRESSED, f"{figures['compressed'] / 1e6:.0f} MB compressed"


def test_licences_and_desktop_metadata_are_inside(bundle):
    folder, archive, figures = bundle
    licences = folder / "licenses"
    assert licences.is_symlink() and (licences / "README.txt").is_file()
    qt = (licences / "Qt-LGPL-NOTICE.txt").read_text("utf-8")
    assert "LGPL" in qt and "_internal/PySide6/Qt/lib" in qt and "replace" in qt
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (licences / "LGPL-3.0.txt").read_text("utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in (licences / "GPL-3.0.txt").read_text("utf-8")
    assert "DejaVu" in (licences / "DejaVu-fonts-LICENSE.txt").read_text("utf-8")
    notices = (licences / "THIRD-PARTY-NOTICES.txt").read_text("utf-8")
    for package in ("reportlab", "python-docx", "sqlite-utils", "platformdirs", "openpyxl", "lxml", "pillow"):
        assert package.lower() in notices.lower(), package
    assert "PSF" in notices and "Bootloader" in notices
    # The Qt libraries are plain, replaceable files.
    assert (folder / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6").is_file()

    share = folder / "share"
    assert (share / "applications" / "org.svdesk.svdesk.desktop").is_file()
    metainfo = (share / "metainfo" / "org.svdesk.svdesk.metainfo.xml").read_text("utf-8")
    assert "@VERSION@" not in metainfo and f'version="{_project()[1]}"' in metainfo
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "org.svdesk.svdesk.png").is_file()
    assert os.access(folder / "install.sh", os.X_OK) and os.access(folder / "svdesk", os.X_OK)
    if figures["validated"]:
        assert "desktop-file-validate: ok" in figures["log"] and "appstreamcli: ok" in figures["log"]


def test_left_out_qt_parts_are_gone(bundle):
    folder, _archive, _figures = bundle
    internal = folder / "_internal"
    names = {path.name for path in internal.rglob("*")}
    assert not any(name.startswith(("libQt6Quick", "libQt6Qml", "libQt6WebEngine", "libQt6VirtualKeyboard"))
                   for name in names)
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    platforms = {path.name for path in (internal / "PySide6" / "Qt" / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqoffscreen.so", "libqxcb.so"}


def test_install_and_uninstall_for_one_person(bundle, tmp_path):
    folder, _archive, _figures = bundle
    home = tmp_path / "home"
    home.mkdir()
    env = _clean_env(home, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(folder / "install.sh")], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "svdesk is installed. Open it from your applications menu" in result.stdout
    app = home / ".local" / "opt" / "svdesk"
    desktop = (home / ".local" / "share" / "applications" / "org.svdesk.svdesk.desktop").read_text("utf-8")
    assert f'Exec="{app}/svdesk" %f' in desktop
    assert (home / ".local" / "bin" / "svdesk").resolve() == (app / "svdesk").resolve()
    assert (home / ".local" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "org.svdesk.svdesk.svg").is_file()

    result = subprocess.run([str(app / "uninstall.sh")], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not app.exists()
    assert not (home / ".local" / "share" / "applications" / "org.svdesk.svdesk.desktop").exists()
    assert not (home / ".local" / "bin" / "svdesk").exists()
    # What svdesk wrote for the person (its self-test report) stays theirs.
    assert (home / ".local" / "share" / "svdesk" / "self-test.txt").is_file()
