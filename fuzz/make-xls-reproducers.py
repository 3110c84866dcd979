#!/usr/bin/env python3
"""Writes the hand-made reproducers of fuzz/corpus/xls: bare BIFF8 worksheet streams (an .xls
without its OLE container, which the reader accepts as Excel 2-4 files are saved), each aimed at
one bug fixed, named by their SHA-1 as libFuzzer names its inputs. Usage: fuzz/make-xls-reproducers.py"""
import hashlib
import pathlib
import struct


def record(kind, data):
    return struct.pack("<HH", kind, len(data)) + data


def worksheet(*records):
    bof = record(0x0809, struct.pack("<HH", 0x0600, 0x0010) + b"\0" * 12)  # BIFF8, worksheet
    return bof + b"".join(records) + record(0x000A, b"")  # ... EOF


def number_format(index, code):
    return record(0x041E, struct.pack("<HHB", index, len(code), 0) + code)  # FORMAT, Latin-1


def xf(format_index):
    return record(0x00E0, struct.pack("<HH", 0, format_index) + b"\0" * 16)  # XF: font 0


def number(row, column, xf_index, value):
    return record(0x0203, struct.pack("<HHHd", row, column, xf_index, value))  # NUMBER


REPRODUCERS = [
    # A time format with 400 digits of a second ("mm:ss.000…"): 10^400 was scaled into a long
    # long (undefined behaviour; UBSan's float-cast-overflow).
    worksheet(number_format(164, b"mm:ss." + b"0" * 400), xf(164),
              number(0, 0, 0, 0.5 + 7.25 / 86400), number(1, 0, 0, 0.5)),
]

if __name__ == "__main__":
    corpus = pathlib.Path(__file__).resolve().parent / "corpus" / "xls"
    for data in REPRODUCERS:
        path = corpus / hashlib.sha1(data).hexdigest()
        path.write_bytes(data)
        print(path.relative_to(corpus.parent.parent.parent))
