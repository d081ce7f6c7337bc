"""The guard of the window shared by the tests that only look at it (tests/ui/shared_window.py):
a write from the window or from another program, a question or an opened file is caught, and
the next test gets a fresh copy."""

import sqlite3

from tests.ui.shared_window import SharedDemoWindow


def test_the_guard_sees_writes_questions_and_opened_files(qtbot, file_workspace, dialogs, tmp_path):
    path = file_workspace.path
    file_workspace.organisation.update(staff=2)
    file_workspace.close()
    shared = SharedDemoWindow(tmp_path, path, dialogs)
    try:
        shared.reset()
        mark = shared.mark()
        shared.window().show_page("stories")  # looking changes nothing
        shared.reset()
        assert shared.problem_since(mark) is None

        shared.window().workspace.organisation.update(staff=4)
        assert "changed its file" in shared.problem_since(mark)
        shared.discard()
        shared.reset()
        assert shared.window().workspace.organisation.get().staff == 2  # made again from the original

        mark = shared.mark()
        with sqlite3.connect(shared.window().workspace.path) as other:  # another program writes
            other.execute("UPDATE organisation SET staff = 5")
        other.close()
        assert "changed its file" in shared.problem_since(mark)

        mark = shared.mark()  # (the same window from here: making one is what the sharing saves)
        dialogs.info(shared.window(), "Backup copies", "There are none yet.")
        assert "asked or opened [('info', 'Backup copies'" in shared.problem_since(mark)
        shared.reset()  # forgets what was asked
        assert shared.problem_since(mark) is None
        shared.opened.append("report.pdf")
        assert "report.pdf" in shared.problem_since(mark)
    finally:
        shared.discard()
