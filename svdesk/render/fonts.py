"""The DejaVu Sans family shipped in resources/fonts (Bitstream Vera licence, in the same folder):
one Unicode font for PDF text and for the chart pictures, so Polish, Welsh, Greek, accents, €
and dashes print everywhere.

What DejaVu Sans cannot draw (Chinese, Japanese, Korean, most emoji, some rare symbols) is kept
in the text: the PDF prints the font's empty box in its place and ``svdesk.render.inspect``
reports those characters, so nothing is silently lost and nothing crashes. Word, text and
Markdown exports keep every character as it is (the reader's own fonts show them).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from svdesk.paths import resource

FAMILY = "DejaVuSans"
_FILES = {
    (False, False): ("DejaVuSans", "DejaVuSans.ttf"),
    (True, False): ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
    (False, True): ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
    (True, True): ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}


def font_path(bold: bool = False, italic: bool = False) -> Path:
    path = resource("fonts", _FILES[(bold, italic)][1])
    if not path.is_file():
        from svdesk.domain.errors import SvdeskError

        raise SvdeskError(f"svdesk's font file {path.name} is missing; please reinstall svdesk.")
    return path


def font_name(bold: bool = False, italic: bool = False) -> str:
    return _FILES[(bold, italic)][0]


@lru_cache(maxsize=1)
def register_pdf_fonts() -> str:
    """Registers the four faces with reportlab as one family (so <b> and <i> in our own
    paragraph templates pick the right face) and returns the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    _fix_astral_to_unicode()
    for (bold, italic), (name, _) in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(bold, italic))))
        addMapping(FAMILY, int(bold), int(italic), name)
    pdfmetrics.registerFontFamily(
        FAMILY, normal=font_name(), bold=font_name(True), italic=font_name(False, True),
        boldItalic=font_name(True, True),
    )
    return FAMILY


@lru_cache(maxsize=1)
def pdf_coverage() -> frozenset[int]:
    """Code points DejaVu Sans has a glyph for."""
    register_pdf_fonts()
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name()).face.charToGlyph)


def pdf_measure(text: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_pdf_fonts()
    return stringWidth(text, font_name(bold), size)


def _fix_astral_to_unicode() -> None:
    """reportlab writes the ToUnicode map of embedded TrueType subsets with "%04X", so a character
    beyond U+FFFF (e.g. an emoji DejaVu has) is mapped to a wrong BMP character and copying or
    searching the PDF text gives the wrong symbol. Writing those as UTF-16 surrogate pairs, as the
    PDF specification asks, fixes it; BMP characters are written exactly as before."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_svdesk_fixed", False):
        return

    def make(fontname, subset):
        cmap = original(fontname, subset)
        if all(code <= 0xFFFF for code in subset):
            return cmap
        for index, code in enumerate(subset):
            if code > 0xFFFF:
                units = chr(code).encode("utf-16-be").hex().upper()
                cmap = cmap.replace("<%02X> <%04X>" % (index, code), "<%02X> <%s>" % (index, units), 1)
        return cmap

    make._svdesk_fixed = True
    ttfonts.makeToUnicodeCMap = make
