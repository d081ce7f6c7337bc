"""Importing the document layer and renderers, and making text exports, loads none of the heavy
libraries; each heavy library loads only for the format that needs it."""

import subprocess
import sys

CODE = r"""
import sys
heavy = lambda: sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'docx', 'PIL', 'lxml', 'PySide6'})
import svdesk.compose, svdesk.document.model, svdesk.document.chartdata
import svdesk.render, svdesk.render.text, svdesk.render.markdown, svdesk.render.html, svdesk.render.clean
import svdesk.render.docx, svdesk.render.pdf, svdesk.render.fonts, svdesk.render.chartlayout
import svdesk.render.chart_png, svdesk.render.chart_pdf, svdesk.render.pdf_style, svdesk.render.docx_tables
assert heavy() == [], heavy()
from svdesk.document.model import Document, Paragraph, ChartSpec, Series
doc = Document('t', [Paragraph('p'), ChartSpec('c', 'line', [Series('s', [('a', 1)])])])
for fmt in ('txt', 'md', 'html'):
    svdesk.render.render(doc, fmt)
svdesk.render.inspect(doc, 'docx')
assert heavy() == [], heavy()
svdesk.render.render(doc, 'docx')
assert 'reportlab' not in heavy() and 'docx' in heavy(), heavy()
svdesk.render.render(doc, 'pdf')
assert 'reportlab' in heavy() and 'PySide6' not in heavy(), heavy()
print('ok')
"""


def test_heavy_libraries_load_only_for_their_format():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
