"""Records -> a format-neutral Document (headings, paragraphs, bullets, tables, quotes, chart
specifications): tender answers, the CIC34 report, the impact summary."""
