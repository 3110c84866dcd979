#!/usr/bin/python3
"""Writes a large Word report for the docx importer benchmark: about 300 A4 pages (as LibreOffice
lays it out), with 20 progress tables of 100 rows each (2,000 table rows) between pages of prose.

    /usr/bin/python3 bench/docx/make_big.py OUT.docx      (needs python3-docx)
"""

import random
import sys

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HEADERS = ["Ref", "What will we do?", "How we will measure success", "By when", "Lead officer",
           "Latest performance", "Status", "Comments"]
WIDTHS_CM = [1.2, 5.0, 4.0, 1.8, 2.6, 6.0, 1.6, 3.5]  # landscape A4 less 2 cm margins
STATUS = [("Green", "92D050"), ("Amber", "FFBF00"), ("Red", "C00000")]
WORDS = ("council partnership delivery families children services support plan target progress "
         "review outcome health education housing employment advice training quarter update "
         "milestone performance improvement community provision strategy").split()


def sentence(rng, words=18):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def main(path):
    rng = random.Random(2014)
    d = docx.Document()
    page = d.sections[0]  # landscape A4 in a 9 pt font, as such trackers are printed
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = docx.shared.Mm(297), docx.shared.Mm(210)
    page.left_margin = page.right_margin = docx.shared.Cm(2)
    d.styles["Normal"].font.size = docx.shared.Pt(9)
    d.add_heading("A large delivery plan progress report", level=0)
    for section in range(20):
        d.add_heading(f"Priority {section + 1}: {sentence(rng, 6)}", level=1)
        for _ in range(24):  # about 2 pages of prose per section
            d.add_paragraph(" ".join(sentence(rng) for _ in range(3)))
        table = d.add_table(rows=1, cols=len(HEADERS))
        table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, WIDTHS_CM):
            column.width = docx.shared.Cm(width)
        for cell, text, width in zip(table.rows[0].cells, HEADERS, WIDTHS_CM):
            cell.text = text
            cell.width = docx.shared.Cm(width)
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for r in range(100):
            cells = table.add_row().cells
            for cell, width in zip(cells, WIDTHS_CM):
                cell.width = docx.shared.Cm(width)
            cells[0].text = f"{section + 1}.{r + 1}"
            cells[1].text = sentence(rng, 6)
            cells[1].add_paragraph(sentence(rng, 4), style="List Bullet")
            cells[2].text = sentence(rng, 5)
            cells[3].text = rng.choice(["Mar-13", "2013-14", "Annually", "June 2014"])
            cells[4].text = "Officer " + rng.choice(WORDS).capitalize()
            cells[5].text = sentence(rng, 12)
            status, colour = rng.choice(STATUS)
            cells[6].text = status
            cells[6]._tc.get_or_add_tcPr().append(
                parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{colour}"/>'))
            cells[7].text = sentence(rng, 4)
    d.save(path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "big.docx")
