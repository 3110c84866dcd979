#!/usr/bin/env python3
"""Makes the hostile-input suite of issue 13: about 150 inputs meant to break a converter (corrupt,
truncated, encrypted, ZIP bombs, billion laughs and XXE in every XML part, deep nesting, span
amplifiers, huge shared strings, PDFs with huge or many pages, odd file names, symlink loops, a
trackport.yaml with a ReDoS pattern, ...), and optionally a batch folder of N files in which 10% of
them are mixed among good documents.

    python3 make_hostile.py OUT [--batch N] [--good DIR ...] [--small]

OUT/hostile/      every hostile case (one file each, plus a few folder-level cases in sub-folders)
OUT/cases.json    what each case is and what a converter must do with it:
                    "fail"    exactly one line naming the file, nothing in the output for it
                    "convert" converted, with the same items as converting it alone
                    "either"  one of the two (a file a reader may accept or refuse: a wrong
                              extension, an XML part trackport never reads, a dimension that lies)
OUT/batch/        with --batch N: N files, 90% copies of good documents (from the repository's
                  samples/ and tests/fixtures, plus every --good DIR such as the shared corpus),
                  10% hostile cases; OUT/batch.json lists each file with its expectation.

--small makes the bombs, depths and counts smaller (600 MB bombs, 1,000 pages); --tiny smaller
still (64 MB bombs, depth 20,000) and leaves out the amplifiers that take a second or more to
refuse: the subset ctest runs. Standard library only; nothing
outside the repository is needed unless --good names it.
"""
import argparse
import io
import json
import os
import pathlib
import random
import shutil
import socket
import stat
import struct
import zipfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

# ---------------------------------------------------------------------------------------------
# Small well-formed documents to carry each hostile part

TABLE = [
    ["Ref", "Action", "Lead officer", "Due date", "RAG"],
    ["1.1", "Develop a city-wide food plan", "Jane Smith", "March 2025", "Green"],
    ["1.2", "Recruit twenty volunteer mentors", "Tom Jones", "June 2025", "Amber"],
    ["1.3", "Open two new family hubs", "Asha Patel", "December 2025", "Red"],
]


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def zip_bytes(parts, compression=zipfile.ZIP_DEFLATED, comment=b""):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as out:
        for name, data in parts:
            out.writestr(name, data)
        out.comment = comment
    return buffer.getvalue()


XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def col_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_rows_xml(rows=TABLE):
    out = []
    for r, row in enumerate(rows, 1):
        cells = "".join(
            '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col_name(c), r, esc(v))
            for c, v in enumerate(row))
        out.append('<row r="%d">%s</row>' % (r, cells))
    return "".join(out)


def sheet_xml(rows_xml=None, before="", after="", dimension="A1:E4"):
    return (XML_HEAD + '<worksheet xmlns="%s" xmlns:r="%s"><dimension ref="%s"/>%s<sheetData>%s'
            '</sheetData>%s</worksheet>' % (NS_MAIN, NS_REL, dimension, before,
                                           sheet_rows_xml() if rows_xml is None else rows_xml,
                                           after))


def xlsx_parts(sheet=None, shared=None):
    content_types = (
        XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        '</Types>')
    rels = (XML_HEAD + '<Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            '</Relationships>' % NS_PKG_REL)
    workbook = (XML_HEAD + '<workbook xmlns="%s" xmlns:r="%s"><sheets>'
                '<sheet name="Actions" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS_MAIN, NS_REL))
    workbook_rels = (XML_HEAD + '<Relationships xmlns="%s">'
                     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                     '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                     '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                     '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>'
                     '</Relationships>' % NS_PKG_REL)
    styles = (XML_HEAD + '<styleSheet xmlns="%s"><fonts count="1"><font><sz val="11"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="1"><xf/></cellXfs></styleSheet>' % NS_MAIN)
    theme = (XML_HEAD + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="T">'
             '<a:themeElements><a:clrScheme name="C"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
             '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1></a:clrScheme></a:themeElements></a:theme>')
    core = (XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Action plan</dc:title></cp:coreProperties>')
    app = (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>Microsoft Excel</Application></Properties>')
    custom = (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner"><vt:lpwstr>Team</vt:lpwstr></property></Properties>')
    shared_default = XML_HEAD + '<sst xmlns="%s" count="1" uniqueCount="1"><si><t>unused</t></si></sst>' % NS_MAIN
    return {
        "[Content_Types].xml": content_types,
        "_rels/.rels": rels,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": workbook_rels,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(),
        "xl/sharedStrings.xml": shared if shared is not None else shared_default,
        "xl/styles.xml": styles,
        "xl/theme/theme1.xml": theme,
        "docProps/core.xml": core,
        "docProps/app.xml": app,
        "docProps/custom.xml": custom,
    }


def xlsx(sheet=None, shared=None, replace=None):
    parts = xlsx_parts(sheet, shared)
    parts.update(replace or {})
    return zip_bytes(parts.items())


def docx_table_xml(rows=TABLE, cell=None):
    out = ["<w:tbl><w:tblGrid>%s</w:tblGrid>" % ("<w:gridCol/>" * len(rows[0]))]
    for row in rows:
        out.append("<w:tr>")
        for value in row:
            out.append(cell(value) if cell else
                       "<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % esc(value))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def docx_document_xml(body=None):
    return (XML_HEAD + '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>'
            '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Action plan</w:t></w:r></w:p>%s'
            '</w:body></w:document>' % (NS_W, NS_REL, docx_table_xml() if body is None else body))


def docx_parts(document=None):
    content_types = (
        XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
        '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        '</Types>')
    rels = (XML_HEAD + '<Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            '</Relationships>' % NS_PKG_REL)
    document_rels = (XML_HEAD + '<Relationships xmlns="%s">'
                     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                     '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                     '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
                     '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>'
                     '</Relationships>' % NS_PKG_REL)
    styles = (XML_HEAD + '<w:styles xmlns:w="%s"><w:style w:type="paragraph" w:styleId="Title">'
              '<w:name w:val="Title"/></w:style></w:styles>' % NS_W)
    numbering = XML_HEAD + '<w:numbering xmlns:w="%s"/>' % NS_W
    settings = XML_HEAD + '<w:settings xmlns:w="%s"/>' % NS_W
    theme = (XML_HEAD + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="T">'
             '<a:themeElements/></a:theme>')
    core = (XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Action plan</dc:title></cp:coreProperties>')
    custom = (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>')
    return {
        "[Content_Types].xml": content_types,
        "_rels/.rels": rels,
        "word/document.xml": document if document is not None else docx_document_xml(),
        "word/_rels/document.xml.rels": document_rels,
        "word/styles.xml": styles,
        "word/numbering.xml": numbering,
        "word/settings.xml": settings,
        "word/theme/theme1.xml": theme,
        "docProps/core.xml": core,
        "docProps/custom.xml": custom,
    }


def docx(document=None, replace=None):
    parts = docx_parts(document)
    parts.update(replace or {})
    return zip_bytes(parts.items())


NS_ODS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def ods_rows_xml(rows=TABLE, cell=None):
    return "".join(
        "<table:table-row>%s</table:table-row>" % "".join(
            cell(v) if cell else
            '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % esc(v)
            for v in row) for row in rows)


def ods_content_xml(rows_xml=None):
    return (XML_HEAD + '<office:document-content %s office:version="1.2"><office:body><office:spreadsheet>'
            '<table:table table:name="Actions">%s</table:table></office:spreadsheet></office:body>'
            '</office:document-content>' % (NS_ODS, ods_rows_xml() if rows_xml is None else rows_xml))


def ods_parts(content=None):
    manifest = (XML_HEAD + '<manifest:manifest %s manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>' % NS_ODS)
    styles = XML_HEAD + '<office:document-styles %s office:version="1.2"/>' % NS_ODS
    meta = (XML_HEAD + '<office:document-meta %s office:version="1.2"><office:meta>'
            '<dc:title>Action plan</dc:title></office:meta></office:document-meta>' % NS_ODS)
    settings = XML_HEAD + '<office:document-settings %s office:version="1.2"/>' % NS_ODS
    # mimetype first and stored, as ODF asks
    return [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content if content is not None else ods_content_xml()),
        ("styles.xml", styles),
        ("meta.xml", meta),
        ("settings.xml", settings),
    ]


def ods(content=None, replace=None):
    parts = ods_parts(content)
    replace = replace or {}
    parts = [(name, replace.get(name, data)) for name, data in parts]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in parts:
            out.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def html(body=None, head=""):
    table = "<table>%s</table>" % "".join(
        "<tr>%s</tr>" % "".join("<td>%s</td>" % esc(v) for v in row) for row in TABLE)
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Action plan</title>%s</head>"
            "<body><h1>Action plan</h1>%s</body></html>" % (head, table if body is None else body))


def csv_text(rows=TABLE):
    return "".join(",".join('"%s"' % v for v in row) + "\r\n" for row in rows)


def pdf(pages, extra_objects=None, trailer_extra=""):
    """A PDF with one content stream a page (text in Helvetica); `pages` is a list of
    (mediabox, content bytes). Objects: 1 catalog, 2 pages, 3 font, then page/content pairs."""
    objects = {}
    kids = []
    objects[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    number = 4
    for box, content in pages:
        page, stream = number, number + 1
        number += 2
        kids.append(page)
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Resources << /Font << /F1 3 0 R >> >> "
                         b"/Contents %d 0 R >>" % (box.encode(), stream))
        objects[stream] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    for key, value in (extra_objects or {}).items():
        objects[key] = value
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for key in sorted(objects):
        offsets[key] = out.tell()
        out.write(b"%d 0 obj\n" % key + objects[key] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for key in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[key] if key in offsets else b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size, trailer_extra.encode(), xref))
    return out.getvalue()


def pdf_table_content():
    lines = [b"BT /F1 10 Tf"]
    y = 700
    for row in TABLE:
        x = 50
        for value in row:
            lines.append(b"1 0 0 1 %d %d Tm (%s) Tj" % (x, y, value.encode()))
            x += 110 if x > 50 else 40
        y -= 20
    lines.append(b"ET")
    return b"\n".join(lines)


# ---------------------------------------------------------------------------------------------
# XML attacks

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
                    for i in range(1, 10))
          + ']>')
XXE = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY zero SYSTEM "file:///dev/zero">]>'
XXE_PARAMETER = '<!DOCTYPE r [<!ENTITY % remote SYSTEM "file:///dev/zero"> %remote;]>'


def with_doctype(xml, doctype, reference):
    """`xml` with a DOCTYPE after its declaration and `reference` inside its first text node or,
    when it has none, as the root element's first child's text."""
    body = xml[len(XML_HEAD):] if xml.startswith(XML_HEAD) else xml
    if "<t>" in body:
        body = body.replace("<t>", "<t>" + reference, 1)
    elif "<w:t>" in body:
        body = body.replace("<w:t>", "<w:t>" + reference, 1)
    elif "<text:p>" in body:
        body = body.replace("<text:p>", "<text:p>" + reference, 1)
    elif "<dc:title>" in body:
        body = body.replace("<dc:title>", "<dc:title>" + reference, 1)
    else:
        close = body.index(">") + 1
        if body[close - 2] == "/":  # an empty root: open it
            body = body[:close - 2] + ">" + reference + "</%s>" % body[1:].split()[0].rstrip("/>")
        else:
            body = body[:close] + reference + body[close:]
    return XML_HEAD + doctype + body


# ---------------------------------------------------------------------------------------------
# ZIP tricks

def deflate_stream(chunk, total):
    """Raw deflate of `chunk` repeated to `total` bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = []
    written = 0
    while written < total:
        piece = chunk if total - written >= len(chunk) else chunk[:total - written]
        out.append(compressor.compress(piece))
        written += len(piece)
    out.append(compressor.flush())
    return b"".join(out)


def raw_zip(entries, overlap_names=()):
    """A ZIP of raw (name, method, deflated bytes, crc, size, declared size) entries; every name of
    `overlap_names` is a further central-directory entry pointing at the first local header."""
    out = io.BytesIO()
    central = []
    for name, method, data, crc, size, declared in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(data),
                              declared, len(encoded), 0) + encoded + data)
        central.append((encoded, method, crc, len(data), declared, offset))
    first = central[0]
    for name in overlap_names:
        central.append((name.encode(),) + first[1:])
    start = out.tell()
    for encoded, method, crc, compressed, declared, offset in central:
        out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc,
                              compressed, declared, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    end = out.tell()
    count = min(len(central), 0xFFFF)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, end - start, start, 0))
    return out.getvalue()


def zip_with_bomb(parts, bomb_name, chunk, total, lie=False):
    """`parts` (name -> text) as a ZIP in which `bomb_name` inflates to `total` bytes of
    `chunk` (declared honestly, or as 1 KB with `lie`)."""
    entries = []
    for name, text in parts.items():
        if name == bomb_name:
            data = deflate_stream(chunk, total)
            crc = 0
            left = total
            while left:  # crc of the repeated chunk
                piece = chunk[:min(len(chunk), left)]
                crc = zlib.crc32(piece, crc)
                left -= len(piece)
            entries.append((name, 8, data, crc, total & 0xFFFFFFFF, 1024 if lie else min(total, 0xFFFFFFFF)))
        else:
            raw = text.encode() if isinstance(text, str) else text
            data = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = data.compress(raw) + data.flush()
            entries.append((name, 8, packed, zlib.crc32(raw), len(raw), len(raw)))
    return raw_zip(entries)


# ---------------------------------------------------------------------------------------------
# The cases

class Suite:
    def __init__(self, out, size):
        self.out = out
        self.size = size  # "full", "small" or "tiny"
        self.small = size != "full"
        self.tiny = size == "tiny"
        self.cases = []

    def pick(self, full, small, tiny):
        """A case's size: bombs, depths and counts shrink for the faster suites."""
        return {"full": full, "small": small, "tiny": tiny}[self.size]

    def add(self, name, data, expect, what, mode=None):
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        if mode is not None:
            path.chmod(mode)
        self.cases.append({"path": name, "expect": expect, "what": what})

    def note(self, name, expect, what):
        self.cases.append({"path": name, "expect": expect, "what": what})


def good_sample(extension):
    """A good document of the repository in `extension`, for truncating and renaming."""
    choices = {
        "xlsx": ROOT / "samples/sheffield-tracker-styled.xlsx",
        "docx": ROOT / "samples/sheffield-tracker-word.docx",
        "html": ROOT / "samples/sheffield-tracker-word.html",
        "csv": ROOT / "samples/sheffield-tracker-extract.csv",
        "tsv": ROOT / "samples/leeds-cypp-action-tables.tsv",
        "ods": FIXTURES / "ods/features.ods",
        "xls": FIXTURES / "xls/tracker.xls",
        "pdf": FIXTURES / "structure/grouped.pdf",
    }
    return choices[extension].read_bytes()


FORMATS = ["xlsx", "xls", "ods", "docx", "html", "pdf", "csv", "tsv"]


def cut(xml):
    """`xml` cut two thirds of the way through (inside the table)."""
    return xml[:len(xml) * 2 // 3]


def generic_cases(suite):
    rng = random.Random(13)
    for ext in FORMATS:
        suite.add("empty/zero-bytes.%s" % ext, b"", "fail", "a 0-byte file")
        suite.add("empty/one-byte.%s" % ext, b"x", "fail" if ext not in ("csv", "tsv") else "either",
                  "a 1-byte file")
        suite.add("corrupt/random.%s" % ext, bytes(rng.getrandbits(8) for _ in range(65536)),
                  "either" if ext in ("csv", "tsv") else "fail", "64 KB of random bytes")
        suite.add("corrupt/zeros.%s" % ext, bytes(1 << 20), "fail", "1 MB of NUL bytes")
        good = good_sample(ext)
        suite.add("truncated/half.%s" % ext, good[:len(good) // 2],
                  "either" if ext in ("csv", "tsv", "html") else "fail", "the first half of a good file")
        suite.add("truncated/head-only.%s" % ext, good[:200], "either" if ext in ("csv", "tsv", "html") else "fail",
                  "the first 200 bytes of a good file")
    # corrupt ZIPs: a good xlsx/docx/ods with bytes flipped in the middle of the deflated data
    for ext in ("xlsx", "docx", "ods"):
        good = bytearray(good_sample(ext))
        for at in range(len(good) // 3, len(good) // 3 + 64):
            good[at] ^= 0x5A
        suite.add("corrupt/flipped-bytes.%s" % ext, bytes(good), "fail", "64 bytes flipped inside a good file")
        suite.add("corrupt/zip-no-parts.%s" % ext, zip_bytes([("readme.txt", "nothing here")]), "fail",
                  "a ZIP without any of the format's parts")
    suite.add("corrupt/missing-sheet.xlsx", xlsx(replace={"xl/worksheets/sheet1.xml": ""}), "fail",
              "a workbook whose only sheet part is empty")
    parts = xlsx_parts()
    del parts["xl/worksheets/sheet1.xml"]
    suite.add("corrupt/sheet-part-missing.xlsx", zip_bytes(parts.items()), "fail",
              "a workbook naming a sheet part it lacks")
    suite.add("corrupt/malformed-sheet.xlsx", xlsx(sheet=cut(sheet_xml())), "fail", "sheet XML cut short")
    suite.add("corrupt/malformed-document.docx", docx(document=cut(docx_document_xml())), "fail",
              "document XML cut short")
    suite.add("corrupt/malformed-content.ods", ods(content=cut(ods_content_xml())), "fail",
              "content XML cut short")
    suite.add("corrupt/bad-shared-index.xlsx",
              xlsx(sheet=sheet_xml('<row r="1"><c r="A1" t="s"><v>4294967296</v></c>'
                                   '<c r="B1" t="s"><v>-1</v></c><c r="C1" s="99999999"><v>1</v></c></row>'
                                   + sheet_rows_xml()[len('<row r="1">'):].join(["", ""]))),
              "either", "shared-string and style indexes out of range")
    suite.add("corrupt/bad-cell-refs.xlsx",
              xlsx(sheet=sheet_xml('<row r="99999999999"><c r="ZZZZZZZ99999999999"><v>1</v></c></row>'
                                   '<row r="-5"><c r="A-5"><v>1</v></c></row>')), "either",
              "cell and row references out of every range")
    suite.add("corrupt/not-a-pdf.pdf", b"%PDF-1.7\n" + bytes(rng.getrandbits(8) for _ in range(8192)), "fail",
              "a PDF header over random bytes")
    suite.add("corrupt/nul-in-text.csv", csv_text().replace("Jane", "Ja\0ne").encode(), "either",
              "a NUL byte inside a field")
    suite.add("corrupt/invalid-utf8.csv", csv_text().encode().replace(b"Jane", b"J\xff\xfe\xc3ne"), "convert",
              "bytes that are not UTF-8 (read as Windows-1252, warned)")


def encrypted_cases(suite):
    copies = [
        ("encrypted/password.docx", FIXTURES / "docx/encrypted.docx"),
        ("encrypted/password.xlsx", FIXTURES / "xlsx/encrypted.xlsx"),
        ("encrypted/password.ods", FIXTURES / "ods/encrypted.ods"),
        ("encrypted/password.xls", FIXTURES / "xls/password.xls"),
        ("encrypted/user-password.pdf", FIXTURES / "pdf/encrypted_user.pdf"),
        ("encrypted/encrypted-xlsx-named.docx", FIXTURES / "xlsx/encrypted.xlsx"),
        ("encrypted/encrypted-docx-named.xlsx", FIXTURES / "docx/encrypted.docx"),
        ("encrypted/encrypted-ods-named.xlsx", FIXTURES / "ods/encrypted.ods"),
    ]
    for name, source in copies:
        suite.add(name, source.read_bytes(), "fail", "password-protected (%s)" % source.name)
    # an ODF whose parts are all marked as encrypted in its manifest, with junk for data
    manifest = (XML_HEAD + '<manifest:manifest %s manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="900">'
                '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
                '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
                '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="AAAA"/>'
                '</manifest:encryption-data></manifest:file-entry></manifest:manifest>' % NS_ODS)
    suite.add("encrypted/manifest-encrypted.ods",
              ods(replace={"META-INF/manifest.xml": manifest, "content.xml": bytes(random.Random(5).getrandbits(8) for _ in range(900))}),
              "fail", "an ODF spreadsheet whose content.xml the manifest says is encrypted")
    suite.add("encrypted/encrypt-dict.pdf",
              pdf([("0 0 612 792", pdf_table_content())],
                  extra_objects={99: b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 "
                                     b"/O <0000000000000000000000000000000000000000000000000000000000000000> "
                                     b"/U <0000000000000000000000000000000000000000000000000000000000000000> >>"},
                  trailer_extra="/Encrypt 99 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "),
              "either", "a PDF with an /Encrypt dictionary whose keys open nothing")


def zip_bomb_cases(suite):
    row = b'<row><c t="inlineStr"><is><t>lol</t></is></c></row>' * 100
    total = suite.pick(1 << 30, 600 << 20, 64 << 20)
    # ratio bombs: a part that inflates past every limit, declared honestly and as 1 KB
    xl = xlsx_parts()
    xl["xl/worksheets/sheet1.xml"] = ""
    for lie in (False, True):
        tag = "lying" if lie else "honest"
        suite.add("zipbomb/ratio-sheet-%s.xlsx" % tag,
                  zip_with_bomb(xl, "xl/worksheets/sheet1.xml", row, total, lie), "fail",
                  "sheet XML inflating to %d MB (size declared %s)" % (total >> 20, tag))
    suite.add("zipbomb/ratio-shared-strings.xlsx",
              zip_with_bomb(xlsx_parts(), "xl/sharedStrings.xml", b"<si><t>lol</t></si>" * 1000, total),
              "fail", "shared strings inflating to %d MB" % (total >> 20))
    suite.add("zipbomb/ratio-styles.xlsx",
              zip_with_bomb(xlsx_parts(), "xl/styles.xml", b"<xf/>" * 1000, total), "either",
              "styles inflating to %d MB" % (total >> 20))
    wd = docx_parts()
    suite.add("zipbomb/ratio-document.docx",
              zip_with_bomb(wd, "word/document.xml", b"<w:p><w:r><w:t>lol</w:t></w:r></w:p>" * 100, total),
              "fail", "document XML inflating to %d MB" % (total >> 20))
    suite.add("zipbomb/ratio-styles.docx",
              zip_with_bomb(wd, "word/styles.xml", b"<w:style/>" * 1000, total), "either",
              "Word styles inflating to %d MB" % (total >> 20))
    od = dict(ods_parts())
    suite.add("zipbomb/ratio-content.ods",
              zip_with_bomb(od, "content.xml", b"<table:table-row/>" * 1000, total), "fail",
              "content.xml inflating to %d MB" % (total >> 20))
    # a part within the ratio but past the size limit, in a file small enough to read
    if not suite.small:
        suite.add("zipbomb/zeros-3gb.xlsx",
                  zip_with_bomb(xl, "xl/worksheets/sheet1.xml", bytes(1 << 20), 3 << 30), "fail",
                  "3 GB of NUL bytes as the sheet")
    # count bombs: very many entries
    count = suite.pick(200000, 70000, 5000)
    for ext, parts in (("xlsx", xlsx_parts()), ("docx", docx_parts()), ("ods", dict(ods_parts()))):
        entries = list(parts.items()) + [("junk/%06d.xml" % i, "") for i in range(count)]
        suite.add("zipbomb/count-%d.%s" % (count, ext), zip_bytes(entries, zipfile.ZIP_STORED), "either",
                  "%d empty entries beside the real parts" % count)
    # overlapping entries: thousands of central-directory names pointing at one local header
    part = suite.pick(50 << 20, 50 << 20, 8 << 20)
    data = deflate_stream(row, part)
    crc = 0
    for _ in range(part // len(row)):
        crc = zlib.crc32(row, crc)
    suite.add("zipbomb/overlapping.xlsx",
              raw_zip([("xl/worksheets/sheet1.xml", 8, data, crc, part, part)],
                      ["xl/worksheets/sheet%d.xml" % i for i in range(2, suite.pick(3000, 3000, 300))]
                      + ["[Content_Types].xml", "xl/workbook.xml", "_rels/.rels"]),
              "fail", "%d ZIP entries overlapping one %d MB part" % (suite.pick(3000, 3000, 300), part >> 20))
    # a ZIP inside the package: never inflated by a reader of tables
    inner = zip_with_bomb({"a.bin": ""}, "a.bin", bytes(1 << 16), suite.pick(200, 200, 16) << 20)
    suite.add("zipbomb/embedded-zip.docx", docx(replace={"word/embeddings/oleObject1.bin": inner}),
              "convert", "an embedded ZIP bomb the document never reads")


def xml_attack_cases(suite):
    xl = xlsx_parts()
    wd = docx_parts()
    od = dict(ods_parts())
    for kind, doctype, reference in (("laughs", LAUGHS, "&lol9;"), ("xxe", XXE, "&xxe;&zero;"),
                                     ("xxe-parameter", XXE_PARAMETER, "")):
        for name in xl:
            attacked = dict(xl)
            attacked[name] = with_doctype(xl[name], doctype, reference)
            suite.add("xml/%s/xlsx-%s.xlsx" % (kind, name.replace("/", "_").strip("_[]")),
                      zip_bytes(attacked.items()), "either", "%s in the xlsx part %s" % (kind, name))
        for name in wd:
            attacked = dict(wd)
            attacked[name] = with_doctype(wd[name], doctype, reference)
            suite.add("xml/%s/docx-%s.docx" % (kind, name.replace("/", "_").strip("_[]")),
                      zip_bytes(attacked.items()), "either", "%s in the docx part %s" % (kind, name))
        for name in od:
            if name == "mimetype":
                continue
            suite.add("xml/%s/ods-%s.ods" % (kind, name.replace("/", "_")),
                      ods(replace={name: with_doctype(od[name], doctype, reference)}), "either",
                      "%s in the ods part %s" % (kind, name))
        suite.add("xml/%s/page.html" % kind,
                  doctype + html().split("\n", 1)[1].replace("Develop", reference + "Develop"), "either",
                  "%s in an HTML page" % kind)
        suite.add("xml/%s/page.xhtml.html" % kind,
                  XML_HEAD + doctype + '<html xmlns="http://www.w3.org/1999/xhtml">'
                  + html().split("<html>", 1)[1].replace("Develop", reference + "Develop"), "either",
                  "%s in an XHTML page" % kind)


def scrambled(i):
    """A number that looks random, to keep a generated part from compressing like a bomb."""
    return "%06d" % ((i * 2654435761) % 999983)


def nested(open_, close, depth, attribute):
    """`open_` `depth` times then `close` as often; each opening tag carries `attribute` with a
    scrambled number, so that the part does not compress past the ZIP reader's 200:1 ratio check
    (a bomb refused for its ratio would test nothing about depth)."""
    tag_end = open_.index(">")
    head, tail = open_[:tag_end], open_[tag_end:]
    opening = "".join('%s %s="%s"%s' % (head, attribute, scrambled(i), tail) for i in range(depth))
    return opening, close * depth


def deep_cases(suite):
    depth = suite.pick(1000000, 1000000, 20000)
    # ods: spans, links and lists inside a cell
    for tag, open_, close, attribute in (("span", "<text:span>", "</text:span>", "text:style-name"),
                                         ("a", "<text:a>", "</text:a>", "office:name"),
                                         ("list", "<text:list><text:list-item>", "</text:list-item></text:list>",
                                          "text:style-name")):
        opening, closing = nested(open_, close, depth, attribute)
        inner = "<text:p>deep</text:p>" if tag == "list" else "deep"
        cell = ('<table:table-cell office:value-type="string">%s%s%s</table:table-cell>'
                % (opening, inner, closing)) if tag == "list" else \
            ('<table:table-cell office:value-type="string"><text:p>%s%s%s</text:p></table:table-cell>'
             % (opening, inner, closing))
        rows = ods_rows_xml() + "<table:table-row>%s</table:table-row>" % cell
        suite.add("deep/ods-%s.ods" % tag, ods(content=ods_content_xml(rows)), "either",
                  "%s nested %d deep in a cell" % (tag, depth))
    opening, closing = nested("<table:table><table:table-row><table:table-cell>",
                              "</table:table-cell></table:table-row></table:table>", depth // 5, "table:name")
    suite.add("deep/ods-tables.ods",
              ods(content=ods_content_xml(ods_rows_xml() + "<table:table-row><table:table-cell>%s%s</table:table-cell>"
                                          "</table:table-row>" % (opening, closing))),
              "either", "tables nested %d deep" % (depth // 5))
    # docx: tables in cells, content controls, hyperlinks, smart tags, tracked insertions
    opening, closing = nested("<w:tbl><w:tr><w:tc>", "<w:p/></w:tc></w:tr></w:tbl>", depth // 3, "w:rsid")
    suite.add("deep/docx-tables.docx", docx(docx_document_xml(docx_table_xml() + opening + closing)),
              "either", "tables nested %d deep" % (depth // 3))
    for tag, open_, close, attribute in (("sdt", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "w:rsid"),
                                         ("hyperlink", "<w:hyperlink>", "</w:hyperlink>", "w:anchor"),
                                         ("smarttag", "<w:smartTag>", "</w:smartTag>", "w:element"),
                                         ("ins", "<w:ins>", "</w:ins>", "w:id")):
        opening, closing = nested(open_, close, depth, attribute)
        inner = "<w:r><w:t>deep</w:t></w:r>"
        if tag == "sdt":
            body = docx_table_xml() + opening + "<w:p>" + inner + "</w:p>" + closing
        else:
            body = docx_table_xml(TABLE[:1]) + docx_table_xml(
                TABLE[1:2], cell=lambda v: "<w:tc><w:p>%s%s%s</w:p></w:tc>" % (opening, inner, closing))
        suite.add("deep/docx-%s.docx" % tag, docx(docx_document_xml(body)), "either",
                  "%s nested %d deep" % (tag, depth))
    # html (plain text: no ratio check to dodge)
    for tag, open_, close in (("div", "<div>", "</div>"), ("span", "<span>", "</span>"),
                              ("table", "<table><tr><td>", "</td></tr></table>"),
                              ("list", "<ul><li>", "</li></ul>"), ("b", "<b>", "")):
        body = ("<table><tr><td>Ref</td><td>Action</td><td>RAG</td></tr><tr><td>1</td><td>%sdeep%s</td>"
                "<td>Green</td></tr></table>" % (open_ * depth, close * depth))
        suite.add("deep/html-%s.html" % tag, html(body), "either", "<%s> nested %d deep" % (tag, depth))
    # xlsx rich text: runs inside runs, in the shared strings and inline
    opening, closing = nested("<r>", "</r>", depth, "x")
    shared = (XML_HEAD + '<sst xmlns="%s" count="1" uniqueCount="1"><si>%s<t>deep</t>%s</si></sst>'
              % (NS_MAIN, opening, closing))
    suite.add("deep/xlsx-shared-rich-text.xlsx",
              xlsx(sheet=sheet_xml(sheet_rows_xml() + '<row r="5"><c r="A5" t="s"><v>0</v></c></row>'),
                   shared=shared), "either", "rich-text runs nested %d deep in a shared string" % depth)
    inline = '<row r="5"><c r="A5" t="inlineStr"><is>%s<t>deep</t>%s</is></c></row>' % (opening, closing)
    suite.add("deep/xlsx-inline-rich-text.xlsx", xlsx(sheet=sheet_xml(sheet_rows_xml() + inline)), "either",
              "rich-text runs nested %d deep in an inline string" % depth)
    opening, closing = nested("<ext>", "</ext>", depth, "uri")
    suite.add("deep/xlsx-elements.xlsx",
              xlsx(sheet=sheet_xml(sheet_rows_xml(), after="<extLst>%s%s</extLst>" % (opening, closing))),
              "either", "unknown elements nested %d deep after the sheet data" % depth)
    # PDF: arrays nested in a content stream and in an object
    suite.add("deep/pdf-arrays.pdf",
              pdf([("0 0 612 792", pdf_table_content() + b"\n" + b"[" * depth + b"]" * depth + b" pop")]),
              "either", "arrays nested %d deep in a page's content" % depth)
    suite.add("deep/pdf-object.pdf",
              pdf([("0 0 612 792", pdf_table_content())], extra_objects={50: b"[" * depth + b"]" * depth}),
              "either", "an object of arrays nested %d deep" % depth)


def span_cases(suite):
    if suite.tiny:  # each of these takes a second or more to refuse
        return
    # html colspan / rowspan
    cells = "".join('<td colspan="1000">x</td>' for _ in range(3000))
    suite.add("spans/html-colspan.html", html("<table><tr><td>Ref</td><td>Action</td></tr><tr>%s</tr>"
                                               "<tr>%s</tr></table>" % (cells, cells)),
              "fail", "6,000 cells each spanning 1,000 columns")
    suite.add("spans/html-rowspan.html",
              html("<table>%s</table>" % "".join('<tr><td rowspan="65534">r%d</td><td>x</td></tr>' % i
                                                for i in range(3000))),
              "either", "3,000 cells each spanning 65,534 rows")
    suite.add("spans/html-huge-span-values.html",
              html("<table><tr><td colspan=\"2147483647\">a</td><td rowspan=\"4294967296\">b</td>"
                   "<td colspan=\"-7\">c</td></tr><tr><td>1</td><td>2</td></tr></table>"),
              "either", "span attributes past every integer range")
    # docx gridSpan / vMerge
    cell = lambda v: ('<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>'
                      % v)
    suite.add("spans/docx-gridspan.docx",
              docx(docx_document_xml(docx_table_xml([[scrambled(r * 300 + c) for c in range(300)] for r in range(300)],
                                                    cell=cell))), "fail",
              "90,000 cells each spanning 1,000 grid columns")
    suite.add("spans/docx-gridspan-huge.docx",
              docx(docx_document_xml(docx_table_xml(TABLE[:1]) + docx_table_xml(
                  [["x"]], cell=lambda v: '<w:tc><w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr><w:p/></w:tc>')))
              , "either", "a gridSpan of 2^31 - 1")
    vmerge = "".join("<w:tr>%s</w:tr>" % "".join(
        '<w:tc><w:tcPr><w:gridSpan w:val="50"/><w:vMerge%s/></w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>'
        % (' w:val="restart"' if r == 0 else "", scrambled(r * 40 + c)) for c in range(40)) for r in range(20000))
    suite.add("spans/docx-vmerge.docx",
              docx(docx_document_xml("<w:tbl><w:tblGrid/>%s</w:tbl>" % vmerge)), "fail",
              "a vertical merge over 20,000 rows of 40 cells spanning 50 columns")
    suite.add("spans/docx-grid-columns.docx",
              docx(docx_document_xml("<w:tbl><w:tblGrid>%s</w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
                                     % "".join('<w:gridCol w:w="%s"/>' % scrambled(i) for i in range(1000000))
                                     + docx_table_xml())),
              "either", "a table grid of 1,000,000 columns")
    # xlsx merges and dimensions
    suite.add("spans/xlsx-merge-whole-sheet.xlsx",
              xlsx(sheet=sheet_xml(after='<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')),
              "either", "one merge over the whole sheet")
    merges = "".join('<mergeCell ref="%s1:%s1048576"/>' % (col_name(c), col_name(c)) for c in range(5, 16384))
    suite.add("spans/xlsx-merge-columns.xlsx",
              xlsx(sheet=sheet_xml(after='<mergeCells>%s</mergeCells>' % merges)), "either",
              "16,379 merges each a whole column")
    suite.add("spans/xlsx-dimension-claims-all.xlsx", xlsx(sheet=sheet_xml(dimension="A1:XFD1048576")),
              "convert", "a dimension claiming A1:XFD1048576 over four rows")
    suite.add("spans/xlsx-far-corner.xlsx",
              xlsx(sheet=sheet_xml(sheet_rows_xml() + '<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                                      '<is><t>corner</t></is></c></row>')),
              "either", "a table and one cell at XFD1048576")
    diagonal = "".join('<row r="%d"><c r="%s%d"><v>1</v></c></row>' % (i * 64 + 1, col_name(i * 1 % 16384), i * 64 + 1)
                       for i in range(16384))
    suite.add("spans/xlsx-diagonal.xlsx", xlsx(sheet=sheet_xml(diagonal)), "either",
              "16,384 cells on a diagonal over the whole sheet")
    # ods repeats
    repeated = ('<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
                'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
                '</table:table-cell></table:table-row>')
    suite.add("spans/ods-repeat-rows-columns.ods", ods(content=ods_content_xml(ods_rows_xml() + repeated)),
              "fail", "a text cell repeated over 16,384 columns and 1,048,576 rows")
    suite.add("spans/ods-repeat-columns.ods",
              ods(content=ods_content_xml(ods_rows_xml() + "".join(
                  '<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
                  '<text:p>x%d</text:p></table:table-cell></table:table-row>' % i for i in range(2000)))),
              "fail", "2,000 rows of a text cell repeated over 16,384 columns")
    suite.add("spans/ods-repeat-huge.ods",
              ods(content=ods_content_xml(ods_rows_xml() + '<table:table-row table:number-rows-repeated="2147483647">'
                                          '<table:table-cell table:number-columns-repeated="4294967295"/></table:table-row>'
                                          + ods_rows_xml(TABLE[1:2]))),
              "either", "empty repeats past every integer range, then a row")
    suite.add("spans/ods-spanned.ods",
              ods(content=ods_content_xml(ods_rows_xml() + "".join(
                  '<table:table-row><table:table-cell table:number-columns-spanned="16384" '
                  'table:number-rows-spanned="1048576" office:value-type="string"><text:p>s</text:p>'
                  '</table:table-cell></table:table-row>' for _ in range(200)))),
              "either", "200 cells each spanning the whole sheet")
    # delimited amplifiers
    if not suite.small:
        suite.add("spans/csv-blank-lines.csv", csv_text() + "\n" * (5 << 20), "convert",
                  "a table followed by 5 MB of blank lines")
        suite.add("spans/csv-wide-row.csv", "Ref,Action\r\n" + "," * (8 << 20) + "\r\n", "either",
                  "a row of 8 million empty fields")
        suite.add("spans/csv-unclosed-quote.csv", csv_text() + '"' + "x" * (20 << 20), "either",
                  "a quoted field left open for 20 MB")
        suite.add("spans/csv-many-tables.csv", ("a,b\r\n\r\n" * 500000), "either",
                  "500,000 two-cell tables")


def shared_string_cases(suite):
    count = suite.pick(2000000, 200000, 20000)
    strings = "".join("<si><t>string number %d of a great many</t></si>" % i for i in range(count))
    suite.add("huge/shared-strings.xlsx",
              xlsx(shared=XML_HEAD + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (NS_MAIN, count, count, strings)),
              "either", "%d shared strings, none used" % count)
    suite.add("huge/shared-strings-count-lies.xlsx",
              xlsx(shared=XML_HEAD + '<sst xmlns="%s" count="4294967295" uniqueCount="4294967295"><si><t>a</t></si></sst>' % NS_MAIN),
              "convert", "shared strings whose count claims 2^32 - 1")
    if suite.tiny:
        return
    big = "<si><t>%s</t></si>" % "".join(scrambled(i) + "x" * 60 for i in range((64 << 20) // 67))
    suite.add("huge/shared-string-64mb.xlsx",
              xlsx(sheet=sheet_xml(sheet_rows_xml() + '<row r="5"><c r="B5" t="s"><v>0</v></c></row>'),
                   shared=XML_HEAD + '<sst xmlns="%s">%s</sst>' % (NS_MAIN, big)),
              "either", "one 64 MB shared string, used in a cell")
    if not suite.small:
        rows = "".join('<row r="%d">%s</row>' % (r, "".join('<c r="%s%d"><v>%d</v></c>' % (col_name(c), r, c)
                                                          for c in range(60))) for r in range(1, 60001))
        suite.add("huge/sixty-by-sixty-thousand.xlsx", xlsx(sheet=sheet_xml(rows, dimension="A1:BH60000")),
                  "either", "3.6 million numeric cells")


def pdf_cases(suite):
    copies = [("pdf/image-only.pdf", FIXTURES / "pdf/image_only.pdf", "fail", "a scanned page: no text layer"),
              ("pdf/damaged-xref.pdf", FIXTURES / "pdf/damaged_xref.pdf", "either", "a broken cross-reference table"),
              ("pdf/owner-password.pdf", FIXTURES / "pdf/encrypted_owner.pdf", "either",
               "an owner password only (opens without one)")]
    for name, source, expect, what in copies:
        suite.add(name, source.read_bytes(), expect, what)
    suite.add("pdf/no-text.pdf", pdf([("0 0 612 792", b"0 0 m 100 100 l S")]), "fail",
              "a page of lines and no text")
    suite.add("pdf/huge-page.pdf", pdf([("0 0 14400 14400", pdf_table_content())]), "either",
              "a 200-inch page")
    suite.add("pdf/user-unit-page.pdf",
              pdf([("0 0 14400 14400", pdf_table_content())]).replace(b"/Type /Page ", b"/Type /Page /UserUnit 75000 ", 1),
              "either", "a page 14,400 points square at UserUnit 75,000")
    suite.add("pdf/huge-mediabox.pdf", pdf([("-1e30 -1e30 1e30 1e30", pdf_table_content())]), "either",
              "a media box of 10^30 points")
    pages = suite.pick(10000, 1000, 100)
    suite.add("pdf/many-pages.pdf", pdf([("0 0 612 792", b"BT /F1 10 Tf 50 700 Td (page) Tj ET")] * pages),
              "either", "%d pages" % pages)
    xref_broken = pdf([("0 0 612 792", pdf_table_content())])
    at = xref_broken.rindex(b"xref\n")
    suite.add("pdf/xref-garbage.pdf", xref_broken[:at] + b"xref\n0 99999999\n" + b"garbage " * 100 + b"\n%%EOF\n",
              "either", "a cross-reference table of garbage")
    suite.add("pdf/startxref-wrong.pdf", xref_broken.replace(b"startxref\n", b"startxref\n9", 1), "either",
              "startxref pointing past the end")
    suite.add("pdf/page-tree-loop.pdf",
              pdf([("0 0 612 792", pdf_table_content())]).replace(b"/Kids [4 0 R]", b"/Kids [4 0 R 2 0 R]", 1),
              "either", "a page tree that contains itself")
    glyphs = b"BT /F1 1 Tf " + b"".join(b"1 0 0 1 %d %d Tm (x) Tj " % (i % 600, i // 600 % 780) for i in range(suite.pick(400000, 400000, 20000))) + b"ET"
    suite.add("pdf/many-glyphs.pdf", pdf([("0 0 612 792", glyphs)]), "either", "many glyphs on one page")
    flate_mb = suite.pick(512, 64, 16)
    bomb = zlib.compress(b" " * (flate_mb << 20), 9)
    content = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb)) + bomb + b"\nendstream"
    flate = pdf([("0 0 612 792", b"")])
    flate = flate.replace(b"<< /Length 0 >>\nstream\n\nendstream", content, 1)
    suite.add("pdf/flate-bomb.pdf", flate, "either", "a content stream inflating to %d MB of spaces"
              % flate_mb)


def xls_cases(suite):
    good = good_sample("xls")
    suite.add("xls/crashes-freexl.xls", (FIXTURES / "xls/crashes-freexl.xls").read_bytes(), "either",
              "a workbook that crashed freexl")
    suite.add("xls/truncated.xls", (FIXTURES / "xls/truncated.xls").read_bytes(), "fail", "a truncated workbook")
    header = bytearray(good[:512]) if len(good) >= 512 else bytearray(512)
    corrupt = bytearray(good)
    corrupt[44:48] = struct.pack("<I", 0x7FFFFFFF)  # FAT sector count
    suite.add("xls/fat-count-huge.xls", bytes(corrupt), "fail", "an OLE header claiming 2^31 FAT sectors")
    corrupt = bytearray(good)
    corrupt[30:32] = struct.pack("<H", 30)  # sector shift 2^30
    suite.add("xls/sector-shift.xls", bytes(corrupt), "fail", "an OLE header with 1 GB sectors")
    suite.add("xls/ole-header-only.xls", bytes(header), "fail", "an OLE header and nothing after it")


def name_cases(suite):
    table = csv_text().encode()
    suite.add("names/new\nline.csv", table, "convert", "a file name holding a newline")
    suite.add(os.fsdecode(b"names/bad-\xff\xfe-utf8.csv"), table, "convert", "a file name that is not UTF-8")
    suite.add("names/-o.csv", table, "convert", "a file name that looks like an option")
    suite.add("names/" + "long" * 60 + ".csv", table, "convert", "a 244-byte file name")
    suite.add("names/tab\tand \"quotes\" 'and' $(dollar).csv", table, "convert",
              "a file name with a tab, quotes and shell characters")
    suite.add("names/plan.csv.xlsx", table, "either", "CSV content named .xlsx")
    suite.add("names/PLAN.XLSX", xlsx(), "convert", "an upper-case extension")
    suite.add("names/no-extension", table, "either", "CSV content with no extension")


def wrong_extension_cases(suite):
    pairs = [("docx", "xlsx"), ("xlsx", "docx"), ("pdf", "xlsx"), ("xlsx", "pdf"), ("html", "csv"),
             ("ods", "xlsx"), ("xls", "xlsx"), ("csv", "xlsx"), ("xlsx", "csv"), ("pdf", "html"),
             ("docx", "ods"), ("xls", "docx")]
    for real, named in pairs:
        suite.add("wrong-extension/%s-named.%s" % (real, named), good_sample(real), "either",
                  "a %s document named .%s" % (real, named))
    suite.add("wrong-extension/doc-named.docx", (FIXTURES / "docx/legacy.doc").read_bytes(), "fail",
              "a legacy .doc named .docx")
    suite.add("wrong-extension/png-named.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(2000), "fail", "a PNG named .xlsx")
    suite.add("wrong-extension/gzip-named.csv", zlib.compress(csv_text().encode() * 100), "either",
              "compressed bytes named .csv")


def folder_cases(suite, out):
    # a trackport.yaml naming a mapping whose drop_rows pattern backtracks without end elsewhere
    redos = out / "folders/redos"
    redos.mkdir(parents=True, exist_ok=True)
    (redos / "trackport.yaml").write_text("organisation: ReDoS Council\nmapping: evil.yaml\n")
    (redos / "evil.yaml").write_text(
        "name: evil\ncolumns:\n  - {header: Ref, field: ref}\n  - {header: Action, field: text}\n"
        "  - {header: Lead officer, field: leads}\n  - {header: Due date, field: due}\n"
        "  - {header: \"/^(R|RA|RAG)+$/\", field: rating}\n"
        "drop_rows: [\"(.|\\\\s)*QQQ\", \"(a+)+$\", \"^(\\\\w+\\\\s?)*$\"]\n")
    long_row = TABLE + [["9.9", ("a" * 60000) + "!", "Nobody", "never", "Green"]]
    suite.add("folders/redos/plan.csv", csv_text(long_row), "convert",
              "a plan under a trackport.yaml whose mapping's drop_rows patterns backtrack without end")
    # a trackport.yaml nested 1,000,000 deep: the files under it cannot be read as the folder says
    deep = out / "folders/deep-yaml"
    deep.mkdir(parents=True, exist_ok=True)
    (deep / "trackport.yaml").write_text("organisation: " + "[" * 1000000 + "]" * 1000000 + "\n")
    suite.add("folders/deep-yaml/plan.csv", csv_text(), "fail", "a plan under a trackport.yaml nested 1,000,000 deep")
    broken = out / "folders/broken-yaml"
    broken.mkdir(parents=True, exist_ok=True)
    (broken / "trackport.yaml").write_text("organisation: [unclosed\nmapping: {\n")
    suite.add("folders/broken-yaml/plan.csv", csv_text(), "fail", "a plan under a trackport.yaml that is not YAML")
    # symlink loops and other links
    loops = out / "folders/links"
    loops.mkdir(parents=True, exist_ok=True)
    for name, target in (("up", ".."), ("self", "self"), ("dangling.csv", "no-such-file.csv"),
                         ("loop-a.csv", "loop-b.csv"), ("loop-b.csv", "loop-a.csv"),
                         ("zero.csv", "/dev/zero"), ("urandom.pdf", "/dev/urandom"),
                         ("root-dir", "/")):
        link = loops / name
        if link.is_symlink():
            link.unlink()
        link.symlink_to(target)
    for name, expect, what in (("dangling.csv", "fail", "a symlink to nothing"),
                               ("loop-a.csv", "fail", "two symlinks pointing at each other"),
                               ("loop-b.csv", "fail", "two symlinks pointing at each other"),
                               ("zero.csv", "fail", "a symlink to /dev/zero"),
                               ("urandom.pdf", "fail", "a symlink to /dev/urandom")):
        suite.note("folders/links/" + name, expect, what)
    suite.note("folders/links/up", "walk", "a symlink to the folder above (a loop for a walker that follows it)")
    suite.note("folders/links/self", "walk", "a symlink to itself")
    suite.note("folders/links/root-dir", "walk", "a symlink to /")
    # special files with readable names
    specials = out / "folders/specials"
    specials.mkdir(parents=True, exist_ok=True)
    fifo = specials / "pipe.csv"
    if not fifo.exists():
        os.mkfifo(fifo)
    suite.note("folders/specials/pipe.csv", "fail", "a FIFO named .csv (opening it blocks)")
    sock_path = specials / "socket.xlsx"
    if not sock_path.exists():
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(sock_path))
        server.close()
    suite.note("folders/specials/socket.xlsx", "fail", "a UNIX socket named .xlsx")
    with open(specials / "sparse-8gb.csv", "wb") as sparse:
        sparse.truncate(8 << 30)
    suite.note("folders/specials/sparse-8gb.csv", "fail", "an 8 GB file of holes")
    (specials / "folder.xlsx").mkdir(exist_ok=True)
    suite.add("folders/specials/folder.xlsx/inside.csv", csv_text(), "convert", "a plan inside a folder named .xlsx")
    suite.add("folders/specials/unreadable.csv", csv_text(), "either",
              "a file with no read permission (root reads it anyway)", mode=0)
    locked = specials / "locked-folder"
    locked.mkdir(exist_ok=True)
    (locked / "plan.csv").write_text(csv_text())
    locked.chmod(0)
    suite.note("folders/specials/locked-folder/plan.csv", "either",
               "a plan in a folder with no permissions (root reads it anyway)")


def make_suite(out, size):
    out.mkdir(parents=True, exist_ok=True)
    suite = Suite(out, size)
    generic_cases(suite)
    encrypted_cases(suite)
    zip_bomb_cases(suite)
    xml_attack_cases(suite)
    deep_cases(suite)
    span_cases(suite)
    shared_string_cases(suite)
    pdf_cases(suite)
    xls_cases(suite)
    name_cases(suite)
    wrong_extension_cases(suite)
    folder_cases(suite, out)
    return suite.cases


# ---------------------------------------------------------------------------------------------
# The batch

GOOD_GLOBS = ["samples/*.tsv", "samples/*.csv", "samples/*.xlsx", "samples/*.docx", "samples/*.html",
              "tests/fixtures/structure/*.docx", "tests/fixtures/structure/*.xlsx",
              "tests/fixtures/structure/*.pdf", "tests/fixtures/unseen/*.xlsx",
              "tests/fixtures/unseen/*.docx", "tests/fixtures/unseen/*.html", "tests/fixtures/unseen/*.csv",
              "tests/fixtures/unseen/*.pdf", "tests/fixtures/periods/*.csv", "tests/fixtures/xls/tracker.xls",
              "tests/fixtures/ods/features.ods", "tests/fixtures/ods/handmade.ods",
              "tests/fixtures/xlsx/features.xlsx", "tests/fixtures/xlsx/handmade.xlsx",
              "tests/fixtures/pdf/ruled.pdf", "tests/fixtures/pdf/unruled.pdf", "tests/fixtures/pdf/two_tables.pdf",
              "tests/fixtures/html/content.html", "tests/fixtures/docx/content.docx"]
GOOD_EXTENSIONS = {".xlsx", ".xls", ".ods", ".docx", ".html", ".htm", ".pdf", ".csv", ".tsv"}


def good_documents(extra_dirs):
    found = []
    for pattern in GOOD_GLOBS:
        found.extend(sorted(ROOT.glob(pattern)))
    for folder in extra_dirs:
        found.extend(sorted(p for p in pathlib.Path(folder).iterdir() if p.suffix.lower() in GOOD_EXTENSIONS))
    return found


def copy_varied(source, target, n):
    """`source` at `target` with bytes of its own (its own sha256) and the same content: a ZIP
    comment, a PDF comment after the end, an HTML comment; delimited text and .xls as they are."""
    data = source.read_bytes()
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".docx", ".ods") and data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as zout:
                for info in zin.infolist():
                    zout.writestr(info, zin.read(info.filename))
                zout.comment = b"copy %d" % n
            data = buffer.getvalue()
    elif suffix == ".pdf":
        data += b"\n%% copy %d\n" % n
    elif suffix in (".html", ".htm"):
        data += b"\n<!-- copy %d -->\n" % n
    target.write_bytes(data)


# Special files a copy would read (the FIFO blocks, the sparse file fills the disk) or refuse.
SPECIALS = ("pipe.csv", "socket.xlsx", "locked-folder", "sparse-8gb.csv")


def make_batch(out, count, cases, extra_dirs, hostile_share=0.1):
    batch = out / "batch"
    if batch.exists():
        for folder in batch.rglob("*"):
            if folder.is_dir() and not folder.is_symlink():
                folder.chmod(0o755)
        shutil.rmtree(batch)
    batch.mkdir(parents=True)
    goods = good_documents(extra_dirs)
    # the hostile files a batch can hold as plain files (folder cases are copied whole below)
    whole = ("folders/", "names/")  # copied as they are, with their odd names and links
    hostile = [c for c in cases if c["expect"] in ("fail", "either") and not c["path"].startswith(whole)]
    bad_count = max(1, round(count * hostile_share))
    listed = []
    rng = random.Random(1013)
    rng.shuffle(hostile)  # a spread of kinds, not the first few
    order = ["bad"] * bad_count + ["good"] * (count - bad_count)
    rng.shuffle(order)
    bad_index = good_index = 0
    for n, kind in enumerate(order):
        council = batch / ("council-%02d" % (n % 25))
        council.mkdir(exist_ok=True)
        if kind == "good":
            source = goods[good_index % len(goods)]
            good_index += 1
            target = council / ("%04d-%s" % (n, source.name))
            copy_varied(source, target, n)
            listed.append({"path": str(target.relative_to(out)), "expect": "convert", "source": str(source)})
        else:
            case = hostile[bad_index % len(hostile)]
            bad_index += 1
            name = pathlib.PurePosixPath(case["path"]).name
            target = council / ("%04d-bad-%s" % (n, name))
            shutil.copyfile(out / "hostile" / case["path"], target)
            listed.append({"path": str(target.relative_to(out)), "expect": case["expect"], "what": case["what"],
                           "case": case["path"]})
    # the folder-level cases once each: a ReDoS mapping, bad trackport.yaml files, links, specials
    shutil.copytree(out / "hostile" / "folders", batch / "folders", symlinks=True,
                    ignore=lambda d, names: [n for n in names if n in SPECIALS])
    shutil.copytree(out / "hostile" / "names", batch / "names")
    specials = batch / "folders/specials"
    os.mkfifo(specials / "pipe.csv")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(specials / "socket.xlsx"))
    server.close()
    with open(specials / "sparse-8gb.csv", "wb") as sparse:  # copied, it would take 8 GB
        sparse.truncate(8 << 30)
    locked = specials / "locked-folder"
    locked.mkdir()
    (locked / "plan.csv").write_text(csv_text())
    locked.chmod(0)
    for case in cases:
        if case["path"].startswith(whole) and case["expect"] != "walk":
            entry = dict(case)
            entry["path"] = "batch/" + case["path"]
            entry["case"] = case["path"]
            listed.append(entry)
    return listed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--batch", type=int, default=0, help="also make a batch of N files, 10%% hostile")
    parser.add_argument("--good", action="append", default=[], help="a folder of more good documents")
    parser.add_argument("--hostile-share", type=float, default=0.1,
                        help="the share of the batch's files that are hostile (default 0.1)")
    parser.add_argument("--small", action="store_true", help="smaller bombs and counts")
    parser.add_argument("--tiny", action="store_true",
                        help="smaller still, and without the cases that take seconds (for ctest)")
    args = parser.parse_args()
    hostile = args.out / "hostile"
    if hostile.exists():
        for folder in hostile.rglob("*"):
            if folder.is_dir() and not folder.is_symlink():
                folder.chmod(0o755)
        shutil.rmtree(hostile)
    cases = make_suite(hostile, "tiny" if args.tiny else "small" if args.small else "full")
    (args.out / "cases.json").write_text(json.dumps(cases, indent=1, ensure_ascii=True))
    print("%d hostile cases in %s" % (len(cases), hostile))
    if args.batch:
        listed = make_batch(args.out, args.batch, cases, args.good, args.hostile_share)
        (args.out / "batch.json").write_text(json.dumps(listed, indent=1, ensure_ascii=True))
        print("%d files in %s (%d hostile)" % (len(listed), args.out / "batch",
                                             sum(1 for e in listed if e["expect"] != "convert")))


if __name__ == "__main__":
    main()
