"""Stable row ids: random UUIDs, so two copies of one file can be merged one day."""


def new_id() -> str:
    # Imported here: the uuid module costs 5 ms of start-up, and no id is made before the window shows.
    import uuid

    return str(uuid.uuid4())
