"""Small generators of hostile spreadsheets: .xlsx files written part by part (so they can lie
about their size, carry DTDs or unpack to hundreds of megabytes) and CSV files as raw bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Readings" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Period</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Value</t></is></c><c r="C1" t="inlineStr"><is><t>Note</t></is></c></row>')


def sheet_xml(rows: str, dimension: str = "A1:C3", prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
            f'<worksheet {_MAIN}><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>')


def shared_strings_xml(strings: list[str], prolog: str = "") -> str:
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
            f'<sst {_MAIN} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')


def reading_row(number: int, period: str, value: str, value_type: str = "n") -> str:
    """A row: an inline-text period and a value given as it would stand in the XML."""
    cell = (f'<c r="B{number}" t="inlineStr"><is><t>{value}</t></is></c>' if value_type == "text"
            else f'<c r="B{number}"><v>{value}</v></c>')
    return f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{period}</t></is></c>{cell}</row>'


def write_xlsx(path: Path, sheet: str | bytes, shared: str | bytes | None = None,
               replace: dict[str, str | bytes] | None = None) -> Path:
    """An .xlsx written part by part; ``replace`` swaps any standard part for hostile content."""
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS, "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared if shared is not None else shared_strings_xml([]),
    }
    parts.update(replace or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def shared_string_bomb(path: Path, megabytes: int = 300) -> Path:
    """A workbook whose one shared string unpacks to ``megabytes`` MB (the file is about 1/1000 of
    that), streamed into the zip so the test itself never holds it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                              ("xl/workbook.xml", _WORKBOOK), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)):
            archive.writestr(name, content)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml(
            HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>Apr 2025</t></is></c><c r="B2"><v>1</v></c>'
            '<c r="C2" t="s"><v>0</v></c></row>'))
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            stream.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<sst {_MAIN} count="1" uniqueCount="1"><si><t>'
                         .encode())
            block = b"A" * (1024 * 1024)
            for _ in range(megabytes):
                stream.write(block)
            stream.write(b"</t></si></sst>")
    return path


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)
EXTERNAL_ENTITY = '<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
XLSX_KINDS = [
    "dimension claims A1:XFD1048576, one far row", "a value in column XFD", "400 rows padded out to column XFD",
    "a cell of 40,000 characters", "billion laughs in the sheet", "external entity in the shared strings",
    "DTD in the content types", "sheet XML in UTF-16", "broken XML", "a number that is not a number (NaN)",
    "no workbook part", "not a zip at all", "an empty file", "a zip cut short",
    "shared strings that unpack 1000-fold (60 MB)",
]


def hostile_xlsx_files(folder: Path) -> dict[str, Path]:
    """Every kind of hostile workbook that must be refused as a whole, by name."""
    good_rows = HEADER_ROW + reading_row(2, "Apr 2025", "12")
    far_right = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Apr 2025</t></is></c>'
                        f'<c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 402))
    files = {
        "dimension claims A1:XFD1048576, one far row": write_xlsx(
            folder / "dimension.xlsx", sheet_xml(good_rows + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
                                                 "A1:XFD1048576")),
        "a value in column XFD": write_xlsx(
            folder / "wide.xlsx", sheet_xml(HEADER_ROW + '<row r="2"><c r="XFD2"><v>1</v></c></row>')),
        "400 rows padded out to column XFD": write_xlsx(folder / "padded.xlsx", sheet_xml(HEADER_ROW + far_right)),
        "a cell of 40,000 characters": write_xlsx(
            folder / "long-cell.xlsx", sheet_xml(HEADER_ROW + reading_row(2, "Apr 2025", "x" * 40_000, "text"))),
        "billion laughs in the sheet": write_xlsx(folder / "laughs.xlsx", sheet_xml(
            HEADER_ROW + reading_row(2, "Apr 2025", "&lol9;", "text"), prolog=BILLION_LAUGHS)),
        "external entity in the shared strings": write_xlsx(
            folder / "xxe.xlsx", sheet_xml(good_rows), shared_strings_xml(["&secret;"], prolog=EXTERNAL_ENTITY)),
        "DTD in the content types": write_xlsx(folder / "dtd-types.xlsx", sheet_xml(good_rows), replace={
            "[Content_Types].xml": _CONTENT_TYPES.replace("?>\n", '?>\n<!DOCTYPE Types SYSTEM "http://x/t.dtd">')}),
        "sheet XML in UTF-16": write_xlsx(
            folder / "utf16.xlsx", sheet_xml(good_rows).replace("UTF-8", "UTF-16").encode("utf-16")),
        "broken XML": write_xlsx(folder / "broken.xlsx", sheet_xml(good_rows)[:-40]),
        "a number that is not a number (NaN)": write_xlsx(
            folder / "nan.xlsx", sheet_xml(HEADER_ROW + reading_row(2, "Apr 2025", "NaN"))),
        "no workbook part": write_xlsx(folder / "no-workbook.xlsx", sheet_xml(good_rows), replace={
            "xl/workbook.xml": "<nothing/>"}),
        "not a zip at all": _write(folder / "text.xlsx", b"Period,Value\nApr 2025,12\n"),
        "an empty file": _write(folder / "empty.xlsx", b""),
        "a zip cut short": _write(folder / "cut.xlsx", (write_xlsx(folder / "whole.xlsx", sheet_xml(good_rows))
                                                        .read_bytes()[:700])),
        "shared strings that unpack 1000-fold (60 MB)": shared_string_bomb(folder / "bomb-60.xlsx", 60),
    }
    return files


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
