"""Text that is already JSON, for ``svdesk dump`` to write as it is (see store/dump.py)."""


class RawJson(str):
    """A record already written as JSON: an evidence file's megabytes of base64 need no
    escaping, and running them through the encoder took most of a big file's dump."""
