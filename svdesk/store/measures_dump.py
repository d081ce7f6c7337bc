"""The "measures" section of a dump: indicators, readings and valuations.

Values are decimal strings ("12", "1234.56") exactly as stored, so money keeps its pennies. Evidence
files travel in the attachments section with owner_table "readings"; ``owned_ids`` lets that
section check every file belongs to a reading that is in the dump.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from svdesk.domain.measures import COUNTINGS_FOR, Counting, Direction, Frequency, Scale, Unit, value_problem
from svdesk.store.measures_rows import INDICATOR_COLUMNS, READING_COLUMNS, VALUATION_COLUMNS
from svdesk.store.orgfile import OrgFile

SECTION = "measures"
_UNITS = [unit.value for unit in Unit]
_DIRECTIONS = [direction.value for direction in Direction]
_FREQUENCIES = [frequency.value for frequency in Frequency]
_PERCENT_FIELDS = ("deadweight", "displacement", "attribution", "drop_off")
_COUNTINGS = [counting.value for counting in Counting]


def _scale(item: dict, unit: Unit | None) -> Scale | None:
    """The scale a dumped score indicator's values must fit (0–10 when none is given)."""
    if unit is not Unit.SCORE:
        return None
    low, high = _decimal(item.get("scale_low")), _decimal(item.get("scale_high"))
    if low is None or high is None or high <= low:
        return None
    return Scale(item.get("scale_name") or "", low, high)


def dump_section(orgfile: OrgFile) -> dict:
    indicators = [
        # A file opened read-only before its upgrade lacks the newer columns: they are optional.
        {key: row[key] for key in INDICATOR_COLUMNS if key in row}
        for row in orgfile.query("SELECT * FROM indicators ORDER BY position, created_at, id")
    ]
    readings = [
        {key: row[key] for key in READING_COLUMNS}
        for row in orgfile.query("SELECT * FROM readings ORDER BY indicator_id, period_start, period_end, created_at, id")
    ]
    valuations = []
    for row in orgfile.query("SELECT * FROM indicator_valuations ORDER BY indicator_id"):
        item = {key: row[key] for key in VALUATION_COLUMNS}
        item["enabled"] = bool(item["enabled"])
        valuations.append(item)
    return {"indicators": indicators, "readings": readings, "valuations": valuations}


def owned_ids(data: dict) -> dict[str, set]:
    return {
        "indicators": {item["id"] for item in data.get("indicators", []) if isinstance(item, dict) and "id" in item},
        "readings": {item["id"] for item in data.get("readings", []) if isinstance(item, dict) and "id" in item},
    }


# -- validation ---------------------------------------------------------------------------------------
def _decimal(text) -> Decimal | None:
    if not isinstance(text, str):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _date(text) -> dt.date | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _text_fields(item: dict, where: str, required: tuple, optional: tuple, nullable: tuple) -> list[str]:
    problems = [f"{where}.{key}: a text value is required" for key in required if not isinstance(item.get(key), str)]
    problems += [f"{where}.{key}: must be text" for key in optional if key in item and not isinstance(item[key], str)]
    problems += [f"{where}.{key}: must be text or null" for key in nullable
                 if item.get(key) is not None and not isinstance(item[key], str)]
    return problems


def _validate_indicator(item, where: str) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: must be an object"]
    problems = _text_fields(item, where, ("id", "name", "unit", "created_at", "updated_at"),
                            ("outcome", "direction", "frequency", "how_collected", "collected_by", "who_benefits",
                             "contribution", "library_key", "counting", "scale_name", "unit_words"),
                            ("baseline_value", "baseline_date", "target_value", "target_date", "archived_at", "deleted_at",
                             "scale_low", "scale_high"))
    problems += [f"{where}.{key}: unknown field" for key in sorted(set(item) - set(INDICATOR_COLUMNS))]
    if isinstance(item.get("name"), str) and not item["name"].strip():
        problems.append(f"{where}.name: the indicator needs a name")
    for key, allowed in (("unit", _UNITS), ("direction", _DIRECTIONS), ("frequency", _FREQUENCIES)):
        if isinstance(item.get(key), str) and item[key] not in allowed:
            problems.append(f"{where}.{key}: '{item[key]}' is not one of {', '.join(allowed)}")
    if "position" in item and (not isinstance(item["position"], int) or isinstance(item["position"], bool)):
        problems.append(f"{where}.position: must be a whole number")
    unit = Unit(item["unit"]) if item.get("unit") in _UNITS else None
    if isinstance(item.get("counting"), str):
        if item["counting"] not in _COUNTINGS:
            problems.append(f"{where}.counting: '{item['counting']}' is not one of {', '.join(_COUNTINGS)}")
        elif unit and Counting(item["counting"]) not in COUNTINGS_FOR[unit]:
            problems.append(f"{where}.counting: '{item['counting']}' does not fit the unit '{unit.value}'")
    for key in ("scale_low", "scale_high"):
        if isinstance(item.get(key), str) and _decimal(item[key]) is None:
            problems.append(f"{where}.{key}: '{item[key]}' is not a number")
    if unit is Unit.SCORE and (item.get("scale_low") is None) != (item.get("scale_high") is None):
        problems.append(f"{where}: a scale needs both scale_low and scale_high")
    elif unit is Unit.SCORE and item.get("scale_low") is not None and _scale(item, unit) is None:
        problems.append(f"{where}.scale_high: must be above scale_low")
    scale = _scale(item, unit)
    for key in ("baseline_value", "target_value"):
        if isinstance(item.get(key), str):
            value = _decimal(item[key])
            if value is None:
                problems.append(f"{where}.{key}: '{item[key]}' is not a number")
            elif unit and value_problem(unit, value, scale):
                problems.append(f"{where}.{key}: {value_problem(unit, value, scale)}")
    for key in ("baseline_date", "target_date"):
        if isinstance(item.get(key), str) and _date(item[key]) is None:
            problems.append(f"{where}.{key}: '{item[key]}' is not a date like 2026-03-31")
    return problems


def _validate_reading(item, where: str, units: dict) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: must be an object"]
    problems = _text_fields(item, where, ("id", "indicator_id", "period_start", "period_end", "value", "created_at",
                                          "updated_at"), ("note", "recorded_by", "source"), ("deleted_at",))
    problems += [f"{where}.{key}: unknown field" for key in sorted(set(item) - set(READING_COLUMNS))]
    if isinstance(item.get("indicator_id"), str) and item["indicator_id"] not in units:
        problems.append(f"{where}.indicator_id: refers to an indicator that is not in the dump")
    start, end = _date(item.get("period_start")), _date(item.get("period_end"))
    for key, value in (("period_start", start), ("period_end", end)):
        if isinstance(item.get(key), str) and value is None:
            problems.append(f"{where}.{key}: '{item[key]}' is not a date like 2026-03-31")
    if start and end and end < start:
        problems.append(f"{where}: the period ends before it starts")
    if isinstance(item.get("value"), str):
        value = _decimal(item["value"])
        unit, scale = units.get(item.get("indicator_id")) or (None, None)
        if value is None:
            problems.append(f"{where}.value: '{item['value']}' is not a number")
        elif unit and value_problem(unit, value, scale):
            problems.append(f"{where}.value: {value_problem(unit, value, scale)}")
    return problems


def _validate_valuation(item, where: str, units: dict) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: must be an object"]
    problems = _text_fields(item, where, ("id", "indicator_id", "created_at", "updated_at"),
                            ("proxy_description", "source"), ("proxy_value",))
    problems += [f"{where}.{key}: unknown field" for key in sorted(set(item) - set(VALUATION_COLUMNS))]
    if not isinstance(item.get("enabled", False), bool):
        problems.append(f"{where}.enabled: must be true or false")
    if isinstance(item.get("indicator_id"), str) and item["indicator_id"] not in units:
        problems.append(f"{where}.indicator_id: refers to an indicator that is not in the dump")
    for key in ("price_year", "benefit_years"):
        if item.get(key) is not None and (not isinstance(item[key], int) or isinstance(item[key], bool)):
            problems.append(f"{where}.{key}: must be a whole number")
    for key in (*_PERCENT_FIELDS, "discount_rate", "proxy_value"):
        if isinstance(item.get(key), str) and _decimal(item[key]) is None:
            problems.append(f"{where}.{key}: '{item[key]}' is not a number")
    for key in _PERCENT_FIELDS:
        value = _decimal(item.get(key)) if key in item else Decimal(0)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            problems.append(f"{where}.{key}: must be between 0 and 100")
    return problems


def validate_section(data, whole: dict) -> list[str]:
    if not isinstance(data, dict) or not all(isinstance(data.get(key, []), list)
                                             for key in ("indicators", "readings", "valuations")):
        return ["measures: must be an object with 'indicators', 'readings' and 'valuations' lists"]
    problems = [f"measures.{key}: unknown field" for key in sorted(set(data) - {"indicators", "readings", "valuations"})]
    units: dict[str, tuple[Unit | None, Scale | None]] = {}
    for index, item in enumerate(data.get("indicators", [])):
        where = f"measures.indicators[{index}]"
        problems += _validate_indicator(item, where)
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            if item["id"] in units:
                problems.append(f"{where}.id: the same id is used twice")
            unit = Unit(item["unit"]) if item.get("unit") in _UNITS else None
            units[item["id"]] = (unit, _scale(item, unit))
    seen_ids, live_periods = set(), {}
    for index, item in enumerate(data.get("readings", [])):
        where = f"measures.readings[{index}]"
        problems += _validate_reading(item, where, units)
        if not isinstance(item, dict):
            continue
        if item.get("id") in seen_ids:
            problems.append(f"{where}.id: the same id is used twice")
        seen_ids.add(item.get("id"))
        if item.get("deleted_at") is None:
            period = (item.get("indicator_id"), item.get("period_start"), item.get("period_end"))
            if period in live_periods:
                problems.append(f"{where}: the same period as measures.readings[{live_periods[period]}]")
            live_periods.setdefault(period, index)
    valued = set()
    for index, item in enumerate(data.get("valuations", [])):
        where = f"measures.valuations[{index}]"
        problems += _validate_valuation(item, where, units)
        if isinstance(item, dict):
            if item.get("indicator_id") in valued:
                problems.append(f"{where}.indicator_id: an indicator can have only one valuation")
            valued.add(item.get("indicator_id"))
    return problems


def load_section(orgfile: OrgFile, data: dict) -> None:
    for item in data.get("indicators", []):
        row = {key: item.get(key) for key in INDICATOR_COLUMNS if key in item}
        # A dump from before counting rules: each unit counts as the upgrade of an old file says.
        row.setdefault("counting", COUNTINGS_FOR[Unit(item["unit"])][0].value)
        if item["unit"] == "score" and row.get("scale_low") is None:
            row.update(scale_name=row.get("scale_name") or "score", scale_low="0", scale_high="10")
        orgfile.db["indicators"].insert(row)
    for item in data.get("readings", []):
        orgfile.db["readings"].insert({key: item.get(key) for key in READING_COLUMNS if key in item})
    for item in data.get("valuations", []):
        row = {key: item.get(key) for key in VALUATION_COLUMNS if key in item}
        row["enabled"] = 1 if row.get("enabled") else 0
        orgfile.db["indicator_valuations"].insert(row)
