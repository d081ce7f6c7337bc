"""A ChartSpec as a reportlab Drawing (vector graphics in the PDF), from the shared layout."""

from __future__ import annotations

from svdesk.document.model import ChartSpec
from svdesk.render.chartlayout import Circle, Line, PolyLine, Rect, Text, layout_chart
from svdesk.render.fonts import font_name, pdf_measure, register_pdf_fonts


def chart_drawing(spec: ChartSpec, width: float, height: float = 220.0, line_labels: bool = True):
    from reportlab.graphics.shapes import Circle as RCircle
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.graphics.shapes import Line as RLine
    from reportlab.graphics.shapes import PolyLine as RPolyLine
    from reportlab.graphics.shapes import Rect as RRect
    from reportlab.lib.colors import HexColor

    register_pdf_fonts()
    scene = layout_chart(spec, width, height, pdf_measure, line_labels)
    drawing = Drawing(width, height)
    colours: dict[str, object] = {}

    def colour(value):
        if value is None:
            return None
        if value not in colours:
            colours[value] = HexColor(value)
        return colours[value]

    for item in scene.items:
        if isinstance(item, Rect):
            drawing.add(RRect(item.x, item.y, item.w, item.h, fillColor=colour(item.fill),
                              strokeColor=colour(item.stroke), strokeWidth=item.stroke_width))
        elif isinstance(item, Line):
            drawing.add(RLine(item.x1, item.y1, item.x2, item.y2, strokeColor=colour(item.colour),
                              strokeWidth=item.width, strokeDashArray=list(item.dash) if item.dash else None))
        elif isinstance(item, PolyLine):
            flat = [c for point in item.points for c in point]
            drawing.add(RPolyLine(flat, strokeColor=colour(item.colour), strokeWidth=item.width,
                                  strokeLineJoin=1, strokeLineCap=1))
        elif isinstance(item, Circle):
            drawing.add(RCircle(item.cx, item.cy, item.r, fillColor=colour(item.fill),
                                strokeColor=colour(item.stroke), strokeWidth=item.stroke_width))
        elif isinstance(item, Text):
            drawing.add(String(item.x, item.y, item.text, fontName=font_name(item.bold),
                               fontSize=item.size, fillColor=colour(item.colour), textAnchor=item.anchor))
    return drawing
