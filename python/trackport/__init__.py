"""trackport for Python: councils' delivery plans and progress trackers (xlsx, xls, ods, docx,
html, pdf, csv) converted into one normalised model, and two reporting periods compared.

Documents are plain dicts in trackport's JSON form (docs/MODEL.md): exactly what
``trackport convert -o out.json`` writes, element by element.

    import trackport
    docs = trackport.convert("q2-tracker.xlsx")          # one file: a list of documents
    batch = trackport.convert_batch(["trackers/"])        # files and folders, as the CLI does
    trackport.write(batch.documents, "all.xlsx")          # any output format, by name or format=
    changes = trackport.compare("q1.xlsx", "q2.xlsx")     # the changes JSON of `trackport diff`
    frames = trackport.to_dataframe(batch.documents)      # pandas: items, assessments, extra

Errors raise trackport.Error (a RuntimeError) or one of its kinds: InputFailed, OutputFailed,
InvalidOption, Cancelled; the message is one line naming the file. Long calls release the GIL;
a batch stops between files on Ctrl-C (KeyboardInterrupt) or when its CancelToken is cancelled.
"""

import os
from collections import namedtuple

from ._trackport import (  # noqa: F401  (the public names)
    Cancelled,
    CancelToken,
    Error,
    InputFailed,
    InvalidOption,
    OutputFailed,
    __version__,
    input_formats,
    output_formats,
)
from . import _trackport

__all__ = [
    "Batch", "Cancelled", "CancelToken", "Error", "Frames", "InputFailed", "InvalidOption",
    "OutputFailed", "TrackerFile", "compare", "convert", "convert_batch", "identify",
    "input_formats", "open", "output_formats", "tables", "to_dataframe", "write",
]

Batch = namedtuple("Batch", "documents converted failed errors")
Batch.__doc__ = """A batch converted: its documents in input order (a failed or skipped file as
a document saying so, as the CLI's outputs list them), the counts, and one line per failure."""


def _path(path):
    return os.fspath(path)


def identify(path):
    """The format trackport reads ``path`` as ("xlsx", "csv", ...): told by its content."""
    return _trackport.identify(_path(path))


def tables(path, password=None):
    """Every table trackport finds in ``path``, as ``trackport tables`` writes them (a dict with
    "file" and "tables", each table's cells with row, col, spans and text)."""
    return _trackport.tables(_path(path), password)


def convert(source, *, mapping=None, mappings=(), organisation=None, period=None, password=None,
            from_format=None):
    """The documents one source holds, as dicts: a file trackport reads, a trackport .json, or a
    trackport database ("tracker.sqlite", "tracker.sqlite:FILE", "postgresql://host/db#FILE")."""
    return _trackport.convert(_path(source), mapping, [_path(m) for m in mappings], organisation,
                              period, password, from_format)


def convert_batch(inputs, *, mapping=None, mappings=(), organisation=None, period=None,
                  password=None, from_format=None, jobs=1, cancel=None):
    """Files and folders converted as ``trackport convert INPUT... -o OUT`` does; a Batch.
    ``cancel``: a CancelToken another thread may cancel (the batch then raises Cancelled)."""
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    result = _trackport.convert_batch([_path(i) for i in inputs], mapping,
                                      [_path(m) for m in mappings], organisation, period,
                                      password, from_format, jobs, cancel)
    return Batch(result["documents"], result["converted"], result["failed"], result["errors"])


def write(documents, output, format=None, table=None):  # noqa: A002  (the CLI's own word)
    """Writes documents (dicts) to ``output``: a file whose extension names the format (.xlsx,
    .json, .jsonl, .csv, .sqlite), a postgresql:// database, or any name with ``format=``."""
    _trackport.write(list(documents), _path(output), format, table)


def _one_document(side):
    if isinstance(side, dict):
        return side
    if isinstance(side, (str, os.PathLike)):
        documents = convert(side)
        if len(documents) != 1:
            raise InputFailed(f"{_path(side)}: holds {len(documents)} documents; compare one with one")
        return documents[0]
    raise TypeError("compare takes a document (dict) or a path")


def compare(old, new, *, list_progress=False):
    """What changed between two reporting periods of one plan (documents or paths), as
    ``trackport diff -o changes.json`` writes it."""
    return _trackport.compare(_one_document(old), _one_document(new), list_progress)


class TrackerFile:
    """A file opened for reading: its format now, its tables or documents when asked."""

    def __init__(self, path, **options):
        self.path = _path(path)
        self.options = options
        self.format = identify(self.path)

    def tables(self):
        return tables(self.path, self.options.get("password"))

    def convert(self):
        return convert(self.path, **self.options)

    def __repr__(self):
        return f"<trackport.TrackerFile {self.path!r} ({self.format})>"


def open(path, **options):  # noqa: A001  (trackport.open, like io.open)
    """Opens a file: raises InputFailed now when trackport cannot read it."""
    return TrackerFile(path, **options)


Frames = namedtuple("Frames", "items assessments extra")
Frames.__doc__ = """pandas DataFrames of documents: one row per item, per assessment of an item,
and per extra (unplaced) column of an item; each row names its document by source file."""

_DOCUMENT_COLUMNS = ["source_file", "title", "organisation", "period"]


def to_dataframe(documents):
    """Documents (dicts) as pandas DataFrames (Frames: items, assessments, extra). Needs pandas."""
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - pandas is an optional dependency
        raise ImportError("trackport.to_dataframe needs pandas (apt install python3-pandas)") from error
    items, assessments, extra = [], [], []
    for document in documents:
        head = {
            "source_file": (document.get("source") or {}).get("file"),
            "title": document.get("title"),
            "organisation": document.get("organisation"),
            "period": document.get("period"),
        }
        for item in document.get("items", []):
            row = dict(head)
            for key, value in item.items():
                if key in ("assessments", "extra"):
                    continue
                if key == "source" and isinstance(value, dict):
                    for part, part_value in value.items():
                        row[f"source_{part}"] = part_value
                elif key == "due" and isinstance(value, dict):
                    for part, part_value in value.items():
                        row[f"due_{part}"] = part_value
                elif isinstance(value, list):
                    row[key] = "; ".join(str(v) for v in value)
                else:
                    row[key] = value
            items.append(row)
            for assessment in item.get("assessments", []) or []:
                assessments.append({"source_file": head["source_file"], "item_id": item.get("id"),
                                    **assessment})
            for header, value in _extra_pairs(item.get("extra")):
                extra.append({"source_file": head["source_file"], "item_id": item.get("id"),
                              "header": header, "value": value})
    return Frames(
        pandas.DataFrame(items),
        pandas.DataFrame(assessments, columns=None if assessments else
                         ["source_file", "item_id", "by", "rating", "raw", "from", "commentary"]),
        pandas.DataFrame(extra, columns=["source_file", "item_id", "header", "value"]),
    )


def _extra_pairs(extra):
    if not extra:
        return []
    if isinstance(extra, dict):
        return list(extra.items())
    return [(pair[0], pair[1]) if isinstance(pair, (list, tuple)) else (pair.get("header"), pair.get("value"))
            for pair in extra]
