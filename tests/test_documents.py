"""Document loading on good and bad input."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


@pytest.mark.parametrize(
    "head",
    [
        "Title: Attack in Jalalabad\nDate: 2021-08-30\n\n",
        "title: Attack in Jalalabad\r\nDate: 2021-08-30 10:20\r\nSource: Wire\r\n\r\n",
        "Date: 2021-08-30\nTitle:   Attack in Jalalabad\n  \n",
    ],
)
def test_a_plain_header_of_key_value_lines_is_front_matter(tmp_path: Path, head: str) -> None:
    # MultiMarkdown and Pelican write metadata without "---" lines
    path = tmp_path / "a.txt"
    path.write_bytes((head + BODY).encode("utf-8"))
    (doc,) = load_documents([path])
    assert (doc.title, doc.date, doc.body) == ("Attack in Jalalabad", "2021-08-30", BODY)


@pytest.mark.parametrize(
    "head",
    [
        "Date: 30/08/2021\nLocation: Jalalabad\n\n",  # a log's first record
        "Title: Attack\nLocation: Jalalabad\n\n",  # a key no header has
        "Source: Wire\n\n",  # neither a title nor a date
    ],
)
def test_record_fields_at_the_top_stay_in_the_body(tmp_path: Path, head: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(head + BODY, encoding="utf-8")
    (doc,) = load_documents([path])
    assert (doc.body_start, doc.date) == (0, None)


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


# --- encodings (issue 13, item 6) ---------------------------------------------------------

NEWS = "Хост — attaque à Hérat; کابل: 5 killed.\n"


def test_utf8_with_one_bad_byte_stays_utf8_with_a_replacement_counted(tmp_path: Path) -> None:
    damaged = (NEWS * 3).encode() + b"\x92" + (NEWS * 3).encode() + b"\xff" + NEWS.encode()
    path = tmp_path / "damaged.txt"
    path.write_bytes(damaged)
    docs, warnings = _load(path)
    (doc,) = docs
    assert doc.text == NEWS * 3 + "\ufffd" + NEWS * 3 + "\ufffd" + NEWS
    position = len((NEWS * 3).encode())
    assert warnings == [
        f"{path}: not valid UTF-8 (the first, byte 0x92, at {position}); "
        "2 invalid sequences replaced by U+FFFD"
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a checkpoint in Jalalabad on Monday.\n",
        "هاجم مسلحون نقطة تفتيش في جلال آباد يوم الاثنين.\n",
        "Боевики атаковали блокпост в Джелалабаде в понедельник.\n",
    ],
)
def test_utf16_without_bom_is_read_by_its_zero_bytes(tmp_path: Path, codec: str, text: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes((text * 5).encode(codec))
    docs, warnings = _load(path)
    assert [d.text for d in docs] == [text * 5]
    assert len(warnings) == 1 and codec.upper() in warnings[0] and "wide.txt" in warnings[0]


@pytest.mark.parametrize("bom_codec", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, bom_codec: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(NEWS.encode(bom_codec))
    docs, warnings = _load(path)
    assert [d.text for d in docs] == [NEWS] and warnings == []


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp1251", "Вооружённые боевики атаковали блокпост в Джелалабаде в понедельник."),
        ("cp932", "月曜日、ジャララバードの検問所を武装勢力が襲撃し、警察官が死亡した。"),
        ("cp1252", "It’s “grave”, the ministry said of the attack in Hérat."),
        # short Western texts several code pages decode without chaos: Windows-1252, not a
        # Baltic or DOS page ("cafķ", "prčs"); a Central European text keeps its own page
        ("latin-1", "The café near the embassy was hit; the naïve guard fled."),
        ("latin-1", "Une bombe a explosé à Kaboul près de l'ambassade."),
        ("cp1250", "Zamach w Kabulu: zginęło pięć osób, poinformowała policja w środę."),
    ],
)
def test_legacy_encodings_only_when_not_near_utf8(tmp_path: Path, codec: str, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes((text * 3).encode(codec))
    docs, warnings = _load(path)
    assert [d.text for d in docs] == [text * 3], docs[0].text[:60]
    assert len(warnings) == 1 and "decoded as" in warnings[0]


def test_binary_with_zero_bytes_in_both_positions_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    docs, warnings = _load(path)
    assert docs == [] and "binary" in warnings[0]


# --- inputs that break loading (issue 13, item 8) -------------------------------------------


def _in_thread(target: Callable[[], object], fifo: Path | None = None) -> None:
    """Run ``target``; fail (instead of hanging the suite) if it blocks for 20 s."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            target()
        except BaseException as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive() and fifo is not None:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # let the reader go
    assert not thread.is_alive(), "loading blocked"
    if errors:
        raise errors[0]


def test_a_fifo_in_a_folder_is_skipped_not_waited_for(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Blast in Kabul.", encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result: list[tuple[list[Document], list[str]]] = []
    _in_thread(lambda: result.append(_load(tmp_path)), fifo)
    docs, warnings = result[0]
    assert [d.text for d in docs] == ["Blast in Kabul."]
    assert warnings == [f"skipped {fifo}: a named pipe (FIFO), not a regular file"]


def test_a_fifo_given_by_name_and_a_socket_are_skipped(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        result: list[tuple[list[Document], list[str]]] = []
        _in_thread(lambda: result.append(_load(fifo, tmp_path)), fifo)
    docs, warnings = result[0]
    assert docs == []
    assert any(str(fifo) in w and "FIFO" in w for w in warnings)
    assert any(str(sock_path) in w and "socket" in w for w in warnings)


def test_a_symlink_loop_loads_each_document_once_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Blast in Kabul.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Raid in Khost.", encoding="utf-8")
    (folder / "loop").symlink_to(".")
    (folder / "sub" / "up").symlink_to("..")
    docs, warnings = _load(folder)
    assert [d.text for d in docs] == ["Blast in Kabul.", "Raid in Khost."]
    assert len(warnings) == 2
    assert all("already read" in w for w in warnings)
    assert any(str(folder / "loop") in w for w in warnings)


def test_a_linked_folder_is_followed_once(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.txt").write_text("Ambush in Kunar.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x").symlink_to(outside)
    (corpus / "y").symlink_to(outside)
    (corpus / "same.txt").symlink_to(outside / "c.txt")
    docs, warnings = _load(corpus)
    assert [d.text for d in docs] == ["Ambush in Kunar."]
    assert docs[0].path == str(corpus / "same.txt")
    assert len(warnings) == 2


def test_an_unreadable_subfolder_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Blast in Kabul.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("Raid in Khost.", encoding="utf-8")
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "c.txt").write_text("Ambush in Kunar.", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str) -> Any:
        if Path(path).name == "locked":  # root reads any folder, so chmod cannot show this
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, warnings = _load(tmp_path)
    assert [d.text for d in docs] == ["Blast in Kabul.", "Ambush in Kunar."]
    locked = tmp_path / "locked"
    assert warnings == [f"skipped {locked}: cannot list the folder (Permission denied)"]


def test_folders_nested_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    # 400 levels under a recursion limit of 300 stand for 990 levels under the usual 1,000
    # (pytest's own clean-up of tmp_path recurses, so the tree stays shallow enough for it).
    depth = 400
    deep = tmp_path
    for _ in range(depth):  # Path.mkdir(parents=True) itself recurses
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.txt").write_text("Blast in Kabul.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Raid in Khost.", encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(300)
    try:
        docs, warnings = _load(tmp_path)
    finally:
        sys.setrecursionlimit(limit)
    assert [d.text for d in docs] == ["Raid in Khost.", "Blast in Kabul."]
    assert warnings == []


def test_jsonl_rows_end_at_newline_only(tmp_path: Path) -> None:
    texts = [
        "Blast in Kabul.\u2028Five were killed.",
        "Raid in Khost.\u2029ISKP claimed it.",
        "Ambush in Kunar.\x85Two soldiers died.",
        "Plain row.",
        "Line\rwith a carriage return.",
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text(
        "\r\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts), encoding="utf-8"
    )
    docs, warnings = _load(path)
    assert [d.text for d in docs] == texts
    assert warnings == []


def test_jsonl_rows_python_cannot_read_are_warnings(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    rows = [
        '{"text": "Huge", "n": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"text": "Blast in Kabul.", "date": "2021-13-45", "id": {"x": 1}}),
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    docs, warnings = _load(path)
    assert [(d.id, d.text, d.date) for d in docs] == [("odd#3", "Blast in Kabul.", None)]
    assert [w.split(":")[0] for w in warnings] == [
        f"skipped {path} line 1",
        f"skipped {path} line 2",
        f"{path} line 3",
    ]
    assert "2021-13-45" in warnings[2]


def test_html_with_many_blocks_and_deep_nesting(tmp_path: Path) -> None:
    many = tmp_path / "many.html"
    many.write_text("<body><article>" + "line<br>" * 50_000 + "</article></body>", "utf-8")
    deep = tmp_path / "deep.html"
    deep.write_text("<body>" + "<div>" * 20_000 + "Blast in Kabul." + "</div>" * 20_000, "utf-8")
    table = tmp_path / "table.html"
    table.write_text(
        "<body><table><tr><td>Kabul</td><td>5 killed</td></tr></table>"
        "<!-- a comment --><p>End.</p><template><p>hidden</p></template></body>",
        "utf-8",
    )
    attributes = tmp_path / "attributes.html"
    attributes.write_text(
        "<body><p " + " ".join(f"a{i}=1" for i in range(50_000)) + ">Raid in Khost.</p>"
        "<select>" + "<option>menu" * 50_000 + "</select></body>",
        "utf-8",
    )
    docs, warnings = _load(many, deep, table, attributes)
    assert docs[0].text.split("\n") == ["line"] * 50_000
    assert docs[1].text == "Blast in Kabul."
    assert docs[2].text == "Kabul 5 killed\nEnd."
    assert docs[3].text == "Raid in Khost."
    assert warnings == [
        f"{deep}: HTML nested 20,000 deep, tags below depth 512 ignored",
        f"{attributes}: HTML attributes of 1 tag over 10,000 characters ignored",
    ]


def test_the_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Blast in Kabul.", encoding="utf-8")
    docs, warnings = _load(tmp_path, tmp_path / "a.txt")
    assert len(docs) == 1 and "already read" in warnings[0]


# --- titles (issue 11, item 12) ---------------------------------------------------------------


def test_a_title_with_line_separators_is_kept_whole_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Blast in\u2028Kabul\u2029airport kills\x855\ndate: 2021-08-26\n---\nBody.",
        encoding="utf-8",
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"title": "Raid\u2028in\tKhost\x07", "text": "Body."}), encoding="utf-8"
    )
    (tmp_path / "c.txt").write_text("Ambush\u2028in Kunar kills two\nBody.", encoding="utf-8")
    a, b, c = load_documents([tmp_path])
    assert a.title == "Blast in Kabul airport kills 5" and a.date == "2021-08-26"
    assert b.title == "Raid in Khost"
    assert c.title == "Ambush in Kunar kills two"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("Stringer Asia Logo\nShare on Google+\nnews of the day\nin depth\n", None),
        ("The Daily Frontier Newspaper Logo\nMenu\n", None),
        ("• Home\n• World\nadvertisement\n", None),
        ("Kabul Times\n\n", "Kabul Times"),
        ("# Kabul blast\n\n", "Kabul blast"),
        ("\x01 \x05\n\x1b\x1c\x07\n", None),  # lines of control characters only
    ],
)
def test_a_title_is_the_first_line_that_reads_as_a_headline(
    tmp_path: Path, head: str, title: str | None
) -> None:
    headline = "Suicide bomber strikes mosque in Kunduz"
    path = tmp_path / "page.txt"
    path.write_text(f"{head}{headline}\nAt least 50 people were killed on Friday.", "utf-8")
    (doc,) = load_documents([path])
    assert doc.title == (title or headline)


def test_without_a_headline_the_first_line_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("kabul\nblast\nnews", encoding="utf-8")
    assert load_documents([path])[0].title == "kabul"
