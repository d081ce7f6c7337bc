"""Document -> text, Markdown, Word (.docx) and PDF, one module per format. reportlab and
python-docx are imported only inside their own modules, when an export is made."""
