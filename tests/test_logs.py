"""svdesk's log: standard logging, rotated, in the data folder; never raises."""

import logging

from svdesk import logs


def _raised(message: str) -> BaseException:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return error


def test_an_unexpected_error_goes_to_the_data_folders_log_with_its_traceback(_private_user_folders):
    where = logs.log_unexpected(_raised("the printer caught fire"))
    log_path = _private_user_folders / "data" / "svdesk.log"
    assert where == str(log_path.resolve())
    text = log_path.read_text("utf-8")
    assert "RuntimeError: the printer caught fire" in text and "Traceback" in text
    assert isinstance(logs.logger(), logging.Logger) and logs.logger().name == "svdesk"


def test_the_log_rotates_instead_of_growing_without_bound(_private_user_folders, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    for handler in list(logs.logger().handlers):  # a fresh handler picks up the smaller size
        logs.logger().removeHandler(handler)
        handler.close()
    for number in range(40):
        logs.log_unexpected(_raised(f"problem {number} " + "x" * 200))
    folder = _private_user_folders / "data"
    kept = sorted(path.name for path in folder.glob("svdesk.log*"))
    assert kept == ["svdesk.log", "svdesk.log.1", "svdesk.log.2", "svdesk.log.3"]
    assert all((folder / name).stat().st_size <= 2000 + 2000 for name in kept)
    assert "problem 39" in (folder / "svdesk.log").read_text("utf-8")


def test_a_log_that_cannot_be_written_is_said_so_and_never_raises(_private_user_folders, monkeypatch):
    folder = _private_user_folders / "data" / "svdesk.log"
    folder.mkdir(parents=True)  # a folder where the log file should be: nothing can be written
    assert logs.log_unexpected(_raised("lost")) == logs.UNWRITABLE
