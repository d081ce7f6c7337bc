"""Document -> Word (.docx) with python-docx, using Word's own styles so the reader can restyle it.

Title/Subtitle, Heading 1-3, List Bullet/List Number (each numbered list restarts at 1), Quote,
Caption and Table styles are the built-in ones (restyled in svdesk's colours); paragraph roles
use four added styles: "Lead", "Note", "Estimate", "Warning". Tables get a repeating, shaded
header row; charts are PNG pictures (see ``chart_png``) with the chart's text alternative as the
picture's description. A4, British English proofing language, "title · Page X of Y" footer.

Control characters Word cannot hold are removed beforehand (``render.clean``); python-docx
would otherwise raise on them.
"""

from __future__ import annotations

import io

from svdesk.document.model import (
    BulletList, ChartSpec, Document, Figures, Heading, PageBreak, Paragraph, Quote, Span, Table,
)
from svdesk.document.chartdata import alt_text
from svdesk.render.clean import clean_document, quote_body
from svdesk.render.docx_style import (
    ACCENT, ESTIMATE_FILL, INK, MUTED, QUOTE_FILL, RULE, TEXT_WIDTH_CM, WARNING, ZEBRA,
)



def render_docx(document: Document) -> bytes:
    import docx

    document, _ = clean_document(document)
    out = docx.Document()
    _setup(out, document)
    writer = _Writer(out)
    title, subtitle, meta = document.printed_front()
    if title:
        writer.para(title, "Title")
    if subtitle:
        writer.para(subtitle, "Subtitle")
    for line in meta:
        writer.para(line, "Meta")
    for block in document.blocks:
        writer.block(block)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _rgb(hex_colour: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour)


def _setup(out, document: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    section = out.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)

    styles = out.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.font.color.rgb = _rgb(INK)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.append(lang)

    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Quote"):
        _plain_font(styles[name])
    _title_rule(styles["Title"])
    title = styles["Title"]
    title.font.name, title.font.size, title.font.color.rgb = "Calibri", Pt(24), _rgb(ACCENT)
    title.font.bold = True
    subtitle = styles["Subtitle"]
    subtitle.font.name, subtitle.font.size, subtitle.font.color.rgb = "Calibri", Pt(13), _rgb(MUTED)
    subtitle.font.italic = False
    for level, size, colour in ((1, 16, ACCENT), (2, 13, INK), (3, 11.5, MUTED)):
        style = styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.color.rgb = "Calibri", Pt(size), _rgb(colour)
        style.font.bold = True
        style.font.italic = False
        style.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True

    def added(name: str, *, size=None, colour=None, italic=None, bold=None, base="Normal"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        if size:
            style.font.size = Pt(size)
        if colour:
            style.font.color.rgb = _rgb(colour)
        if italic is not None:
            style.font.italic = italic
        if bold is not None:
            style.font.bold = bold
        return style

    added("Meta", size=9.5, colour=MUTED).paragraph_format.space_after = Pt(0)
    added("Lead", size=12.5)
    added("Note", size=9, colour=MUTED)
    estimate = added("Estimate", italic=True)
    _shade_paragraph_style(estimate, ESTIMATE_FILL, "D9A441")
    added("Warning", bold=True, colour=WARNING)
    quote = styles["Quote"]
    quote.font.italic, quote.font.size, quote.font.color.rgb = True, Pt(12), _rgb(ACCENT)
    quote.paragraph_format.left_indent = Cm(0.4)
    quote.paragraph_format.space_before = Pt(6)
    quote.paragraph_format.space_after = Pt(0)
    quote.paragraph_format.keep_with_next = True
    _shade_paragraph_style(quote, QUOTE_FILL, ACCENT)
    attribution = added("Attribution", size=9.5, colour=MUTED, italic=False)
    attribution.paragraph_format.left_indent = Cm(0.4)
    attribution.paragraph_format.space_after = Pt(10)
    _shade_paragraph_style(attribution, QUOTE_FILL, ACCENT)
    caption = styles["Caption"]
    caption.font.size, caption.font.color.rgb, caption.font.bold = Pt(9), _rgb(MUTED), False
    caption.font.italic = True
    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(3)
    added("Figure Value", size=20, colour=ACCENT, bold=True).paragraph_format.space_after = Pt(0)
    added("Figure Label", size=9, colour=MUTED).paragraph_format.space_after = Pt(0)
    cell_text = added("Table Text", size=10)
    cell_text.paragraph_format.space_before = Pt(2)
    cell_text.paragraph_format.space_after = Pt(2)

    props = out.core_properties
    props.title = document.title
    props.author = document.author or "svdesk"
    props.last_modified_by = document.author or "svdesk"
    props.subject = document.subtitle
    props.keywords = ", ".join(document.keywords)
    props.comments = "" if document.title_block else " · ".join(document.meta)
    props.language = "en-GB"
    props.revision = 1
    _footer(out, section, document.footer or document.title)


def _plain_font(style) -> None:
    """Drops the template's theme fonts and letter spacing, which would override the font we
    set (Word prefers w:asciiTheme over w:ascii)."""
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for key in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{key}"), None)
    for tag in ("w:spacing", "w:kern"):
        for element in rpr.findall(qn(tag)):
            rpr.remove(element)


def _title_rule(style) -> None:
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    for bottom in ppr.iter(qn("w:bottom")):
        bottom.set(qn("w:color"), ACCENT)
        bottom.attrib.pop(qn("w:themeColor"), None)
        bottom.set(qn("w:sz"), "12")


def _shade_paragraph_style(style, fill: str, border: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "6"), ("color", border)):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    ppr.append(borders)
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    ppr.append(shading)


def _field(paragraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), MUTED)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "17")
    rpr.append(colour)
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(out, section, footer_text: str) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    paragraph = section.footer.paragraphs[0]
    # The template's Footer style has centre and right tabs for US Letter; ours fits A4.
    out.styles["Footer"].paragraph_format.tab_stops.clear_all()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    run = paragraph.add_run(footer_text)
    run.font.size, run.font.color.rgb = Pt(8.5), _rgb(MUTED)
    run = paragraph.add_run("\tPage ")
    run.font.size, run.font.color.rgb = Pt(8.5), _rgb(MUTED)
    _field(paragraph, "PAGE")
    run = paragraph.add_run(" of ")
    run.font.size, run.font.color.rgb = Pt(8.5), _rgb(MUTED)
    _field(paragraph, "NUMPAGES")


class _Writer:
    def __init__(self, out):
        self.out = out
        self.numbered_lists = 0
        self._style_ids: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        # python-docx looks a style up by scanning every style on each assignment; a long
        # document (or a 500-row table) would spend most of its time there.
        if name not in self._style_ids:
            self._style_ids[name] = self.out.styles[name].style_id
        return self._style_ids[name]

    def para(self, text: str = "", style: str = "Normal", container=None):
        paragraph = (container or self.out).add_paragraph(text)
        if style != "Normal":
            paragraph._p.style = self.style_id(style)
        return paragraph

    def runs(self, paragraph, spans: tuple[Span, ...]) -> None:
        for span in spans:
            run = paragraph.add_run(span.text)
            if span.bold:
                run.bold = True
            if span.italic:
                run.italic = True

    def block(self, block) -> None:
        out = self.out
        if isinstance(block, Heading):
            self.para(block.text, f"Heading {block.level}")
        elif isinstance(block, Paragraph):
            style = {"body": "Normal", "lead": "Lead", "note": "Note", "estimate": "Estimate",
                     "warning": "Warning"}[block.role]
            self.runs(self.para(style=style), block.content)
        elif isinstance(block, BulletList):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Quote):
            self.para(f"“{quote_body(block.text)}”", "Quote")
            if block.attribution:
                self.para(f"— {block.attribution}", "Attribution")
        elif isinstance(block, Figures):
            self.figures(block)
        elif isinstance(block, ChartSpec):
            self.chart(block)
        elif isinstance(block, PageBreak):
            out.add_page_break()
        else:
            raise TypeError(f"cannot render {type(block).__name__}")

    def bullets(self, block: BulletList) -> None:
        style = "List Number" if block.numbered else "List Bullet"
        num_id = self._restarted_numbering() if block.numbered and self.numbered_lists else None
        if block.numbered:
            self.numbered_lists += 1
        for item in block.items:
            paragraph = self.para(style=style)
            self.runs(paragraph, item)
            if num_id is not None:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id

    def _restarted_numbering(self) -> int:
        """A fresh numbering instance of the List Number definition, starting again at 1
        (otherwise Word continues counting from the previous numbered list)."""
        numbering = self.out.part.numbering_part.numbering_definitions._numbering
        style_num = self.out.styles["List Number"].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def table(self, block: Table) -> None:
        from svdesk.render.docx_tables import add_table

        add_table(self, block)
        if block.caption:
            self.para(block.caption, "Caption")

    def figures(self, block: Figures) -> None:
        from svdesk.render.docx_tables import add_figures

        add_figures(self, block)

    def chart(self, block: ChartSpec) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        from svdesk.render.chart_png import chart_png

        width_pt = TEXT_WIDTH_CM / 2.54 * 72
        png = chart_png(block, width_pt=width_pt, height_pt=230)
        paragraph = self.out.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = bool(block.caption)
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(TEXT_WIDTH_CM))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt_text(block))
        doc_pr.set("title", block.title or "Chart")
        if block.caption:
            self.para(block.caption, "Caption")
