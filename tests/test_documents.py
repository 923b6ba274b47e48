"""Document loading on good and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapper.documents import Document, load_document, load_documents
from mapper.errors import DocumentError

BODY = "Gunmen attacked a checkpoint in Jalalabad on Monday.\nNo group claimed it.\n"


def _load(*paths: Path) -> tuple[list[Document], list[str]]:
    warnings: list[str] = []
    return load_documents(paths, on_warning=warnings.append), warnings


def test_plain_text_is_whole_file_with_first_line_title(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(BODY, encoding="utf-8")
    docs, warnings = _load(path)
    assert warnings == []
    (doc,) = docs
    assert doc.id == "report"
    assert doc.title == "Gunmen attacked a checkpoint in Jalalabad on Monday."
    assert doc.text == BODY
    assert doc.body_start == 0
    assert doc.date is None


def test_front_matter_fields_and_offsets_index_the_full_text(tmp_path: Path) -> None:
    head = '---\ntitle: "Attack in Jalalabad"\ndate: 2021-08-30\nsource: Wire\nurl: https://e.x/a\n---\n'
    path = tmp_path / "a.md"
    path.write_text(head + BODY, encoding="utf-8")
    (doc,) = load_documents([path])
    assert (doc.title, doc.date, doc.source, doc.url) == (
        "Attack in Jalalabad",
        "2021-08-30",
        "Wire",
        "https://e.x/a",
    )
    assert doc.body_start == len(head)
    assert doc.body == BODY
    start = doc.text.index("Jalalabad", doc.body_start)
    assert doc.text[start : start + 9] == "Jalalabad"
    assert start > len(head)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Kunar — Asadabad".encode())
    (doc,) = load_documents([path])
    assert doc.text == "Kunar — Asadabad"


def test_latin1_is_detected_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Les combattants sont arrivés à Hérat après l'été.".encode("latin-1"))
    docs, warnings = _load(path)
    assert docs[0].text == "Les combattants sont arrivés à Hérat après l'été."
    assert len(warnings) == 1
    assert "latin.txt" in warnings[0]
    assert "not UTF-8" in warnings[0]


def test_binary_and_empty_files_are_skipped_by_name(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    docs, warnings = _load(tmp_path / "blob.txt", tmp_path / "empty.txt")
    assert docs == []
    assert any("blob.txt" in w and "binary" in w for w in warnings)
    assert any("empty.txt" in w and "empty" in w for w in warnings)


def test_oversized_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    warnings: list[str] = []
    assert load_documents([path], on_warning=warnings.append, max_bytes=1000) == []
    assert "big.txt" in warnings[0]


def test_html_main_text_without_scripts_or_navigation(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Blast in Kabul</title>"
        '<meta property="article:published_time" content="2021-08-26T18:00:00Z">'
        "<script>var x = 'Moscow';</script></head><body><nav>Home | World</nav>"
        "<article><h1>Blast in Kabul</h1><p>A suicide bomber struck the <b>airport</b>.</p>"
        "<p>ISKP claimed it.</p></article><footer>© Paper</footer></body></html>",
        encoding="utf-8",
    )
    (doc,) = load_documents([path])
    assert doc.title == "Blast in Kabul"
    assert doc.date == "2021-08-26"
    assert doc.text == "Blast in Kabul\nA suicide bomber struck the airport.\nISKP claimed it."


def test_jsonl_rows_are_documents_and_bad_rows_are_named(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        json.dumps({"id": "r1", "title": "One", "date": "2022-03-01", "text": "Blast in Kunar."}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Raid in Peshawar.", "url": "https://e.x/2"}),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs, warnings = _load(path)
    assert [(d.id, d.title, d.date, d.text) for d in docs] == [
        ("r1", "One", "2022-03-01", "Blast in Kunar."),
        ("feed#4", "Raid in Peshawar.", None, "Raid in Peshawar."),
    ]
    assert [w.split(":")[0] for w in warnings] == [
        f"skipped {path} line 2",
        f"skipped {path} line 3",
    ]


def test_directory_mix_is_recursive_sorted_and_skips_hidden_and_bad(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Quetta.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("Peshawar.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored,by,suffix", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.md").write_bytes(b"")
    docs, warnings = _load(tmp_path)
    assert [d.text for d in docs] == ["Quetta.", "Peshawar."]
    assert len(warnings) == 2
    assert any("bin.txt" in w for w in warnings)
    assert any("empty.md" in w for w in warnings)


def test_same_stem_gets_distinct_ids(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"From {folder}.", encoding="utf-8")
    docs, _ = _load(tmp_path)
    assert [d.id for d in docs] == ["report", "report~2"]


def test_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"nope\.txt: no such file"):
        load_documents([tmp_path / "nope.txt"])


def test_load_document_reports_why_a_file_is_unusable(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DocumentError, match="empty"):
        load_document(path)


def test_the_seeds_load_unchanged() -> None:
    seeds = Path(__file__).parent.parent / "seeds"
    docs, warnings = _load(seeds)
    assert warnings == []
    assert len(docs) == 5
    for doc in docs:
        assert doc.text == Path(doc.path).read_text(encoding="utf-8")


def test_a_long_first_line_gives_a_short_title(tmp_path: Path) -> None:
    first = "On August 26, the group released a new issue of its magazine. " + "More words " * 20
    (tmp_path / "a.txt").write_text(first + "\nSecond line.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("word " * 60, encoding="utf-8")
    a, b = load_documents([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert a.title == "On August 26, the group released a new issue of its magazine"
    assert b.title.endswith("word…")
    assert len(b.title) <= 101
