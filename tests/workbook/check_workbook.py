#!/usr/bin/env python3
"""Checks the standard workbook of the repository's samples as another reader sees it (openpyxl).

    python3 tests/workbook/check_workbook.py TRACKPORT_BINARY REPO_ROOT

Converts samples/ into one workbook, then checks with openpyxl, independently of libxlsxwriter and
of trackport's own reader: the sheets and their order; that every sheet is one Excel Table named
after it over its header and rows, whose column names are the header cells (distinct, regardless
of case) and whose filter is the sheet's; the frozen panes; the print set-up; the cell types
(dates, numbers, booleans); the links from each item to its Sources row; the Summary's total row
and its chart. Exits 0 when all hold, 1 with a line per failure otherwise, 77 (skipped) when
openpyxl is missing.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import openpyxl
except ImportError:
    # A Python of its own (pyenv, a venv) does not see Debian's python3-openpyxl, which is pure
    # Python: look where Debian puts it.
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import openpyxl
    except ImportError:  # pragma: no cover
        print("check_workbook.py: needs openpyxl (apt install python3-openpyxl): skipped")
        sys.exit(77)
from openpyxl.utils import get_column_letter

SKIP = 77
CHARTED_SOURCES = 30  # src/exporters/workbook/sheets.hpp kChartedSources
RATINGS = ["Red", "Amber/Red", "Amber", "Amber/Green", "Green", "Blue", "None"]

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def header_row(sheet) -> list:
    return [cell.value for cell in next(sheet.iter_rows(min_row=1, max_row=1))]


def column_of(sheet, header: str) -> int:
    return header_row(sheet).index(header) + 1


def total_row(sheet) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == "Total":
            return row
    return sheet.max_row


def check_table(sheet) -> None:
    name = sheet.title
    check(list(sheet.tables.keys()) == [name], f"{name}: one table named {name}: {list(sheet.tables)}")
    if name not in sheet.tables:
        return
    table = sheet.tables[name]
    last_row = total_row(sheet) if name == "Summary" else sheet.max_row  # the chart's data below
    last = f"{get_column_letter(sheet.max_column)}{max(last_row, 2)}"
    check(table.ref == f"A1:{last}", f"{name}: the table covers A1:{last}, not {table.ref}")
    check(table.tableStyleInfo.name == "TableStyleMedium2", f"{name}: style {table.tableStyleInfo.name}")
    names = [column.name for column in table.tableColumns]
    check(names == header_row(sheet), f"{name}: the table's column names are the header cells")
    check(len({n.casefold() for n in names}) == len(names), f"{name}: column names alike: {names}")
    check(not sheet.auto_filter.ref, f"{name}: a worksheet autofilter beside the table's")
    if table.totalsRowCount:
        filtered = table.autoFilter.ref
        check(filtered == f"A1:{get_column_letter(sheet.max_column)}{last_row - 1}",
              f"{name}: the filter stops above the total row: {filtered}")


def check_layout(sheet) -> None:
    name = sheet.title
    expected_pane = "C2" if name == "Items" else "A2"  # Theme and Ref stay in view on Items
    check(sheet.freeze_panes == expected_pane, f"{name}: frozen at {sheet.freeze_panes}")
    setup = sheet.page_setup
    check(setup.orientation == "landscape", f"{name}: printed {setup.orientation}")
    check(str(setup.paperSize) == "9", f"{name}: paper {setup.paperSize} (A4 is 9)")
    check(bool(sheet.sheet_properties.pageSetUpPr.fitToPage), f"{name}: not fitted to the page")
    check(setup.fitToWidth in (None, 1) and setup.fitToHeight == 0,
          f"{name}: fitted {setup.fitToWidth} wide, {setup.fitToHeight} tall (want 1 wide)")
    check(sheet.print_title_rows == "$1:$1", f"{name}: header row repeated: {sheet.print_title_rows}")
    check(sheet.oddFooter.center.text == "Page &P of &N", f"{name}: footer {sheet.oddFooter.center.text}")
    if name == "Items":
        # What people read (Theme .. Progress) is printed, not all the columns at 15%.
        last = get_column_letter(column_of(sheet, "Progress"))
        areas = sheet.print_area if isinstance(sheet.print_area, list) else [sheet.print_area]
        check(areas == [f"$A$1:${last}${sheet.max_row}"], f"Items: print area {areas}")


def check_extra_numbers(extra) -> None:
    # The samples' extra values include numbers as printed ("21.2"): number cells whose format
    # prints them so, beside text values that stay text.
    column = column_of(extra, "Value")
    numbers = texts = 0
    for row in range(2, extra.max_row + 1):
        cell = extra.cell(row, column)
        if cell.data_type == "n" and cell.value is not None:
            numbers += 1
            check(cell.number_format != "General" and not cell.is_date,
                  f"Extra {cell.coordinate}: number {cell.value!r} in format {cell.number_format}")
        elif cell.data_type == "s":
            texts += 1
    check(numbers > 0 and texts > 0, f"Extra: {numbers} numbers and {texts} texts")


def check_items(items, sources) -> None:
    source_column = column_of(items, "Source")
    files = {row: sources.cell(row, 1).value for row in range(2, sources.max_row + 1)}
    linked = 0
    for row in range(2, items.max_row + 1):
        cell = items.cell(row, source_column)
        link = cell.hyperlink
        check(link is not None, f"Items {cell.coordinate}: no link")
        if link is None:
            continue
        match = re.fullmatch(r"Sources!A(\d+)", link.location or "")
        check(match is not None, f"Items {cell.coordinate}: links to {link.location}")
        if match:
            check(files.get(int(match.group(1))) == cell.value,
                  f"Items {cell.coordinate}: links to the row of another source")
            linked += 1
    check(linked == items.max_row - 1, f"Items: {linked} links for {items.max_row - 1} items")
    dates = 0
    for header in ("Due start", "Due end"):
        column = column_of(items, header)
        for row in range(2, items.max_row + 1):
            cell = items.cell(row, column)
            if cell.value is None:
                continue
            dates += 1
            check(cell.is_date and isinstance(cell.value, datetime.datetime),
                  f"Items {cell.coordinate}: {cell.value!r} is not a date")
            check(cell.number_format == "yyyy-mm-dd", f"Items {cell.coordinate}: {cell.number_format}")
    check(dates > 0, "Items: no Due start or Due end date in the samples")
    check(items.cell(1, column_of(items, "Text")).value == "Text", "Items: no Text header")


def check_sources(sources) -> None:
    headers = header_row(sources)
    check(headers[:10] == ["File", "Format", "SHA-256", "Title", "Organisation", "Period",
                           "Mapping", "Score", "Auto", "Items"], f"Sources: headers {headers}")
    check(headers[10:17] == RATINGS, f"Sources: rating headers {headers[10:17]}")
    for row in range(2, sources.max_row + 1):
        score = sources.cell(row, 8)
        check(score.data_type == "n" and isinstance(score.value, (int, float)),
              f"Sources H{row}: score {score.value!r} is not a number")
        check(isinstance(sources.cell(row, 9).value, bool), f"Sources I{row}: Auto is not a boolean")
        items = sources.cell(row, 10).value
        counts = [sources.cell(row, column).value for column in range(11, 18)]
        check(all(isinstance(v, (int, float)) for v in [items] + counts),
              f"Sources row {row}: counts are not numbers")
        if all(isinstance(v, (int, float)) for v in [items] + counts):
            check(sum(counts) == items, f"Sources row {row}: ratings {counts} do not add up to {items}")


def check_summary(summary, summary_values, sources) -> None:
    last = total_row(summary)
    check(summary.cell(last, 1).value == "Total", f"Summary A{last}: {summary.cell(last, 1).value!r}")
    table = summary.tables.get("Summary")
    check(table is not None and table.totalsRowCount == 1, "Summary: no total row in its table")
    for column in range(3, summary.max_column + 1):
        header = summary.cell(1, column).value
        formula = summary.cell(last, column).value
        check(formula == f"=SUBTOTAL(109,[{header}])", f"Summary {header} total: {formula!r}")
        column_sum = sum(summary_values.cell(row, column).value or 0 for row in range(2, last))
        stored = summary_values.cell(last, column).value
        check(stored == column_sum, f"Summary {header} total: stored {stored!r}, the rows add to {column_sum}")

    charts = summary._charts
    check(len(charts) == 1, f"Summary: {len(charts)} charts")
    if len(charts) != 1:
        return
    chart = charts[0]
    check(chart.tagname == "barChart" and chart.type == "bar" and chart.grouping == "stacked",
          f"Summary chart: {chart.tagname} {chart.type} {chart.grouping}")
    check(len(chart.series) == len(RATINGS), f"Summary chart: {len(chart.series)} series")
    # The chart's data, a row under the total row: a row per source that gave items, its counts
    # those of the source's Sources row (a source with no items is no bar).
    with_items = [row for row in range(2, sources.max_row + 1) if sources.cell(row, 10).value]
    charted = min(len(with_items), CHARTED_SOURCES)
    header = last + 2
    check(summary.cell(header, 1).value == "Charted source", f"Summary A{header}: {summary.cell(header, 1).value!r}")
    for k, source_row in enumerate(with_items[:charted]):
        row = header + 1 + k
        got = [summary.cell(row, 1).value] + [summary.cell(row, 3 + i).value for i in range(len(RATINGS))]
        want = [sources.cell(source_row, 1).value] + [sources.cell(source_row, 11 + i).value
                                                      for i in range(len(RATINGS))]
        check(got == want, f"Summary row {row}: chart data {got}, the Sources row says {want}")
    for i, series in enumerate(chart.series):
        letter = get_column_letter(3 + i)  # under the table's count columns
        check(series.tx.strRef.f == f"Summary!${letter}${header}", f"chart series {i}: named {series.tx.strRef.f}")
        check(series.val.numRef.f == f"Summary!${letter}${header + 1}:${letter}${header + charted}",
              f"chart series {i}: values {series.val.numRef.f}")
        categories = series.cat.strRef or series.cat.numRef
        check(categories.f == f"Summary!$A${header + 1}:$A${header + charted}",
              f"chart series {i}: categories {categories.f}")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, root = sys.argv[1], Path(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="trackport-workbook-check-") as folder:
        workbook_path = Path(folder) / "standard.xlsx"
        run = subprocess.run([binary, "convert", str(root / "samples"), "-o", str(workbook_path),
                              "--quiet"], capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            print(f"check_workbook.py: trackport failed ({run.returncode}): {run.stderr.strip()}")
            return 1
        workbook = openpyxl.load_workbook(workbook_path)
        values = openpyxl.load_workbook(workbook_path, data_only=True)

    expected = ["Items", "Extra", "Assessments", "Summary", "Sources", "Warnings"]
    check(workbook.sheetnames == expected, f"sheets {workbook.sheetnames}, want {expected}")
    for sheet in workbook.worksheets:
        check_table(sheet)
        check_layout(sheet)
    if set(expected) <= set(workbook.sheetnames):
        check_items(workbook["Items"], workbook["Sources"])
        check_sources(workbook["Sources"])
        check_extra_numbers(workbook["Extra"])
        check_summary(workbook["Summary"], values["Summary"], workbook["Sources"])

    for failure in failures:
        print(f"FAIL {failure}")
    print(f"check_workbook.py: {len(workbook.sheetnames)} sheets checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
