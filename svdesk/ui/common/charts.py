"""The window's charts, painted with QPainter from ``svdesk.render.chartlayout`` — the same
layout the PDF and Word charts use — so a chart looks the same on screen and on paper (and the
window needs no chart library).

The layout works in points; the widget lays the chart out at its own size in points and paints
each shape at 96/72 pixels a point, measuring text with the font it paints with. The chart's
text alternative (the one the documents carry) is the widget's accessible description and
tooltip; the figures themselves are in the table beside it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget

from svdesk.domain.progress import ChartSpec as ProgressSpec

PIXELS_PER_POINT = 96 / 72
FONT_FAMILY = "DejaVu Sans"  # the documents' font, so labels fit as they do on paper
TOOLTIP_MOST = 500
EMPTY = "No readings yet: the chart appears once you record the first one."


class ChartCanvas(QWidget):
    """Paints one document ``ChartSpec`` (svdesk.document.model) at the widget's size."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart = None
        self._fonts: dict[tuple[int, bool], tuple[QFont, QFontMetricsF]] = {}
        self._widths: dict[tuple[str, float, bool], float] = {}
        self._scene = None
        self._scene_size = None
        # The chart as painted, kept: a page shown again repaints it by copying the picture
        # (painting 20 years of monthly readings shape by shape took about 80 ms a time).
        self._picture: QPixmap | None = None
        self._picture_key = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_chart(self, chart) -> None:
        self.chart = chart
        self._scene = None
        self._picture = None
        self._widths.clear()
        self.update()

    def scene(self):
        """The layout for the current size (made again only when the size or chart changes)."""
        from svdesk.render.chartlayout import layout_chart

        size = (self.width(), self.height())
        if self.chart is not None and (self._scene is None or self._scene_size != size):
            self._scene = layout_chart(self.chart, size[0] / PIXELS_PER_POINT, size[1] / PIXELS_PER_POINT,
                                       self.measure)
            self._scene_size = size
        return self._scene

    def _font(self, size: float, bold: bool) -> tuple[QFont, QFontMetricsF]:
        key = (max(1, round(size * PIXELS_PER_POINT)), bold)
        if key not in self._fonts:
            font = QFont(FONT_FAMILY)
            font.setPixelSize(key[0])
            font.setBold(bold)
            self._fonts[key] = (font, QFontMetricsF(font))
        return self._fonts[key]

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        key = (text, size, bold)
        if key not in self._widths:  # the layout measures the same labels again and again
            self._widths[key] = self._font(size, bold)[1].horizontalAdvance(text) / PIXELS_PER_POINT
        return self._widths[key]

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio)
        if self._picture is None or self._picture_key != key:
            picture = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
            picture.setDevicePixelRatio(ratio)
            self._paint(QPainter(picture))
            self._picture, self._picture_key = picture, key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

    def _paint(self, painter: QPainter) -> None:
        from svdesk.render.chartlayout import Circle, Line, PolyLine, Rect, Text

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, self.width(), self.height()), QColor("#FFFFFF"))
        scene = self.scene()
        if scene is None:
            painter.end()
            return
        k = PIXELS_PER_POINT
        height = scene.height

        def pt(x: float, y: float) -> QPointF:
            return QPointF(x * k, (height - y) * k)

        for item in scene.items:
            if isinstance(item, Rect):
                box = QRectF(pt(item.x, item.y + item.h), pt(item.x + item.w, item.y))
                if item.fill:
                    painter.fillRect(box, QColor(item.fill))
                if item.stroke and item.stroke_width:
                    painter.setPen(QPen(QColor(item.stroke), item.stroke_width * k))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(box)
            elif isinstance(item, Line):
                pen = QPen(QColor(item.colour), item.width * k)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                if item.dash:
                    pen.setDashPattern([item.dash[0] / item.width, item.dash[1] / item.width])
                painter.setPen(pen)
                painter.drawLine(pt(item.x1, item.y1), pt(item.x2, item.y2))
            elif isinstance(item, PolyLine):
                painter.setPen(QPen(QColor(item.colour), item.width * k))  # bevel joins: a long line draws fast
                painter.drawPolyline([pt(x, y) for x, y in item.points])
            elif isinstance(item, Circle):
                painter.setPen(QPen(QColor(item.stroke), item.stroke_width * k))
                painter.setBrush(QColor(item.fill))
                painter.drawEllipse(pt(item.cx, item.cy), item.r * k, item.r * k)
            elif isinstance(item, Text):
                font, metrics = self._font(item.size, item.bold)
                painter.setFont(font)
                painter.setPen(QColor(item.colour))
                width = metrics.horizontalAdvance(item.text)
                shift = {"start": 0.0, "middle": width / 2, "end": width}[item.anchor]
                anchor = pt(item.x, item.y)
                painter.drawText(QPointF(anchor.x() - shift, anchor.y()), item.text)
        painter.end()


class ProgressChart(QWidget):
    """An indicator's readings over time, with its baseline and target: a sentence when there is
    nothing to draw yet."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Progress chart")
        # Low enough that the figures below keep their room at 1024x640 (a smaller chart is
        # laid out afresh, never squeezed under its neighbours).
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._stack = QStackedLayout(self)
        self._empty = QLabel(EMPTY)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._stack.addWidget(self._empty)
        self.canvas = ChartCanvas()
        self.canvas.setAccessibleName("Progress chart")
        self._stack.addWidget(self.canvas)
        self.spec: ProgressSpec | None = None

    @property
    def has_chart(self) -> bool:
        return self._stack.currentWidget() is self.canvas

    def set_spec(self, spec: ProgressSpec | None) -> None:
        from svdesk.compose.progress_chart import progress_chart
        from svdesk.document.chartdata import alt_text

        self.spec = spec
        chart = progress_chart(spec) if spec is not None else None
        if spec is None or not spec.points:
            self.canvas.set_chart(None)
            self._stack.setCurrentWidget(self._empty)
            description = f"{spec.title}: no readings yet." if spec is not None else ""
        else:
            # The page names the indicator just above: on screen the chart's height goes to the plot.
            self.canvas.set_chart(replace(chart, title=""))
            self._stack.setCurrentWidget(self.canvas)
            description = alt_text(chart)
        self.setAccessibleDescription(description)
        self.canvas.setAccessibleDescription(description)
        tip = description if len(description) <= TOOLTIP_MOST else (
            description[:TOOLTIP_MOST].rsplit(" ", 1)[0] + " … (every reading is in the Readings tab)")
        self.setToolTip(tip)
