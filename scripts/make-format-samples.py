#!/usr/bin/python3
"""Makes the non-text samples from samples/sheffield-tracker-extract.csv (its shifted rows put
back in line first), with other programs:

    /usr/bin/python3 scripts/make-format-samples.py      (Debian's python3 with python3-openpyxl;
                                                           LibreOffice's soffice for docx and pdf)

- sheffield-tracker-styled.xlsx (openpyxl): title rows above the header, Challenge cells merged
  down their rows, the status given ONLY as a solid fill of an empty cell, "By when" as text.
- sheffield-tracker-word.html: the table as Word would save it as a web page (thead, rowspan,
  status cells coloured with their text, lists as ul/li), under an h2 heading.
- sheffield-tracker-word.docx: that page through LibreOffice.
"""
import csv
import html
import pathlib
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

SAMPLES = pathlib.Path(__file__).resolve().parent.parent / "samples"
FILLS = {"red": "FF0000", "amber": "FFC000", "green": "00B050"}


def realign(row, status):
    """The extract keeps the source's rows whose cells slipped one column right; put the rating
    back under Status by taking out the nearest empty cell before it, as a person tidying the
    tracker would."""
    if row[status].strip().lower() in FILLS or status + 1 >= len(row):
        return row
    if row[status + 1].strip().lower() not in FILLS:
        return row
    for gap in range(status, -1, -1):
        if not row[gap].strip():
            return row[:gap] + row[gap + 1:] + [""]
    return row


def read_extract():
    with open(SAMPLES / "sheffield-tracker-extract.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = [h for h in rows[0] if h]
    status = header.index("Status (please choose Red / Amber / Green)")
    body = [realign(row, status)[: len(header)] for row in rows[1:]]
    return header, body


def challenge_runs(body):
    """(first, last) row indexes of each run of rows under one Challenge (blank = same)."""
    runs, start = [], 0
    for i in range(1, len(body) + 1):
        if i == len(body) or body[i][0]:
            runs.append((start, i - 1))
            start = i
    return runs


def make_xlsx(header, body):
    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws["A1"] = "Child Poverty Strategy Delivery Plan 2011-14"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Progress update, March 2014"
    ws.append([])
    ws.append(header)
    status = header.index("Status (please choose Red / Amber / Green)")
    first = 5
    for r, row in enumerate(body):
        values = list(row)
        colour = FILLS.get(values[status].strip().lower())
        values[status] = None
        ws.append(values)
        if colour:
            ws.cell(first + r, status + 1).fill = PatternFill("solid", fgColor=colour)
        for c in range(1, len(header) + 1):
            ws.cell(first + r, c).alignment = Alignment(wrap_text=True, vertical="top")
    for a, b in challenge_runs(body):
        if b > a:
            ws.merge_cells(start_row=first + a, start_column=1, end_row=first + b, end_column=1)
    ws.freeze_panes = "A5"
    wb.save(SAMPLES / "sheffield-tracker-styled.xlsx")


def cell_html(text):
    lines = [line for line in text.split("\n") if line]
    if lines and all(line.startswith("• ") for line in lines):
        return "<ul>" + "".join("<li>%s</li>" % html.escape(l[2:]) for l in lines) + "</ul>"
    return "".join("<p>%s</p>" % html.escape(l) for l in lines)


def make_html(header, body):
    status = header.index("Status (please choose Red / Amber / Green)")
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>Delivery plan tracker</title>'
           "<style>@page { size: 29.7cm 21cm; margin: 1cm } table { width: 100% }"
           " td, th { font-size: 8pt }</style></head><body><h1>Child Poverty Strategy Delivery Plan 2011-14</h1>"
           "<h2>Progress against actions, March 2014</h2><table border=\"1\"><thead><tr>"]
    out += ["<th>%s</th>" % html.escape(h) for h in header]
    out.append("</tr></thead><tbody>")
    span_at = {a: b - a + 1 for a, b in challenge_runs(body)}
    for r, row in enumerate(body):
        out.append("<tr>")
        for c, text in enumerate(row):
            if c == 0:
                if r not in span_at:
                    continue
                out.append('<td rowspan="%d">%s</td>' % (span_at[r], cell_html(text)))
            elif c == status and text.strip().lower() in FILLS:
                out.append('<td style="background:#%s">%s</td>'
                           % (FILLS[text.strip().lower()], html.escape(text)))
            else:
                out.append("<td>%s</td>" % cell_html(text))
        out.append("</tr>")
    out.append("</tbody></table></body></html>\n")
    (SAMPLES / "sheffield-tracker-word.html").write_text("".join(out), encoding="utf-8")


def convert_with_libreoffice(source, extension):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", extension, "--outdir", tmp,
                        str(SAMPLES / source)], check=True, capture_output=True)
        made = pathlib.Path(tmp) / (pathlib.Path(source).stem + "." + extension.split(":")[0])
        (SAMPLES / made.name).write_bytes(made.read_bytes())


def main():
    header, body = read_extract()
    make_xlsx(header, body)
    make_html(header, body)
    convert_with_libreoffice("sheffield-tracker-word.html", "docx:MS Word 2007 XML")


if __name__ == "__main__":
    main()
