#!/usr/bin/env python3
"""Makes a folder of N mixed tracker files for the batch benchmark: copies of the given source
documents (xlsx, docx, html, csv, tsv, pdf) with varied content, so no two files are identical
(every file has its own sha256, as in a real quarter's returns).

    python3 make_folder.py SOURCE_DIR OUT_DIR [N]

Text formats get one commitment's wording changed; xlsx and docx are rewritten with Python's
zipfile with a changed string in their XML; pdf files are copied with a changed trailing
comment. Standard library only.
"""
import pathlib
import random
import sys
import zipfile

EXTENSIONS = {".xlsx", ".docx", ".html", ".csv", ".tsv", ".pdf"}


def vary_text(data: bytes, n: int) -> bytes:
    return data.replace(b"Develop", b"Develop (%d)" % n, 1) if b"Develop" in data else data + b"\n"


def vary_zip(source: pathlib.Path, target: pathlib.Path, n: int):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        changed = False
        for info in zin.infolist():
            data = zin.read(info.filename)
            if not changed and info.filename in ("xl/sharedStrings.xml", "word/document.xml"):
                marker = b"<t>" if b"<t>" in data else b"<w:t>"
                data = data.replace(marker, marker + b"v%d " % n, 1)
                changed = True
            zout.writestr(info, data)


def main():
    source_dir, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    sources = sorted(p for p in source_dir.iterdir() if p.suffix in EXTENSIONS)
    if not sources:
        sys.exit("no source documents in %s" % source_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    random.seed(7)
    for n in range(count):
        source = sources[n % len(sources)]
        target = out_dir / ("council-%02d" % (n % 40)) / ("%04d-%s" % (n, source.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in (".xlsx", ".docx"):
            vary_zip(source, target, n)
        elif source.suffix == ".pdf":
            target.write_bytes(source.read_bytes() + b"\n%% copy %d\n" % n)
        else:
            target.write_bytes(vary_text(source.read_bytes(), n))


if __name__ == "__main__":
    main()
