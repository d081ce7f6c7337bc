"""Stable row ids: random UUIDs, so two copies of one file can be merged one day."""

import uuid


def new_id() -> str:
    return str(uuid.uuid4())
