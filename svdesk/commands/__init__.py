"""Headless commands: one module per group, each with ``register(subparsers)``.

None of these import Qt (except ``screenshot``, which exists to render the window), so they run
on a server or in a script, and fast.
"""
