"""Dataclasses and rules. No Qt, no SQL: everything here is plain Python and easy to test."""
