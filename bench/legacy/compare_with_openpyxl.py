#!/usr/bin/python3
"""Compares the cells trackport reads from workbooks with what openpyxl reads, cell by cell.

    /usr/bin/python3 bench/legacy/compare_with_openpyxl.py build/trackport DIR [--report FILE]

For an .xlsx or .xlsm, openpyxl reads the file itself (data_only: a formula's cached result).
openpyxl does not read .xls: an .xls is first converted to .xlsx by LibreOffice (soffice, in a
private profile), which keeps every cell's value and formula result, so the reference for an
.xls is LibreOffice's reading of it, seen through openpyxl.

trackport's side is `trackport tables FILE -o out.json`: every visible cell's shown text with its
A1 address. Hidden sheets, rows and columns, which trackport skips with a warning, are skipped on
openpyxl's side too. A cell matches when the text trackport shows is the value openpyxl gives:
  - strings: equal once runs of white space are one space (trackport trims and cleans text);
  - booleans: TRUE / FALSE;
  - numbers: the number shown (thousands separators, a %, a currency sign, an exponent or a
    fraction read back) equals the value to the precision shown;
  - dates and times: the date shown (dd/mm/yyyy, yyyy-mm-dd, d-mmm-yy, mmm-yy, d mmmm yyyy and
    the like, read day first) is the value's date; a time shown is its time to the minute.
Everything else is a difference, listed with its cell. Exit status 0 when every file was read.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
from fractions import Fraction

import openpyxl
from openpyxl.utils import get_column_letter

MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})


def trackport_cells(trackport, path, tmp):
    out = os.path.join(tmp, "tables.json")
    run = subprocess.run([trackport, "tables", path, "-o", out], capture_output=True, text=True)
    if run.returncode != 0:
        return None, run.stderr.strip()
    with open(out, encoding="utf-8") as f:
        tables = json.load(f)
    cells = {}
    for table in tables["tables"]:
        for cell in table["cells"]:
            if "cell" in cell:
                cells[(table.get("sheet", ""), cell["cell"])] = cell["text"]
        # A one-line heading above a table is the table's heading, not a cell: its text is
        # looked up by content instead.
        for heading in table.get("headings", []):
            cells.setdefault((table.get("sheet", ""), "heading"), set()).add(heading)
    return cells, ""


def reference_workbook(path, tmp):
    if path.lower().endswith(".xls"):
        subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp + "/profile", "--headless",
                        "--convert-to", "xlsx", "--outdir", tmp, path],
                       capture_output=True, timeout=300)
        converted = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".xlsx")
        if not os.path.exists(converted):
            return None
        path = converted
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception:  # openpyxl itself cannot read some real-world files
        return None


def hidden_columns(sheet):
    hidden = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden or (dimension.width == 0 and dimension.customWidth):
            for column in range(dimension.min or 1, (dimension.max or dimension.min or 1) + 1):
                hidden.add(column)
    return hidden


def normalise(text):
    return re.sub(r"\s+", " ", str(text).replace("\u2022 ", "")).strip()


def shown_number(text):
    """The number a shown text stands for, or None."""
    t = text.strip().replace(",", "").replace("\u00a3", "").replace("$", "").replace("\u20ac", "")
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()").strip()
    scale = 1.0
    if t.endswith("%"):
        t, scale = t[:-1], 0.01
    match = re.fullmatch(r"(-?)(?:(\d+) )?(\d+)/(\d+)", t)
    if match:
        value = Fraction(int(match.group(3)), int(match.group(4))) + int(match.group(2) or 0)
        return (-1 if match.group(1) or negative else 1) * float(value), 1e-2
    try:
        value = float(t)
    except ValueError:
        return None
    decimals = len(t.split("E")[0].split("e")[0].partition(".")[2])
    mantissa = t.split("E")[0].split("e")[0]
    exponent = int(t.split("E")[1]) if "E" in t else 0
    del mantissa
    precision = 0.5 * 10 ** (-decimals) * 10 ** exponent * scale
    return (-value if negative else value) * scale, precision


def shown_date(text):
    """(year, month, day) or None, day first; (None, month, year) for month-year forms."""
    t = text.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})", t)
    if m:
        year = int(m.group(3))
        year += 2000 if year < 30 else 1900 if year < 100 else 0
        return year, int(m.group(2)), int(m.group(1))
    m = re.match(r"(?:\w+, )?(\d{1,2})[ -]([A-Za-z]+)[ -](\d{2,4})", t)
    if m and m.group(2).lower()[:3] in MONTHS:
        year = int(m.group(3))
        year += 2000 if year < 30 else 1900 if year < 100 else 0
        return year, MONTHS[m.group(2).lower()[:3]], int(m.group(1))
    m = re.match(r"([A-Za-z]+)[ -](\d{2,4})$", t)
    if m and m.group(1).lower()[:3] in MONTHS:
        year = int(m.group(2))
        year += 2000 if year < 30 else 1900 if year < 100 else 0
        return year, MONTHS[m.group(1).lower()[:3]], None
    return None


def shown_time(text):
    m = re.search(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?", text)
    if not m:
        return None
    hour = int(m.group(1))
    if m.group(4):
        hour = hour % 12 + (12 if m.group(4).lower() == "pm" else 0)
    return hour, int(m.group(2))


def matches(value, text):
    if isinstance(value, bool):
        return text == ("TRUE" if value else "FALSE")
    if isinstance(value, (int, float)):
        if text in ("TRUE", "FALSE") and value in (0, 1):
            return (text == "TRUE") == (value == 1)  # a boolean LibreOffice wrote as a number
        shown = shown_number(text)
        if shown is not None:
            number, precision = shown
            if abs(number - value) <= precision + 1e-9 * abs(value):
                return True
        if value == 0 and text.strip() in ("-", ""):
            return True  # an accounting format's zero section
        # A format with literal text around the number ("@ 100", "100 units", "(1,234)"): the
        # number in it, its sign given by the section.
        for token in re.findall(r"\d[\d,]*(?:\.\d+)?(?:E[+-]?\d+)?", text):
            found = shown_number(token)
            if found and abs(found[0] - abs(value)) <= found[1] + 1e-9 * abs(value):
                return True
        return False
    if isinstance(value, (datetime.datetime, datetime.date)):
        date = shown_date(text)
        if date:
            year, month, day = date
            if (year, month) != (value.year, value.month) or (day is not None and day != value.day):
                return False
            if isinstance(value, datetime.datetime) and (value.hour or value.minute):
                time = shown_time(text[10:] if len(text) > 10 else "")
                return time is None or time == (value.hour, value.minute)
            return True
        time = shown_time(text)
        if time and isinstance(value, datetime.datetime):
            # A time format shows a date-time's time only: h:mm, or mm:ss.
            return (value.year <= 1900 or time == (value.hour, value.minute) or
                    time == (value.minute, value.second))
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})", text.strip())  # m/d or d/m: no year shown
        if m:
            pair = (int(m.group(1)), int(m.group(2)))
            return pair in ((value.month, value.day), (value.day, value.month))
        m = re.fullmatch(r"(\d{1,2})[ -/]([A-Za-z]+)", text.strip())  # d-mmm: no year shown
        if m and m.group(2).lower()[:3] in MONTHS:
            return (int(m.group(1)), MONTHS[m.group(2).lower()[:3]]) == (value.day, value.month)
        return False
    if isinstance(value, datetime.time):
        return shown_time(text) == (value.hour, value.minute)
    if isinstance(value, datetime.timedelta):
        return shown_time(text) is not None
    return normalise(value) == normalise(text)


def compare(trackport, path, tmp):
    result = {"file": path, "cells": 0, "matched": 0, "differences": [], "error": ""}
    cells, error = trackport_cells(trackport, path, tmp)
    if cells is None:
        result["error"] = error
        return result
    workbook = reference_workbook(path, tmp)
    if workbook is None:
        result["error"] = "no reference: openpyxl (or LibreOffice for it) could not read it"
        return result
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        headings = cells.get((sheet.title, "heading"), set())
        columns = hidden_columns(sheet)
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                if cell.column in columns or sheet.row_dimensions[cell.row].hidden:
                    continue
                address = get_column_letter(cell.column) + str(cell.row)
                text = cells.get((sheet.title, address))
                result["cells"] += 1
                if text is None and normalise(value) in {normalise(h) for h in headings}:
                    result["matched"] += 1  # a title: the table's heading
                elif text is not None and matches(value, text):
                    result["matched"] += 1
                else:
                    result["differences"].append(
                        f"{sheet.title}!{address}: openpyxl {value!r}, trackport {text!r}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trackport")
    parser.add_argument("folder")
    parser.add_argument("--report", help="write the Markdown table here")
    parser.add_argument("--show", type=int, default=5, help="differences listed per file")
    args = parser.parse_args()
    files = sorted(os.path.join(args.folder, f) for f in os.listdir(args.folder)
                   if f.lower().endswith((".xls", ".xlsx", ".xlsm")))
    rows, failed = [], 0
    total_cells = total_matched = 0
    for path in files:
        with tempfile.TemporaryDirectory() as tmp:
            result = compare(os.path.abspath(args.trackport), path, tmp)
        name = os.path.basename(path)
        if result["error"]:
            # An encrypted workbook is refused on purpose; anything else is a failure.
            refused = "password" in result["error"] or "encrypted" in result["error"]
            no_reference = result["error"].startswith("no reference")
            failed += 0 if refused or no_reference else 1
            state = "refused" if refused else "read (no reference)" if no_reference else "FAILED"
            rows.append(f"| {name} | {state}: {result['error']} | | |")
            print(f"{name}: {result['error']}")
            continue
        total_cells += result["cells"]
        total_matched += result["matched"]
        rows.append(f"| {name} | {result['cells']} | {result['matched']} | "
                    f"{len(result['differences'])} |")
        print(f"{name}: {result['matched']}/{result['cells']} cells match")
        for line in result["differences"][:args.show]:
            print("    " + line)
    summary = (f"{len(files)} workbooks, {failed} failed; {total_matched} of {total_cells} "
               f"cells match ({100.0 * total_matched / max(total_cells, 1):.2f}%)")
    print(summary)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("| workbook | cells | match | differ |\n|---|---|---|---|\n")
            f.write("\n".join(rows) + "\n\n" + summary + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
