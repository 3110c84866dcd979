#!/usr/bin/env python3
"""Checks how the samples' standard workbook prints, as LibreOffice renders it to PDF.

    python3 tests/workbook/check_printout.py TRACKPORT_BINARY REPO_ROOT

Converts samples/ into one workbook, has LibreOffice print it to PDF, and reads the pages with
pdftotext -bbox (poppler-utils): the Items sheet's first page shows the columns people read
(Theme to Progress) and none after them, at a size that can be read (its header words at least
5.5 points high: printing all of Items' columns on one page's width made them under 2); every
page has its "Page n of m" footer; the Summary's chart data is printed under its table. Exits 0
when all hold, 1 with a line per failure, 77 (skipped) without soffice or pdftotext.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

MIN_WORD_HEIGHT = 5.5  # points; Calibri 11 printed at 100% gives words about 15 high

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def pages_of(pdf: Path) -> list[list[tuple[str, float]]]:
    """Each page's words with their heights, in reading order."""
    run = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True)
    root = ElementTree.fromstring(run.stdout)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = [(word.text or "", float(word.get("yMax")) - float(word.get("yMin")))
                 for word in page.iter("{http://www.w3.org/1999/xhtml}word")]
        pages.append(words)
    return pages


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        print("check_printout.py: needs soffice (libreoffice-calc) and pdftotext: skipped")
        return 77
    binary, root = sys.argv[1], Path(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="trackport-printout-") as folder:
        workbook = Path(folder) / "standard.xlsx"
        run = subprocess.run([binary, "convert", str(root / "samples"), "-o", str(workbook),
                              "--quiet"], capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            print(f"check_printout.py: trackport failed ({run.returncode}): {run.stderr.strip()}")
            return 1
        # A profile of its own, so a LibreOffice the user has open does not take the job.
        profile = Path(folder) / "profile"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", folder, str(workbook)],
                       capture_output=True, text=True, timeout=300)
        pdf = workbook.with_suffix(".pdf")
        if not pdf.exists():
            print("check_printout.py: LibreOffice made no PDF of the workbook")
            return 1
        pages = pages_of(pdf)

    check(len(pages) > 1, f"{len(pages)} pages")
    first = pages[0] if pages else []
    texts = [text for text, _ in first]
    for header in ("Theme", "Ref", "Text", "Status", "Due", "Leads", "Progress"):
        check(header in texts, f"Items page 1: no {header} header")
    for header in ("Objective", "Measure", "Location", "Organisation"):
        check(header not in texts, f"Items page 1: {header} printed, past Progress")
    theme_height = next((height for text, height in first if text == "Theme"), 0.0)
    check(theme_height >= MIN_WORD_HEIGHT,
          f"Items page 1: the header printed {theme_height:.1f} points high (want >= {MIN_WORD_HEIGHT})")
    for number, page in enumerate(pages, start=1):
        words = " ".join(text for text, _ in page)
        check(re.search(rf"\bPage {number} of {len(pages)}\b", words) is not None,
              f"page {number}: no 'Page {number} of {len(pages)}' footer")
    check(any("Charted" in [text for text, _ in page] for page in pages),
          "no page prints the Summary's chart data")

    for failure in failures:
        print(f"FAIL {failure}")
    print(f"check_printout.py: {len(pages)} pages checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
