#!/usr/bin/env python3
"""Validates trackport's JSON and JSON Lines outputs against docs/schema/trackport.schema.json.

    python3 tests/schema/validate_outputs.py TRACKPORT_BINARY REPO_ROOT [--keep DIR] [--errors N]

(a) converts every input document under samples/ and tests/fixtures/ one file at a time to .json
    and to .jsonl (a file trackport refuses on purpose, with a non-zero exit, is skipped and
    counted), plus one batch conversion of samples/ to a single .json;
(b) validates every .json against the root schema (an array of Documents) and every .jsonl line
    against #/$defs/JsonLinesItem (Draft 2020-12, no format checking), and checks that the .jsonl
    lines are the .json's items with their document's identity;
(c) checks that every warning code in the outputs, and every code literal the warning-raising
    calls in src/ use, is in docs/schema/warning-codes.json, that the schema's WarningCode enum and
    the table of docs/WARNINGS.md list exactly those codes, and that the schema's Item has exactly
    the fields of kItemFields (src/model/fields.hpp);
(d) exits 0 when everything holds, 1 otherwise, after a one-line summary.

Needs Python 3.9+ and the jsonschema package (4.x). Runs two conversions at a time.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import jsonschema
except ImportError:  # pragma: no cover
    sys.exit("validate_outputs.py: needs the jsonschema package (apt install python3-jsonschema)")

# Every format trackport reads (src/pipeline/inputs.cpp is_supported_extension, less .txt and
# .tab, which in this repository would be notes rather than trackers).
INPUT_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".html", ".htm", ".pdf", ".csv",
                    ".tsv"}
INPUT_FOLDERS = ("samples", "tests/fixtures")
BATCH_FOLDER = "samples"
CONVERT_TIMEOUT = 120  # seconds, per conversion
JOBS = 2

# How a warning gets its code in src/: the code is the first string literal of one of these
# calls or initialisers (docs/WARNINGS.md names this list). A new way of raising a warning needs
# a pattern here, or its code goes unchecked.
CODE = r'([a-z][a-z0-9]*(?:-[a-z0-9]+)*)'
CODE_PATTERNS = [
    # warning.code = "row-continued-across-page";
    re.compile(r'\.code\s*=\s*"' + CODE + '"'),
    # warn("unmapped-column", ...), make_warning(input, "part-unreadable", ...),
    # page_warning(input, i + 1, "page-unreadable", ...), sheet_warning("hidden-row", ...),
    # input_document(path, "input-skipped", ...)
    re.compile(r'\b(?:warn|make_warning|page_warning|sheet_warning|input_document)\s*\(\s*'
               r'(?:[^;"{}()]*?,\s*)?"' + CODE + '"'),
    # warnings.push_back({"header-not-found", ...}), notes.push_back({"table-refers-back", ...})
    re.compile(r'\b(?:push_back|emplace_back)\s*\(\s*\{\s*"' + CODE + r'"\s*,'),
    # Warning{"code", ...} / Warning("code", ...)
    re.compile(r'\bWarning\s*[({]\s*"' + CODE + '"'),
]
SOURCE_SUFFIXES = {".cpp", ".hpp", ".cc", ".h"}

_validators: dict = {}  # name -> Draft202012Validator, one set a process


# --- the schema ------------------------------------------------------------------------------

def load_json(path: Path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def sub_schema(schema: dict, name: str) -> dict:
    """The schema with its root replaced by a reference to one of its $defs."""
    sub = {key: value for key, value in schema.items() if key not in ("type", "items")}
    sub["$ref"] = f"#/$defs/{name}"
    return sub


def make_validators(schema: dict) -> dict:
    cls = jsonschema.Draft202012Validator
    return {
        "root": cls(schema, format_checker=None),
        "Document": cls(sub_schema(schema, "Document"), format_checker=None),
        "JsonLinesItem": cls(sub_schema(schema, "JsonLinesItem"), format_checker=None),
    }


def init_worker(schema: dict) -> None:
    _validators.update(make_validators(schema))


def json_path(error) -> str:
    path = getattr(error, "json_path", None)
    if path is not None:
        return path
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)


def errors_of(validator_name: str, instance, limit: int) -> tuple[int, list[str]]:
    """How many errors, and the first `limit` as 'JSON-path: message'."""
    errors = sorted(_validators[validator_name].iter_errors(instance),
                    key=lambda e: list(map(str, e.absolute_path)))
    shown = []
    for error in errors[:limit]:
        message = error.message
        if len(message) > 240:
            message = message[:240] + "..."
        shown.append(f"{json_path(error)}: {message}")
    return len(errors), shown


# --- one input -------------------------------------------------------------------------------

def convert(binary: str, inputs: list[str], output: Path, cwd: str) -> tuple[int, str]:
    try:
        done = subprocess.run([binary, "convert", *inputs, "-o", str(output), "--quiet"],
                              cwd=cwd, capture_output=True, text=True, errors="replace",
                              timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        return -1, f"timed out after {CONVERT_TIMEOUT} s"
    return done.returncode, done.stderr.strip().splitlines()[0] if done.stderr.strip() else ""


def identity(document: dict) -> dict:
    return {key: document.get(key) for key in ("title", "organisation", "period", "source",
                                                "mapping")}


def check_json(path: Path, label: str, limit: int, result: dict) -> list | None:
    """Validates a .json output; returns its documents (for the .jsonl comparison)."""
    try:
        data = load_json(path)
    except (OSError, ValueError) as error:
        result["problems"].append(f"{label}: not JSON: {error}")
        result["invalid"] += 1
        return None
    documents = data if isinstance(data, list) else [data]
    for document in documents:
        if isinstance(document, dict):
            for warning in document.get("warnings") or []:
                if isinstance(warning, dict) and isinstance(warning.get("code"), str):
                    result["codes"].add(warning["code"])
    count, shown = errors_of("root", data, limit)
    if count == 0:
        return documents
    result["invalid"] += 1
    result["errors"] += count
    if isinstance(data, dict):
        # The old shape: one bare Document. Say so, and whether the Document itself is valid.
        inner, inner_shown = errors_of("Document", data, limit)
        result["old_shape"] += 1
        result["old_shape_inner_errors"] += inner
        result["problems"].append(
            f"{label}: old shape: a bare Document object, not an array of Documents "
            f"(the Document itself: {inner} error(s))")
        result["problems"].extend(f"{label}: {line}" for line in inner_shown)
    else:
        result["problems"].extend(f"{label}: {line}" for line in shown)
    return documents


def check_jsonl(path: Path, label: str, limit: int, result: dict,
                documents: list | None) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        result["problems"].append(f"{label}: unreadable: {error}")
        result["invalid"] += 1
        return
    lines = text.splitlines()
    result["lines"] += len(lines)
    if text and not text.endswith("\n"):
        result["problems"].append(f"{label}: the last line has no newline")
        result["invalid"] += 1
    bad_lines = 0
    old_lines = 0
    parsed = []
    shown_left = limit
    for number, line in enumerate(lines, 1):
        where = f"{label}:{number}"
        try:
            value = json.loads(line)
        except ValueError as error:
            bad_lines += 1
            if shown_left > 0:
                result["problems"].append(f"{where}: not JSON: {error}")
                shown_left -= 1
            continue
        parsed.append(value)
        count, shown = errors_of("JsonLinesItem", value, max(shown_left, 0))
        if count == 0:
            continue
        bad_lines += 1
        result["errors"] += count
        if isinstance(value, dict) and "schema_version" in value and "items" in value:
            # The old shape: a whole Document a line.
            old_lines += 1
            inner, inner_shown = errors_of("Document", value, max(shown_left - 1, 0))
            result["old_shape_inner_errors"] += inner
            if shown_left > 0:
                result["problems"].append(
                    f"{where}: old shape: a whole Document, not an item with `document` "
                    f"(the Document itself: {inner} error(s))")
                result["problems"].extend(f"{where}: {text}" for text in inner_shown)
                shown_left -= 1 + len(inner_shown)
        else:
            result["problems"].extend(f"{where}: {text}" for text in shown)
            shown_left -= len(shown)
    if bad_lines:
        result["invalid"] += 1
        if old_lines == bad_lines:
            result["old_shape"] += 1
        return
    # The lines are the .json's items, in order, each with its document's identity.
    if documents is None or not all(isinstance(d, dict) for d in documents):
        return
    expected = [(identity(d), item) for d in documents for item in d.get("items") or []]
    got = [(line.get("document"), {k: v for k, v in line.items() if k != "document"})
           for line in parsed]
    if len(expected) != len(got):
        result["invalid"] += 1
        result["problems"].append(f"{label}: {len(got)} line(s), but the .json has "
                                  f"{len(expected)} item(s)")
        return
    for number, ((want_doc, want_item), (doc, item)) in enumerate(zip(expected, got), 1):
        if doc != want_doc or item != want_item:
            result["invalid"] += 1
            what = "document" if doc != want_doc else "item"
            result["problems"].append(f"{label}:{number}: the line's {what} differs from the "
                                      f"same item in the .json")
            return


def new_result(label: str) -> dict:
    return {"label": label, "refused": None, "outputs": 0, "invalid": 0, "errors": 0,
            "old_shape": 0, "old_shape_inner_errors": 0, "lines": 0, "codes": set(),
            "problems": []}


def check_input(binary: str, root: str, relative: str, out_dir: str, index: int,
                limit: int) -> dict:
    result = new_result(relative)
    base = Path(out_dir) / f"{index:04d}"
    json_out = base.with_suffix(".json")
    status, message = convert(binary, [relative], json_out, root)
    if status != 0:
        result["refused"] = f"exit {status}: {message}"
        return result
    result["outputs"] += 1
    documents = check_json(json_out, f"{relative} -> .json", limit, result)
    lines_out = base.with_suffix(".jsonl")
    status, message = convert(binary, [relative], lines_out, root)
    if status != 0:
        result["invalid"] += 1
        result["problems"].append(f"{relative} -> .jsonl: refused (exit {status}: {message}) "
                                  f"though the .json was written")
        return result
    result["outputs"] += 1
    check_jsonl(lines_out, f"{relative} -> .jsonl", limit, result, documents)
    return result


def check_batch(binary: str, root: str, out_dir: str, limit: int) -> dict:
    result = new_result(f"{BATCH_FOLDER}/ (batch)")
    json_out = Path(out_dir) / "batch.json"
    status, message = convert(binary, [BATCH_FOLDER + "/"], json_out, root)
    if status != 0:
        result["invalid"] += 1
        result["problems"].append(f"{BATCH_FOLDER}/ (batch): exit {status}: {message}")
        if not json_out.exists():
            return result
    result["outputs"] += 1
    check_json(json_out, f"{BATCH_FOLDER}/ (batch) -> .json", limit, result)
    return result


# --- the codes and the fields, statically ----------------------------------------------------

def source_codes(root: Path) -> dict[str, set[str]]:
    """Every code literal the warning-raising calls of src/ use: code -> files."""
    found: dict[str, set[str]] = {}
    for path in sorted((root / "src").rglob("*")):
        if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        text = re.sub(r"(?m)^\s*//.*$", "", text)
        for pattern in CODE_PATTERNS:
            for match in pattern.finditer(text):
                found.setdefault(match.group(1), set()).add(str(path.relative_to(root)))
    return found


def item_field_names(root: Path) -> list[str]:
    """The names of kItemFields in src/model/fields.hpp, in order."""
    text = (root / "src/model/fields.hpp").read_text(encoding="utf-8")
    block = re.search(r"kItemFields\s*\{\{(.*?)\}\};", text, flags=re.S)
    if not block:
        return []
    return re.findall(r'\{\s*"([a-z_]+)"\s*,\s*"[^"]*"\s*,\s*ItemFieldKind::', block.group(1))


def documented_codes(root: Path) -> list[str]:
    """The codes in the first column of docs/WARNINGS.md's tables."""
    text = (root / "docs/WARNINGS.md").read_text(encoding="utf-8")
    return re.findall(r"(?m)^\|\s*`([a-z0-9-]+)`\s*\|", text)


def static_checks(root: Path, schema: dict,
                  codes: list[str]) -> tuple[list[str], dict[str, set[str]], list[str]]:
    problems = []
    if codes != sorted(set(codes)):
        problems.append("docs/schema/warning-codes.json: not sorted, or a code is listed twice")
    enum = schema["$defs"]["WarningCode"]["enum"]
    if sorted(enum) != sorted(set(codes)):
        problems.append("trackport.schema.json: WarningCode differs from warning-codes.json: "
                        f"only in the schema {sorted(set(enum) - set(codes))}, only in the list "
                        f"{sorted(set(codes) - set(enum))}")
    in_src = source_codes(root)
    for code in sorted(set(in_src) - set(codes)):
        problems.append(f"warning code '{code}' ({', '.join(sorted(in_src[code]))}) is not in "
                        "docs/schema/warning-codes.json (and docs/WARNINGS.md)")
    documented = documented_codes(root)
    if sorted(documented) != sorted(set(codes)):
        problems.append("docs/WARNINGS.md: its table lists "
                        f"{sorted(set(documented) - set(codes))} beyond warning-codes.json and "
                        f"lacks {sorted(set(codes) - set(documented))}")
    if len(documented) != len(set(documented)):
        problems.append("docs/WARNINGS.md: a code has two rows")
    defs = schema["$defs"]
    fields = item_field_names(root)
    item_properties = list(defs["Item"]["properties"])
    if not fields:
        problems.append("src/model/fields.hpp: kItemFields not found")
    elif fields != item_properties:
        problems.append(f"schema Item fields {item_properties} differ from kItemFields {fields}")
    if set(defs["Item"]["required"]) != set(item_properties):
        problems.append("schema Item: not every field is required")
    lines = defs["JsonLinesItem"]
    if {k: v for k, v in lines["properties"].items() if k != "document"} != \
            defs["Item"]["properties"] or set(lines["required"]) != set(item_properties) | {
                "document"}:
        problems.append("schema JsonLinesItem: its properties are not Item's plus document")
    stale = sorted(set(codes) - set(in_src))
    return problems, in_src, stale


# --- main ------------------------------------------------------------------------------------

def find_inputs(root: Path) -> list[str]:
    inputs = []
    for folder in INPUT_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix.lower() in INPUT_EXTENSIONS and \
                    not path.name.startswith("~$"):
                inputs.append(str(path.relative_to(root)))
    return inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="the trackport binary")
    parser.add_argument("root", help="the repository root (holds samples/, tests/fixtures/, "
                                     "docs/schema/)")
    parser.add_argument("--keep", metavar="DIR", help="write the outputs to DIR and keep them")
    parser.add_argument("--errors", type=int, default=3,
                        help="schema errors shown per output (default 3)")
    parser.add_argument("--show", type=int, default=40,
                        help="problem lines shown in all (default 40)")
    args = parser.parse_args()

    root = Path(args.root).resolve()
    binary = shutil.which(args.binary) or args.binary
    binary = str(Path(binary).resolve())
    if not os.access(binary, os.X_OK):
        print(f"validate_outputs: {args.binary} is not an executable", file=sys.stderr)
        return 1
    schema_path = root / "docs/schema/trackport.schema.json"
    schema = load_json(schema_path)
    jsonschema.Draft202012Validator.check_schema(schema)
    codes = load_json(root / "docs/schema/warning-codes.json")
    init_worker(schema)

    static_problems, in_src, stale = static_checks(root, schema, codes)
    inputs = find_inputs(root)

    if args.keep:
        out_dir = Path(args.keep)
        out_dir.mkdir(parents=True, exist_ok=True)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="trackport-schema-")
        out_dir = Path(cleanup.name)

    results = []
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=JOBS, initializer=init_worker,
                                                    initargs=(schema,)) as pool:
            futures = [pool.submit(check_input, binary, str(root), relative, str(out_dir), i,
                                   args.errors) for i, relative in enumerate(inputs)]
            futures.append(pool.submit(check_batch, binary, str(root), str(out_dir),
                                       args.errors))
            results = [future.result() for future in futures]
    finally:
        if cleanup:
            cleanup.cleanup()

    seen_codes = set().union(*(r["codes"] for r in results)) if results else set()
    undocumented_seen = sorted(seen_codes - set(codes))
    problems = list(static_problems)
    for code in undocumented_seen:
        problems.append(f"warning code '{code}' found in the outputs is not in "
                        "docs/schema/warning-codes.json")
    for result in results:
        problems.extend(result["problems"])

    refused = [r for r in results if r["refused"]]
    outputs = sum(r["outputs"] for r in results)
    invalid = sum(r["invalid"] for r in results)
    errors = sum(r["errors"] for r in results)
    old_shape = sum(r["old_shape"] for r in results)
    old_inner = sum(r["old_shape_inner_errors"] for r in results)
    lines = sum(r["lines"] for r in results)

    for line in problems[:args.show]:
        print(line)
    if len(problems) > args.show:
        print(f"... and {len(problems) - args.show} more problem line(s)")
    for result in refused:
        print(f"refused (skipped): {result['label']}: {result['refused']}")
    if stale:
        print(f"note: listed codes no warning-raising call in src/ uses (stale?): {stale}")

    ok = not problems
    old = (f", {old_shape} in the old shape only (their Documents: {old_inner} error(s))"
           if old_shape else "")
    print(f"validate_outputs: {'OK' if ok else 'FAILED'}: {len(inputs)} inputs "
          f"({len(refused)} refused) + 1 batch, {outputs} outputs ({lines} .jsonl lines), "
          f"{invalid} invalid{old}, {errors} schema error(s); warning codes: {len(seen_codes)} "
          f"seen, {len(in_src)} in src, {len(codes)} listed, "
          f"{len(undocumented_seen) + len(set(in_src) - set(codes))} undocumented; "
          f"{len(static_problems)} static problem(s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
