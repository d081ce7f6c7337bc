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
    from svdesk.commands import (export, filecmds, measures, merge, publish, screenshot, selftest, stories,
                                 tender_plan)

    return [filecmds, screenshot, selftest, measures, stories, export, tender_plan, publish, merge]


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


def _is_command(word: str) -> bool:
    """Whether ``svdesk WORD ...`` runs a headless command."""
    return _parser_for(word) is not None


def _parser_for(word: str) -> argparse.ArgumentParser | None:
    """The commands' parser when ``svdesk WORD ...`` runs a headless command, else None: built
    once for the run, to tell and then to parse. A file to open (``x.svdesk``, or any path with a
    folder in it) is known without building every command's parser: that costs about 10 ms on
    the way to the window."""
    if word.startswith("-") or word.lower().endswith(".svdesk") or "/" in word or "\\" in word:
        return None
    parser = _commands_parser()
    return parser if word in parser.command_names else None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "help":
            _commands_parser().print_help()
            return 0
        parser = _parser_for(argv[0]) if argv else None
        if parser is not None:
            args = parser.parse_args(argv)
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
    from svdesk.ui.shell.app import run_window

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
        plain = _plain_sqlite_error(error, getattr(args, "file", None))
        if plain is not None:
            print(f"svdesk: {plain}", file=sys.stderr)
            return 1
        from svdesk.logs import log_unexpected

        where = log_unexpected(error)
        print(f"svdesk: something unexpected went wrong ({type(error).__name__}). Nothing was changed. "
              f"Details are in {where}.", file=sys.stderr)
        return 70


def _plain_sqlite_error(error: Exception, path):
    """A full disk, a busy file or a failing disk met while reading is the situation's fault, not
    svdesk's: a plain sentence and exit 1 (svdesk.store.sqlite_errors), not "unexpected"."""
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None or not isinstance(error, sqlite3.Error):
        return None
    from svdesk.store.sqlite_errors import plain_read_error

    return plain_read_error(error, path if isinstance(path, Path) else None)

