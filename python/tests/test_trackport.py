"""The Python module against the repository's own material: the samples and their hand-reviewed
golden documents (tests/golden/samples), run from the source folder."""
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

import trackport

SAMPLES = sorted(p for p in Path("samples").iterdir() if p.suffix != ".md")
GOLDEN = Path("tests/golden/samples")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_convert_gives_the_reviewed_golden_document(sample):
    expected = json.loads((GOLDEN / f"{sample.name}.expected.json").read_text(encoding="utf-8"))
    assert trackport.convert(str(sample)) == [expected]


def test_identify_tells_formats_by_content(tmp_path):
    assert trackport.identify("samples/sheffield-tracker-styled.xlsx") == "xlsx"
    assert trackport.identify("samples/sheffield-tracker-word.docx") == "docx"
    assert trackport.identify("samples/sheffield-tracker-word.html") == "html"
    assert trackport.identify("samples/sheffield-tracker-extract.csv") == "csv"
    # A workbook under a wrong name is still a workbook.
    renamed = tmp_path / "tracker.csv"
    shutil.copy("samples/sheffield-tracker-styled.xlsx", renamed)
    assert trackport.identify(renamed) == "xlsx"


def test_open_reads_the_format_now_and_the_rest_when_asked():
    opened = trackport.open("samples/sheffield-tracker-styled.xlsx")
    assert opened.format == "xlsx"
    tables = opened.tables()
    assert tables["file"] == "samples/sheffield-tracker-styled.xlsx"
    assert len(tables["tables"]) >= 1
    texts = {cell["text"] for table in tables["tables"] for cell in table["cells"]}
    assert "Challenge" in texts and "Child Poverty Strategy Delivery Plan 2011-14" in texts
    documents = opened.convert()
    assert len(documents) == 1 and documents[0]["source"]["format"] == "xlsx"


def test_errors_are_one_line_naming_the_file_with_a_kind_to_catch(tmp_path):
    with pytest.raises(trackport.InputFailed) as missing:
        trackport.convert(str(tmp_path / "absent.xlsx"))
    assert str(missing.value).startswith(str(tmp_path / "absent.xlsx") + ": ")
    assert "\n" not in str(missing.value)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is no zip")
    with pytest.raises(trackport.Error) as corrupt:
        trackport.convert(str(broken))
    assert str(corrupt.value).startswith(str(broken) + ": ")
    assert isinstance(corrupt.value, RuntimeError)
    with pytest.raises(trackport.InvalidOption):
        trackport.write([], tmp_path / "out.unknown")
    with pytest.raises(trackport.InvalidOption):
        trackport.convert("samples/sheffield-tracker-extract.csv", mapping="no-such-mapping")


def test_write_then_read_back_gives_the_same_documents(tmp_path):
    documents = trackport.convert("samples/sheffield-tracker-extract.csv")
    for name in ("back.json", "back.sqlite", "back.xlsx"):
        trackport.write(documents, tmp_path / name)
        assert trackport.convert(str(tmp_path / name)) == documents, name


def test_write_matches_the_cli_byte_for_byte(tmp_path):
    binary = os.environ.get("TRACKPORT_BINARY")
    if not binary:
        pytest.skip("TRACKPORT_BINARY not set (ctest sets it)")
    sample = "samples/sheffield-tracker-word.docx"
    subprocess.run([binary, "convert", sample, "-o", tmp_path / "cli.csv", "--quiet"], check=True)
    trackport.write(trackport.convert(sample), tmp_path / "module.csv")
    assert (tmp_path / "module.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()


def test_compare_lists_a_status_move():
    old = trackport.convert("samples/sheffield-tracker-extract.csv")[0]
    same = trackport.compare(old, old)
    assert same["changes"] == []
    assert same["matched"] == len(old["items"])
    new = json.loads(json.dumps(old))
    new["items"][0]["status"] = "red" if old["items"][0]["status"] != "red" else "green"
    changes = trackport.compare(old, new)["changes"]
    assert [c["change"] for c in changes] == ["status"]
    assert changes[0]["old"] == old["items"][0]["status"]  # the model's rating names
    assert changes[0]["new"] == new["items"][0]["status"]
    # Paths work as sides too.
    assert trackport.compare("samples/sheffield-tracker-extract.csv", new)["counts"]["status"] == 1


def test_convert_batch_lists_files_as_the_cli_does():
    batch = trackport.convert_batch(["samples"])
    assert batch.converted == len(SAMPLES) and batch.failed == 0 and batch.errors == []
    files = [d["source"]["file"] for d in batch.documents]
    assert files == [str(p) for p in SAMPLES] + ["samples/README.md"]
    assert batch.documents[-1]["warnings"][0]["code"] == "input-skipped"


def test_a_failed_file_is_a_document_and_an_error_line(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a word document")
    batch = trackport.convert_batch([str(broken), "samples/sheffield-tracker-extract.csv"])
    assert batch.converted == 1 and batch.failed == 1
    assert batch.errors[0].startswith(str(broken) + ": ")
    assert batch.documents[0]["warnings"][0]["code"] == "input-failed"


def test_a_cancelled_batch_raises_cancelled():
    token = trackport.CancelToken()
    token.cancel()
    with pytest.raises(trackport.Cancelled):
        trackport.convert_batch(["samples"], cancel=token)


@pytest.fixture(scope="module")
def big_batch(tmp_path_factory):
    """400 copies of the biggest sample (a batch lists a file once, so each is its own file)."""
    folder = tmp_path_factory.mktemp("big")
    for n in range(400):
        shutil.copy("samples/rotherham-cypp-progress-report.tsv", folder / f"copy{n:03}.tsv")
    return sorted(str(p) for p in folder.iterdir())


def test_a_batch_releases_the_gil(big_batch):
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        trackport.convert_batch(big_batch[:10])
    finally:
        stop.set()
        ticker.join()
    assert len(ticks) > 10  # the other thread ran while the batch converted


def test_ctrl_c_stops_a_batch_between_files(big_batch):
    import _thread

    timer = threading.Timer(0.3, _thread.interrupt_main)
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        trackport.convert_batch(big_batch)
    timer.cancel()
    # 400 files take far longer; stopping waits only for the file under way.
    assert time.monotonic() - started < 5


def test_to_dataframe_gives_items_assessments_and_extra():
    pandas = pytest.importorskip("pandas")
    documents = trackport.convert("samples/nottingham-hwb-progress-review.tsv")
    frames = trackport.to_dataframe(documents)
    items = sum(len(d["items"]) for d in documents)
    assert isinstance(frames.items, pandas.DataFrame)
    assert len(frames.items) == items
    assert list(frames.items["id"]) == [i["id"] for d in documents for i in d["items"]]
    assessments = sum(len(i["assessments"]) for d in documents for i in d["items"])
    assert assessments > 0 and len(frames.assessments) == assessments
    extra = sum(len(i["extra"] or {}) for d in documents for i in d["items"])
    assert len(frames.extra) == extra
    assert set(frames.extra.columns) == {"source_file", "item_id", "header", "value"}
