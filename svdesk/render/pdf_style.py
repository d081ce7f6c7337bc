"""The look of svdesk's PDFs: A4, DejaVu Sans, a deep teal accent, and the page furniture (a rule
and a footer line "title · Page X of Y" on every page).

Kept apart from ``pdf`` so the CIC34 and impact-summary composers share one look. Everything
imports reportlab lazily: call ``styles()`` only while making a PDF.
"""

from __future__ import annotations

from functools import lru_cache

from svdesk.render.fonts import font_name, register_pdf_fonts

ACCENT = "#1F5F5B"
ACCENT_LIGHT = "#E6EFEE"
INK = "#1E2B2A"
MUTED = "#5C6B6A"
RULE = "#C8D3D2"
ZEBRA = "#F4F8F7"
ESTIMATE_FILL = "#FBF3E4"
ESTIMATE_EDGE = "#D9A441"
WARNING = "#9A3412"

PAGE_MARGIN_MM = (20, 20, 18, 22)  # left, right, top, bottom
BODY_SIZE = 10.0
BODY_LEADING = 14.5


@lru_cache(maxsize=1)
def styles() -> dict:
    """Paragraph styles by name: title, subtitle, meta, h1-h3, body, lead, note, estimate,
    warning, bullet, cell, cell_head, caption, quote, attribution, figure_value, figure_label."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    family = register_pdf_fonts()
    base = ParagraphStyle(
        "body", fontName=font_name(), fontSize=BODY_SIZE, leading=BODY_LEADING,
        textColor=HexColor(INK), spaceAfter=6, alignment=TA_LEFT, allowWidows=0, allowOrphans=0,
    )

    def make(name: str, parent=base, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    bold, italic = font_name(True), font_name(False, True)
    result = {
        "body": base,
        "title": make("title", fontName=bold, fontSize=22, leading=27, textColor=HexColor(ACCENT), spaceAfter=4),
        "subtitle": make("subtitle", fontSize=12.5, leading=17, textColor=HexColor(MUTED), spaceAfter=4),
        "meta": make("meta", fontSize=8.5, leading=12, textColor=HexColor(MUTED), spaceAfter=0),
        "h1": make("h1", fontName=bold, fontSize=14.5, leading=19, textColor=HexColor(ACCENT),
                   spaceBefore=14, spaceAfter=5, keepWithNext=1),
        "h2": make("h2", fontName=bold, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "h3": make("h3", fontName=bold, fontSize=10.5, leading=14, textColor=HexColor(MUTED),
                   spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "lead": make("lead", fontSize=12, leading=17, spaceAfter=8),
        "note": make("note", fontSize=8.5, leading=12, textColor=HexColor(MUTED)),
        "estimate": make("estimate", fontName=italic, backColor=HexColor(ESTIMATE_FILL),
                         borderColor=HexColor(ESTIMATE_EDGE), borderWidth=0.6, borderPadding=(5, 7, 5, 7),
                         borderRadius=3, leftIndent=7, rightIndent=7, spaceBefore=8, spaceAfter=13),
        "warning": make("warning", fontName=bold, textColor=HexColor(WARNING)),
        "bullet": make("bullet", leftIndent=15, bulletIndent=3, spaceAfter=3, bulletFontName=font_name(),
                       bulletColor=HexColor(ACCENT)),
        "cell": make("cell", fontSize=9, leading=12, spaceAfter=0),
        "cell_head": make("cell_head", fontName=bold, fontSize=9, leading=12, spaceAfter=0,
                          textColor=HexColor("#FFFFFF")),
        "caption": make("caption", fontName=italic, fontSize=8.5, leading=11.5, textColor=HexColor(MUTED),
                        spaceBefore=3, spaceAfter=10),
        "quote": make("quote", fontName=italic, fontSize=11.5, leading=16.5, textColor=HexColor(ACCENT),
                      spaceAfter=3),
        "attribution": make("attribution", fontSize=8.5, leading=12, textColor=HexColor(MUTED), spaceAfter=0),
        "figure_value": make("figure_value", fontName=bold, fontSize=22, leading=26,
                             textColor=HexColor(ACCENT), spaceAfter=1),
        "figure_label": make("figure_label", fontSize=8.5, leading=11.5, textColor=HexColor(MUTED), spaceAfter=0),
    }
    result["family"] = family
    return result


FOOTER_SIZE = 7.5
FOOTER_LEADING = 9.0
_FOOTER_BASELINE_MM = 13  # a one-line footer's baseline, 9 mm under the text
_FOOTER_FLOOR_MM = 8      # the lowest a footer's last line goes before the footer grows upwards
_PAGE_NUMBER_ROOM = "Page 99999 of 99999"  # the footer text wraps clear of the widest page number


def footer_lines(footer: str, text_width: float) -> list[str]:
    """The footer (the organisation's name and the document's title, in the person's words) as
    lines beside the page number: wrapped, never cut short with "…"."""
    from svdesk.render.fonts import pdf_measure
    from svdesk.render.linebreak import wrap_measured

    room = text_width - pdf_measure(_PAGE_NUMBER_ROOM, FOOTER_SIZE) - 20
    return wrap_measured(footer, FOOTER_SIZE, False, room, pdf_measure)


def footer_baseline(line_count: int) -> float:
    """Where the footer's first line sits (points from the page's foot): one or two lines where a
    one-line footer always sat; more lines push it up (``bottom_margin`` makes room)."""
    from reportlab.lib.units import mm

    return max(_FOOTER_BASELINE_MM * mm, _FOOTER_FLOOR_MM * mm + (max(1, line_count) - 1) * FOOTER_LEADING)


def bottom_margin(line_count: int) -> float:
    """The page's bottom margin in points: the usual one, or more when a long footer needs it."""
    from reportlab.lib.units import mm

    usual = PAGE_MARGIN_MM[3] * mm
    return max(usual, footer_baseline(line_count) + usual - _FOOTER_BASELINE_MM * mm)


def numbered_canvas(lines: list[str]):
    """A canvas class that draws the footer ``lines`` (see ``footer_lines``) once the page count
    is known ("Page 2 of 5")."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    left_mm, right_mm, _, _ = PAGE_MARGIN_MM
    first = footer_baseline(len(lines))

    class _NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            x0, x1 = left_mm * mm, width - right_mm * mm
            self.saveState()
            self.setStrokeColor(HexColor(RULE))
            self.setLineWidth(0.5)
            self.line(x0, first + 11, x1, first + 11)
            self.setFillColor(HexColor(MUTED))
            self.setFont(font_name(), FOOTER_SIZE)
            self.drawRightString(x1, first, f"Page {self._pageNumber} of {total}")
            for number, line in enumerate(lines):
                self.drawString(x0, first - number * FOOTER_LEADING, line)
            self.restoreState()

    return _NumberedCanvas
