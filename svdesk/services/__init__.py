"""What a person does that writes or exports, one function each, above ``compose`` and
``render``: ``compose`` builds a Document from the records, ``render`` draws it, and a service
checks consent, writes the file and records what it used. ``ui`` and ``commands`` call here.
No Qt."""
