"""Writes the licence notices that ship inside every svdesk bundle (the ``licenses`` folder).

Called by svdesk.spec with the import names that actually went into the bundle, so the list of
third-party packages is generated from the installed packages' own metadata and licence files,
never kept by hand. On Linux, the system libraries copied into the bundle are listed too, with
the copyright file of the Debian/Ubuntu package they came from.

    licenses/README.txt               what is in this folder
    licenses/THIRD-PARTY-NOTICES.txt  every component, its licence, and the full licence texts
    licenses/Qt-LGPL-NOTICE.txt       Qt and Qt for Python: LGPL-3.0, and how to replace them
    licenses/LGPL-3.0.txt, GPL-3.0.txt
    licenses/DejaVu-fonts-LICENSE.txt
    licenses/svdesk-LICENSE.txt
"""

from __future__ import annotations

import platform
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QT_DISTRIBUTIONS = {"pyside6-essentials", "pyside6-addons", "shiboken6", "pyside6"}
RULE = "=" * 78


def write_notices(target: Path, top_level_names: set[str], app_name: str, app_version: str,
                  binaries: list | None = None) -> Path:
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copyfile(ROOT / "LICENSE", target / "svdesk-LICENSE.txt")
    shutil.copyfile(ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt", target / "DejaVu-fonts-LICENSE.txt")
    shutil.copyfile(HERE / "licenses" / "LGPL-3.0.txt", target / "LGPL-3.0.txt")
    shutil.copyfile(HERE / "licenses" / "GPL-3.0.txt", target / "GPL-3.0.txt")
    distributions = bundled_distributions(top_level_names)
    qt_version = _qt_version()
    (target / "Qt-LGPL-NOTICE.txt").write_text(_qt_notice(app_name, qt_version, distributions), "utf-8")
    (target / "THIRD-PARTY-NOTICES.txt").write_text(
        _third_party(app_name, app_version, distributions, binaries or []), "utf-8")
    (target / "README.txt").write_text(_readme(app_name), "utf-8")
    return target


def bundled_distributions(top_level_names: set[str]) -> list[metadata.Distribution]:
    """The installed distributions that provide any of the bundled top-level import names."""
    providers = metadata.packages_distributions()
    names = set()
    for top in top_level_names:
        names.update(providers.get(top, []))
    found = {}
    for name in names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = _normal(dist.metadata["Name"])
        if key not in ("svdesk", "pyinstaller", "pip", "setuptools"):
            found[key] = dist
    # Qt for Python is one product in three wheels; list all three whenever one is there.
    if found.keys() & QT_DISTRIBUTIONS:
        for name in ("pyside6-essentials", "pyside6-addons", "shiboken6"):
            try:
                found.setdefault(name, metadata.distribution(name))
            except metadata.PackageNotFoundError:
                pass
    return [found[key] for key in sorted(found)]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and len(text) < 80 and "\n" not in text:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return text.splitlines()[0][:80] if text else "see the licence text below"


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    files = [f for f in dist.files or [] if re.search(r"(LICEN[CS]E|COPYING|NOTICE)", f.name, re.I)]
    # The dist-info copies first; a package's own copies only when there are none.
    in_info = [f for f in files if ".dist-info" in str(f)]
    texts = []
    for file in in_info or files:
        try:
            texts.append((str(file), Path(dist.locate_file(file)).read_text("utf-8", errors="replace").strip()))
        except OSError:
            continue
    return texts


def _homepage(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if meta.get("Home-page"):
        return meta["Home-page"]
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
            return url.strip()
    return f"https://pypi.org/project/{meta['Name']}/"


def _qt_version() -> str:
    try:
        import PySide6

        return PySide6.__version__
    except Exception:  # noqa: BLE001 - the notice still stands without the number
        return "6"


def _python_licence() -> str:
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (base / "lib" / version / "LICENSE.txt", base / "LICENSE.txt", base / "Lib" / "LICENSE.txt",
                      Path(sys.prefix) / "lib" / version / "LICENSE.txt"):
        if candidate.is_file():
            return candidate.read_text("utf-8", errors="replace").strip()
    return ("Python is distributed under the Python Software Foundation License Version 2 "
            "(https://docs.python.org/3/license.html).")


def _pyinstaller_licence() -> str:
    try:
        dist = metadata.distribution("pyinstaller")
    except metadata.PackageNotFoundError:
        return "PyInstaller's bootloader: GPL-2.0-or-later with the Bootloader Exception."
    texts = licence_texts(dist)
    return texts[0][1] if texts else "GPL-2.0-or-later with the Bootloader Exception."


def _system_libraries(binaries: list) -> list[tuple[str, str, str]]:
    """(library, Debian package, copyright text) for Linux libraries copied from the system."""
    if not sys.platform.startswith("linux") or not shutil.which("dpkg"):
        return []
    rows = []
    for dest, source, kind in binaries:
        if kind != "BINARY" or "site-packages" in source or "/.pyenv/" in source or "/python3" in source:
            continue
        if Path(dest).name.startswith("libpython"):
            continue
        try:
            found = subprocess.run(["dpkg", "-S", str(Path(source).resolve())], capture_output=True, text=True,
                                   timeout=30)
        except (OSError, subprocess.SubprocessError):
            continue
        if found.returncode != 0 or ":" not in found.stdout:
            found = subprocess.run(["dpkg", "-S", source], capture_output=True, text=True, timeout=30)
        if found.returncode != 0 or ":" not in found.stdout:
            rows.append((Path(dest).name, "(not from a system package)", ""))
            continue
        package = found.stdout.split(":")[0].strip()
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        text = copyright_file.read_text("utf-8", errors="replace").strip() if copyright_file.is_file() else ""
        rows.append((Path(dest).name, package, text))
    return sorted(rows)


def _qt_notice(app_name: str, qt_version: str, distributions) -> str:
    return f"""Qt and Qt for Python (PySide6) in {app_name}
{RULE}

{app_name} uses the Qt {qt_version} libraries through Qt for Python (PySide6 and shiboken6),
(c) The Qt Company Ltd. and other contributors, under the GNU Lesser General Public
License version 3 (LGPL-3.0). The full texts are in LGPL-3.0.txt and GPL-3.0.txt in this
folder (the LGPL is a set of additional permissions on top of the GPL).

Replacing the Qt libraries
--------------------------
{app_name} is shipped as a folder, not as one sealed file, precisely so that the Qt libraries
stay separate files that you may replace with your own build (for example a modified or
newer Qt {qt_version.split('.')[0]}.x built with the same compiler for the same platform):

  Linux:    <folder>/_internal/PySide6/Qt/lib/libQt6*.so.6
            and the plugins in <folder>/_internal/PySide6/Qt/plugins/
  Windows:  <install folder>\\_internal\\PySide6\\Qt6*.dll and its plugins\\ folder
  macOS:    {app_name}.app/Contents/Frameworks/PySide6/Qt/lib/Qt*.framework
            (after replacing, sign the app again or remove its signature)

The PySide6 and shiboken6 Python modules next to them (PySide6/*.so or *.pyd) may be replaced
in the same way. {app_name} does not restrict reverse engineering for debugging such changes.

Source code
-----------
The source code of Qt is available from https://download.qt.io/official_releases/qt/ and
https://code.qt.io/, and that of Qt for Python from https://download.qt.io/official_releases/QtForPython/
and https://code.qt.io/cgit/pyside/pyside-setup.git/ — in the version named above. On request
we will also send you the exact source code of the Qt version in this build.

Qt itself contains third-party components under their own (permissive) licences, listed at
https://doc.qt.io/qt-6/licenses-used-in-qt.html.

Packages: {", ".join(f"{d.metadata['Name']} {d.version}" for d in distributions if _normal(d.metadata['Name']) in QT_DISTRIBUTIONS)}
"""


def _third_party(app_name: str, app_version: str, distributions, binaries: list) -> str:
    python = f"Python {platform.python_version()}"
    lines = [
        f"Third-party software in {app_name} {app_version}",
        RULE,
        "",
        f"{app_name} itself is under the MIT licence (svdesk-LICENSE.txt). This bundle also contains the",
        "following software. Licence texts follow, in the same order.",
        "",
        f"  {python:<34} PSF-2.0 (Python Software Foundation License)",
        f"  {'PyInstaller bootloader':<34} GPL-2.0-or-later WITH Bootloader-exception",
        f"  {'DejaVu fonts':<34} Bitstream Vera / Arev fonts licence (DejaVu-fonts-LICENSE.txt)",
    ]
    for dist in distributions:
        name = f"{dist.metadata['Name']} {dist.version}"
        licence = licence_of(dist)
        if _normal(dist.metadata["Name"]) in QT_DISTRIBUTIONS:
            licence = "LGPL-3.0-only (see Qt-LGPL-NOTICE.txt)"
        lines.append(f"  {name:<34} {licence}")
    system = _system_libraries(binaries)
    if system:
        lines += ["", "Libraries from the operating system the bundle was built on (Linux):", ""]
        lines += [f"  {library:<34} from the package {package}" for library, package, _text in system]
    lines += ["", ""]

    def section(title: str, body: str) -> None:
        lines.extend([RULE, title, RULE, "", body.strip(), "", ""])

    section(python, _python_licence())
    section("PyInstaller (its bootloader starts svdesk)", _pyinstaller_licence())
    for dist in distributions:
        if _normal(dist.metadata["Name"]) in QT_DISTRIBUTIONS:
            continue
        texts = licence_texts(dist)
        body = "\n\n".join(f"--- {name}\n\n{text}" for name, text in texts) if texts else (
            f"Licence: {licence_of(dist)} — no licence file is included in the package; see {_homepage(dist)}.")
        section(f"{dist.metadata['Name']} {dist.version} ({licence_of(dist)}) — {_homepage(dist)}", body)
    seen = set()
    for library, package, text in system:
        if package in seen or not text:
            continue
        seen.add(package)
        section(f"{package} (the system package that provides {library})", text)
    return "\n".join(lines)


def _readme(app_name: str) -> str:
    return f"""Licences of {app_name} and of the software it contains
{RULE}

svdesk-LICENSE.txt          {app_name} itself: MIT licence.
Qt-LGPL-NOTICE.txt          Qt and Qt for Python (LGPL-3.0): where the libraries are in this
                            folder, how to replace them, and where their source code is.
LGPL-3.0.txt, GPL-3.0.txt   the full texts of those licences.
DejaVu-fonts-LICENSE.txt    the DejaVu fonts used in the PDF documents {app_name} makes.
THIRD-PARTY-NOTICES.txt     every other component (Python, reportlab, python-docx, openpyxl,
                            sqlite-utils, platformdirs, ...) with its licence text.
"""


def windows_version_file(work: Path, name: str, version: str) -> str:
    """A version resource, so Windows shows the name and version in the file's Properties."""
    numbers = [int(part) for part in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    four = tuple(numbers)
    target = Path(work) / "version-info.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    strings = {
        "CompanyName": "The svdesk team",
        "FileDescription": f"{name} — social value desk",
        "FileVersion": version,
        "InternalName": name,
        "LegalCopyright": "MIT licence; see the licenses folder",
        "OriginalFilename": f"{name}.exe",
        "ProductName": name,
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    target.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080904B0', [
          {table}])]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
""", "utf-8")
    return str(target)
