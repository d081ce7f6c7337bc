"""What svdesk.spec leaves out of the bundle, and why. Used by the spec; no PyInstaller import.

PyInstaller's Qt hooks take every plugin a Qt module might want (embedded Linux back-ends, a
virtual keyboard that drags in QML and Quick, network back-ends, Qt's own translations...). svdesk
draws widgets (its charts with QPainter) and SVG, offline, in English, so those go. On Linux the binaries are then
re-walked from what is left (Python extensions, kept plugins, libpython), so a library only a
dropped plugin needed goes too, and the few libraries every desktop already has — and which are
safer taken from the system than from the build machine — are left to the system.
"""

from __future__ import annotations

import os
import sys
from pathlib import PurePosixPath

# Qt for Python modules svdesk does not import. QtSvg, QtSvgWidgets, QtGui, QtWidgets and
# QtPrintSupport stay available. QtCharts (PySide6-Addons) is not a dependency any more: the
# window paints its charts from svdesk/render/chartlayout.py; it is listed in case a build
# machine has Addons installed anyway.
# If a page starts using one of these, take it off this list: the bundle's self-test will fail
# with an ImportError on that page until then.
EXCLUDED_MODULES = [
    f"PySide6.{name}" for name in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
        "QtAsyncio", "QtAxContainer", "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDBus",
        "QtDataVisualization", "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer",
        "QtLabsStyleKit", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork",
        "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets",
        "QtPositioning", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2",
        "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
        "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech",
        "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
        "QtWebSockets", "QtWebView", "QtXml",
    )
]
# Pillow draws our chart images (and reportlab reads photos through it); it needs neither AVIF
# (a 5 MB codec) nor colour-profile conversion, nor the Qt/Tk bridges. readline only serves pdb.
EXCLUDED_MODULES += [
    "tkinter", "_tkinter", "PIL.ImageQt", "PIL.ImageTk", "PIL._avif", "PIL.AvifImagePlugin",
    "PIL._imagingcms", "PIL.ImageCms", "readline",
]

# Qt plugins kept, by folder and name (file name without lib prefix and suffix). Every other
# plugin folder (generic input, eglfs, wayland, network, tls, sql, print, multimedia...) goes.
KEPT_PLUGINS = {
    # offscreen: the self-test and support without a display; xcb: every X11 desktop, and
    # Wayland desktops through XWayland (Qt falls back to it when its Wayland plugin is absent).
    "platforms": {"qoffscreen", "qxcb", "qwindows", "qcocoa"},
    "platformthemes": {"qxdgdesktopportal"},  # native file dialogs through the desktop portal
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "xcbglintegrations": None,  # None: all of them
    "styles": None,  # the native look on Windows 11 and macOS
    "iconengines": {"qsvgicon"},
    # Photos and scanned consent forms: JPEG, PNG (built in), GIF, WebP, TIFF, and icons.
    "imageformats": {"qjpeg", "qgif", "qico", "qsvg", "qwebp", "qtiff"},
}

# Qt libraries that only the dropped plugins or modules use (for Windows and macOS, where the
# re-walk is not done; on Linux the re-walk finds the same).
DROPPED_QT_LIBRARIES = (
    "Qt6Qml", "Qt6Quick", "Qt6VirtualKeyboard", "Qt6EglFS", "Qt6EglFsKmsSupport", "Qt6Wayland",
    "Qt6WlShellIntegration", "Qt6Pdf", "Qt6Network",
    "QtQml", "QtQuick", "QtVirtualKeyboard", "QtNetwork", "QtPdf",  # macOS framework names
)

# Linux libraries taken from the system: present on every desktop, and a copy from the build
# machine can clash with the system's own (fontconfig's configuration, a newer GPU driver's
# libstdc++, GLib's modules). The same choices as the AppImage exclude list.
SYSTEM_LIBRARIES = (
    "libstdc++.so", "libgcc_s.so", "libfontconfig.so", "libfreetype.so", "libX11.so", "libX11-xcb.so",
    "libxcb.so", "libdbus-1.so", "libglib-2.0.so", "libgobject-2.0.so", "libgio-2.0.so",
    "libgmodule-2.0.so", "libgthread-2.0.so", "libGL.so", "libEGL.so", "libGLX.so", "libOpenGL.so",
)

# What binaries() left out, so that datas() can drop the symlinks and framework files that
# belong to it (and nothing else: macOS frameworks are full of symlinks to folders).
_dropped_destinations: set[str] = set()


def _plugin_kept(dest: str) -> bool | None:
    """True/False for a Qt plugin, None when ``dest`` is not a Qt plugin."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" not in parts or "PySide6" not in parts:
        return None
    at = parts.index("plugins")
    if len(parts) < at + 3:
        return None
    folder, filename = parts[at + 1], parts[-1]
    if folder not in KEPT_PLUGINS:
        return False
    wanted = KEPT_PLUGINS[folder]
    if wanted is None:
        return True
    stem = filename.split(".")[0]
    stem = stem[3:] if stem.startswith("lib") else stem
    return stem in wanted


def _dropped_qt_library(dest: str) -> bool:
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if any(part.endswith(".framework") and part[: -len(".framework")].startswith(DROPPED_QT_LIBRARIES)
           for part in parts):
        return True  # a macOS framework we leave out, and everything inside it
    name = parts[-1] if parts else ""
    name = name[3:] if name.startswith("lib") else name
    return name.startswith(DROPPED_QT_LIBRARIES)


def _system_library(dest: str) -> bool:
    name = PurePosixPath(dest).name
    return any(name == lib or name.startswith(lib + ".") for lib in SYSTEM_LIBRARIES)


def binaries(toc: list) -> list:
    kept = []
    for entry in toc:
        dest = entry[0]
        plugin = _plugin_kept(dest)
        if plugin is False or (plugin is None and _dropped_qt_library(dest)):
            continue
        if sys.platform.startswith("linux") and _system_library(dest):
            continue
        kept.append(entry)
    if sys.platform.startswith("linux"):
        kept = _rewalk(kept)
    _dropped_destinations.clear()
    _dropped_destinations.update({entry[0] for entry in toc} - {entry[0] for entry in kept})
    return kept


def _rewalk(toc: list) -> list:
    """Keeps what the roots (Python extensions, kept plugins, libpython) need, following each
    file's own DT_NEEDED list (not ldd's transitive one, so a system library we leave out does
    not drag its own dependencies in)."""
    providers = {}
    for entry in toc:
        if entry[2] != "SYMLINK":
            providers.setdefault(PurePosixPath(entry[0]).name, entry)
            providers.setdefault(os.path.basename(entry[1]), entry)
    roots = [
        entry for entry in toc
        if entry[2] == "EXTENSION" or _plugin_kept(entry[0]) or PurePosixPath(entry[0]).name.startswith("libpython")
    ]
    kept = {entry[0] for entry in roots}
    queue = list(roots)
    while queue:
        entry = queue.pop()
        for needed in elf_needed(entry[1]):
            provider = providers.get(needed)
            if provider is not None and provider[0] not in kept:
                kept.add(provider[0])
                queue.append(provider)
    return [entry for entry in toc if entry[2] == "SYMLINK" or entry[0] in kept]


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED names of an ELF file (empty for anything else)."""
    import struct

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return []
    if data[:4] != b"\x7fELF":
        return []
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    if wide:
        shoff, = struct.unpack_from(order + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
        section, dyn = order + "IIQQQQIIQQ", order + "qQ"
    else:
        shoff, = struct.unpack_from(order + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x2E)
        section, dyn = order + "IIIIIIIIII", order + "iI"
    sections = [struct.unpack_from(section, data, shoff + i * shentsize) for i in range(shnum)]
    names = []
    for header in sections:
        if header[1] != 6:  # SHT_DYNAMIC
            continue
        offset, size, link = header[4], header[5], header[6]
        strtab = sections[link][4]
        step = struct.calcsize(dyn)
        for at in range(offset, offset + size, step):
            tag, value = struct.unpack_from(dyn, data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strtab + value)
                names.append(data[strtab + value:end].decode("utf-8", "replace"))
    return names


def datas(toc: list) -> list:
    kept = []
    for entry in toc:
        dest, source, kind = entry[0], entry[1], entry[2]
        parts = PurePosixPath(dest.replace("\\", "/")).parts
        if "PySide6" in parts and "translations" in parts:
            continue  # Qt's own translations: svdesk is in English
        if kind == "SYMLINK" and _links_to_dropped(dest, source):
            continue
        if _plugin_kept(dest) is False or _dropped_qt_library(dest):
            continue
        kept.append(entry)
    return kept


def _links_to_dropped(dest: str, target: str) -> bool:
    # A symlink's target is relative to the link's folder (e.g. the top-level
    # libQt6Quick.so.6 -> PySide6/Qt/lib/libQt6Quick.so.6); it goes when that file went.
    joined = os.path.normpath(os.path.join(os.path.dirname(dest), target)).replace("\\", "/")
    return joined in _dropped_destinations


def bundled_top_level_names(analysis) -> set[str]:
    """Top-level import names that ended up in the bundle (pure modules and extensions)."""
    names = {name.split(".")[0] for name, *_ in analysis.pure}
    # Packages collected as plain .py files (module_collection_mode "py") are data entries.
    for dest, _source, _kind in analysis.datas:
        if dest.endswith((".py", ".pyc")):
            names.add(PurePosixPath(dest.replace("\\", "/")).parts[0])
    for dest, _source, kind in analysis.binaries:
        if kind == "EXTENSION":
            first = PurePosixPath(dest.replace("\\", "/")).parts[0]
            names.add(first.split(".")[0])
    return names
