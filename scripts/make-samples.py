#!/usr/bin/env python3
"""Makes samples/ from the seed extractions (text extracted from real council documents).

Run from the repository root with the seeds folder as argument:
    python3 scripts/make-samples.py ../shared/seeds
Standard library only. The seeds are not part of the repository; samples/ is.
"""
import csv
import html
import io
import pathlib
import re
import shutil
import sys

SEEDS = {
    "000": "sheffield-child-poverty-tracker.tsv",
    "001": "leeds-cypp-action-tables.tsv",
    "003": "rotherham-cypp-progress-report.tsv",
    "004": "nottingham-hwb-progress-review.tsv",
}


def plain(cell):
    """Roughly what Excel would hold after a person pasted the Word cell: list entries and
    paragraphs as lines, no markup."""
    cell = re.sub(r"<ul[^>]*>", "\n• ", cell)
    cell = re.sub(r"</?(p|li|br)[^>]*>", "\n", cell)
    cell = re.sub(r"<[^>]+>", "", cell)
    lines = [" ".join(line.split()) for line in html.unescape(cell).split("\n")]
    return "\n".join(line for line in lines if line)


def csv_export(seed, rows):
    """The header and the first `rows` data rows of a tracker, as Excel's "CSV UTF-8"."""
    records = []
    for line in seed.read_text(encoding="utf-8").split("\n"):
        cells = line.split("\t")
        if len(cells) < 5:
            continue
        if records and cells[0] == records[0][0]:
            continue  # a header repeated after a page break
        records.append([plain(c) for c in cells])
        if len(records) > rows:
            break
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(records)
    return "\ufeff" + out.getvalue()


def main():
    seeds = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds")
    samples = pathlib.Path("samples")
    samples.mkdir(exist_ok=True)
    for prefix, name in SEEDS.items():
        (seed,) = seeds.glob(prefix + "_*.txt")
        shutil.copyfile(seed, samples / name)
    (seed,) = seeds.glob("000_*.txt")
    (samples / "sheffield-tracker-extract.csv").write_text(csv_export(seed, 12), encoding="utf-8",
                                                           newline="")


if __name__ == "__main__":
    main()
