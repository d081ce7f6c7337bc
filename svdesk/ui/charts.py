"""Charts behind a small adapter of ours: the rest of the UI hands over a plain ``ChartSpec``
(svdesk.domain.progress) and never touches QtCharts.

QtCharts is imported the first time a chart is actually drawn, not when this module is imported,
so opening a file (and every page without a chart) starts as fast as before.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget

from svdesk.domain.measures import format_number
from svdesk.domain.progress import ChartSpec

READINGS_COLOUR = QColor("#1f6fb2")
TARGET_COLOUR = QColor("#1b7f3b")
BASELINE_COLOUR = QColor("#6b6b6b")
LINE_COLOUR = QColor("#9a9a9a")


def _msecs(day: dt.date) -> float:
    return float(QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch())


def describe(spec: ChartSpec) -> str:
    """A short text alternative for screen readers."""
    if not spec.points:
        return f"{spec.title}: no readings yet."
    first, last = spec.points[0], spec.points[-1]
    parts = [f"{spec.title}: {len(spec.points)} readings ({spec.y_label}) from {first[0]:%b %Y} to {last[0]:%b %Y}, "
             f"latest {format_number(last[1])}"]
    if spec.baseline:
        parts.append(f"baseline {format_number(round(spec.baseline[1], 1))}")
    if spec.target:
        parts.append(f"target {format_number(round(spec.target[1], 1))} by {spec.target[0]:%b %Y}")
    return ", ".join(parts) + "."


class ProgressChart(QWidget):
    """Readings over time, with the baseline, the target and the straight line between them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Progress chart")
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._stack = QStackedLayout(self)
        self._empty = QLabel("No readings yet: the chart appears once you record the first one.")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._stack.addWidget(self._empty)
        self._view = None
        self._chart = None
        self.spec: ChartSpec | None = None

    @property
    def has_chart(self) -> bool:
        return self._view is not None

    def set_spec(self, spec: ChartSpec | None) -> None:
        self.spec = spec
        if spec is None or not spec.points:
            self._empty.setText("No readings yet: the chart appears once you record the first one.")
            self._stack.setCurrentWidget(self._empty)
            self.setAccessibleDescription(describe(spec) if spec else "")
            return
        if self._view is None:
            self._build()
        self._draw(spec)
        self._stack.setCurrentWidget(self._view)
        self.setAccessibleDescription(describe(spec))

    def _build(self) -> None:
        # lazily: QtCharts loads only once a chart is shown. The series and axes are made once and
        # refilled for each indicator, which keeps switching indicators quick.
        from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis

        chart = self._chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        chart.setBackgroundRoundness(0)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        chart.legend().setFont(small)

        self._line = QLineSeries()
        self._line.setName("Straight line to target")
        dashed = QPen(LINE_COLOUR, 1.5)
        dashed.setStyle(Qt.PenStyle.DashLine)
        self._line.setPen(dashed)
        self._readings = QLineSeries()
        self._readings.setName("Readings")
        self._readings.setPen(QPen(READINGS_COLOUR, 2.2))
        self._markers = {}
        for key, colour, shape in (("baseline", BASELINE_COLOUR, QScatterSeries.MarkerShape.MarkerShapeCircle),
                                   ("target", TARGET_COLOUR, QScatterSeries.MarkerShape.MarkerShapeRectangle)):
            dot = QScatterSeries()
            dot.setMarkerShape(shape)
            dot.setMarkerSize(11)
            dot.setColor(colour)
            dot.setBorderColor(colour)
            self._markers[key] = dot
        self._x = QDateTimeAxis()
        self._x.setFormat("MMM yyyy")
        self._y = QValueAxis()
        for axis in (self._x, self._y):
            axis.setLabelsFont(small)
            axis.setTitleFont(small)
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        for series in (self._line, self._readings, *self._markers.values()):
            chart.addSeries(series)
            series.attachAxis(self._x)
            series.attachAxis(self._y)
        self._view = QChartView(chart)
        self._view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._view.setAccessibleName("Progress chart")
        self._stack.addWidget(self._view)

    def _show_in_legend(self, series, shown: bool) -> None:
        for marker in self._chart.legend().markers(series):
            marker.setVisible(shown)

    def _draw(self, spec: ChartSpec) -> None:
        self._readings.replace([QPointF(_msecs(day), value) for day, value in spec.points])
        self._readings.setPointsVisible(len(spec.points) <= 60)
        self._line.replace([QPointF(_msecs(day), value) for day, value in spec.expected])
        self._show_in_legend(self._line, bool(spec.expected))
        for key, marker, label in (("baseline", spec.baseline, spec.baseline_label),
                                   ("target", spec.target, spec.target_label)):
            dot = self._markers[key]
            dot.replace([QPointF(_msecs(marker[0]), marker[1])] if marker else [])
            dot.setName(label)
            self._show_in_legend(dot, marker is not None)

        days = [day for day, _ in spec.points] + [m[0] for m in (spec.baseline, spec.target) if m]
        first, last = min(days), max(days)
        pad = max(20, (last - first).days // 30)
        self._x.setRange(QDateTime(first - dt.timedelta(days=pad), QTime(0, 0)),
                         QDateTime(last + dt.timedelta(days=pad), QTime(0, 0)))
        self._x.setTickCount(min(8, max(3, (last - first).days // 120 + 2)))
        self._y.setRange(spec.y_min, spec.y_max)
        self._y.setTitleText(spec.y_label)
        self._y.setLabelFormat("%.0f" if spec.y_max >= 10 else "%.1f")
        self._y.applyNiceNumbers()
