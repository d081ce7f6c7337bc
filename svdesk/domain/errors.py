"""Errors whose message is written for the person using svdesk, not for a developer."""


class SvdeskError(Exception):
    """Something went wrong that the user can understand and act on.

    ``str(error)`` is a plain-English sentence that can be shown in a window or printed on the
    command line as it is.
    """


class ValidationError(SvdeskError):
    """One or more values are not acceptable; ``problems`` lists each one in plain English."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems) if self.problems else "Invalid value")
