"""The format-neutral document model: what a composer builds and a renderer draws.

``model`` holds the Document and its blocks (headings, paragraphs, bullets, tables, quotes,
chart specifications); ``chartdata`` turns a chart specification into the figures table and the
sentence that describe it. Imports only ``svdesk.domain``, so both ``compose`` (above) and
``render`` (beside compose) can use it without reaching each other.
"""
