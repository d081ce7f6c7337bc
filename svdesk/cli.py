"""The ``svdesk`` command: the window, or a headless command.

``svdesk`` / ``svdesk FILE`` / ``svdesk --demo`` start the window; ``svdesk COMMAND ...`` runs a
headless command. Whatever happens, the person sees a plain sentence, never a traceback: the
details of an unexpected error go to the log file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from svdesk import __version__


def _command_modules():
    from svdesk.commands import export, filecmds, measures, publish, screenshot, selftest, stories

    return [filecmds, screenshot, selftest, measures, stories, export, publish]


def _commands_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="svdesk", description="svdesk headless commands")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _command_modules():
        module.register(sub)
    parser.command_names = set(sub.choices)
    return parser


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="svdesk",
        description="svdesk: your social value statement, indicators and stories, and the tender "
        "answers and CIC34 report drawn from them. Run 'svdesk help' for the headless commands.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="an .svdesk file to open")
    parser.add_argument("--demo", action="store_true", help="open a fresh copy of the demo organisation")
    parser.add_argument("--read-only", action="store_true", help="open the file without changing it")
    parser.add_argument("--self-test", action="store_true",
                        help="check that svdesk works (demo, exports, every page, offscreen) and exit; 0 means all is well")
    parser.add_argument("--version", action="version", version=f"svdesk {__version__}")
    return parser


def _command_names() -> set[str]:
    return _commands_parser().command_names


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "help":
            _commands_parser().print_help()
            return 0
        if argv and not argv[0].startswith("-") and argv[0] in _command_names():
            args = _commands_parser().parse_args(argv)
            return _run(args.func, args)
        args = _window_parser().parse_args(argv)
        return _run(_start_window, args)
    except KeyboardInterrupt:
        return 130


def _start_window(args) -> int:
    if args.self_test:
        from svdesk.selftest import run_self_test

        return run_self_test()
    import os

    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        # Qt would abort with a fatal error; say it plainly instead.
        print("svdesk: no screen was found (DISPLAY is not set), so the window cannot open. "
              "The headless commands still work: run 'svdesk help'.", file=sys.stderr)
        return 1
    from svdesk.ui.app import run_window

    code = run_window(file=args.file, demo=args.demo, read_only=args.read_only)
    # Every window has closed its file by now (each change was committed as it was made).
    # Skipping Python's teardown avoids a crash in PySide6's own clean-up on some versions,
    # which would otherwise show as an error after a normal quit.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _run(func, args) -> int:
    from svdesk.domain.errors import SvdeskError, ValidationError

    try:
        return int(func(args) or 0)
    except ValidationError as error:
        print("svdesk: the data has problems:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    except SvdeskError as error:
        print(f"svdesk: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last line of defence: a sentence, and the details in the log
        where = _log_unexpected(error)
        print(f"svdesk: something unexpected went wrong ({type(error).__name__}). Nothing was changed. "
              f"Details are in {where}.", file=sys.stderr)
        return 70


def _log_unexpected(error: BaseException) -> str:
    import datetime as dt
    import traceback

    try:
        from svdesk.paths import log_file

        path = log_file()
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat()} svdesk {__version__}\n")
            handle.write("".join(traceback.format_exception(error)))
        return str(path)
    except Exception:  # noqa: BLE001 - logging must never raise in its turn
        return "the log (which could not be written)"
