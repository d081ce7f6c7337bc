"""reportlab and python-docx load only when a tender export is actually written."""

import subprocess
import sys

import pytest

CODE = r"""
import sys, datetime as dt
from pathlib import Path
from svdesk.store.workspace import open_workspace
import svdesk.commands.export, svdesk.compose.tender, svdesk.compose.delivery, svdesk.render
from svdesk.compose.tender import answer_for_export, draft_answer
from svdesk.services.exports import export_answer
from svdesk.compose.delivery import delivery_document

heavy = lambda: sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'docx'))
ws = open_workspace(Path(sys.argv[1]))
draft_answer(ws, '4799f033-1385-5bcc-88bb-cc6106e19b21', dt.date(2026, 11, 22))
answer_for_export(ws, '4799f033-1385-5bcc-88bb-cc6106e19b21', today=dt.date(2026, 11, 22))
delivery_document(ws, '61f67f22-6977-5fca-ab0c-eaf84f58bda6', dt.date(2026, 11, 22))
export_answer(ws, '4799f033-1385-5bcc-88bb-cc6106e19b21', 'md', Path(sys.argv[2]) / 'a.md')
assert heavy() == [], heavy()
export_answer(ws, '4799f033-1385-5bcc-88bb-cc6106e19b21', 'docx', Path(sys.argv[2]) / 'a.docx')
assert 'docx' in sys.modules and 'reportlab' not in sys.modules
export_answer(ws, '4799f033-1385-5bcc-88bb-cc6106e19b21', 'pdf', Path(sys.argv[2]) / 'a.pdf')
assert 'reportlab' in sys.modules
ws.close()
print('ok')
"""


@pytest.mark.slow
def test_heavy_libraries_wait_for_an_export(demo_copy, tmp_path):
    result = subprocess.run([sys.executable, "-c", CODE, str(demo_copy), str(tmp_path)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
