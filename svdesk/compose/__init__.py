"""Records -> a format-neutral Document (``svdesk.document``): tender answers, the CIC34 report,
the impact summary, the statement, the consent form.

Composers build: they never import ``svdesk.render`` and never write files.
Writing a document to disk (and recording the stories it uses) is ``svdesk.services``' work."""
