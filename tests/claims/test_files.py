"""Uploaded files to records: every format, type from content, and the hostile archives."""

import io
import json
import stat
import zipfile

import pytest

from claims.ingest.errors import LimitExceeded
from claims.ingest.files import UploadLimits, UploadRefused, records_from_file

TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."
LIMITS = UploadLimits(max_bytes=1_000_000, zip_max_members=10, zip_max_total_bytes=2_000_000)


def _read(name, data, limits=LIMITS):
    return records_from_file(name, data, limits=limits)


def _zip(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_text_file_is_one_record_titled_by_its_name():
    assert _read("ukraine-safe-corridors.txt", TEXT.encode()) == [
        {"text": TEXT, "title": "ukraine-safe-corridors", "_source": "ukraine-safe-corridors.txt"}
    ]


def test_an_html_file_is_one_html_record():
    html = f"<html><body><article><p>{TEXT}</p></article></body></html>"
    assert _read("page.html", html.encode()) == [{"html": html, "_source": "page.html"}]


def test_json_array_object_with_records_and_single_object():
    rows = [{"text": TEXT, "title": "A", "url": "https://e.org/a", "extra": "dropped"}]
    as_array = _read("a.json", json.dumps(rows).encode())
    as_object = _read("b.json", json.dumps({"records": rows}).encode())
    single = _read("c.json", json.dumps(rows[0]).encode())
    expected = {"text": TEXT, "title": "A", "url": "https://e.org/a"}
    for records, name in ((as_array, "a.json"), (as_object, "b.json"), (single, "c.json")):
        assert records == [{**expected, "_source": f"{name} #1"}]


def test_json_lines_and_ndjson():
    lines = "\n".join(json.dumps({"text": f"{TEXT} {i}"}) for i in range(3)) + "\n\n"
    for name in ("a.jsonl", "a.ndjson", "a.txt"):
        records = _read(name, lines.encode())
        assert [r["_source"] for r in records] == [f"{name} line {i}" for i in (1, 2, 3)]


def test_a_record_that_is_not_an_object_is_kept_as_a_failing_item():
    records = _read("a.json", json.dumps([{"text": TEXT}, "just a string"]).encode())
    assert records[1] == {"_source": "a.json #2", "_error": "Each record must be an object."}


def test_broken_json_says_where():
    with pytest.raises(UploadRefused, match=r"a\.json is not valid JSON \(line 2, column"):
        _read("a.json", b'[{"text": "x"},\n {"text": }]')
    # A broken line of JSON lines fails alone, named by its line; the others are read.
    records = _read("a.jsonl", b'{"text": "x"}\n{"text": \n{"text": "y"}\n')
    assert [r.get("text") for r in records] == ["x", None, "y"]
    assert records[1]["_source"] == "a.jsonl line 2"
    assert records[1]["_error"].startswith("a.jsonl line 2 is not valid JSON")


def test_csv_with_header_quotes_and_newlines_in_text():
    data = (
        "Title,TEXT,url,published,outlet,author,language,ignored\r\n"
        f'"Corridors","{TEXT}\nSecond line, with comma",https://e.org/a,2022-03-03,Reuters,'
        "Jane,en,x\r\n"
        ",,,,,,,\r\n"
        f'"Two","{TEXT}",,,,,,\r\n'
    )
    records = _read("export.csv", data.encode())
    assert len(records) == 2
    assert records[0]["text"].endswith("Second line, with comma")
    assert records[0]["outlet"] == "Reuters"
    assert "ignored" not in records[0]
    assert records[1] == {"title": "Two", "text": TEXT, "_source": "export.csv row 4"}


def test_csv_without_a_text_column_is_refused():
    with pytest.raises(UploadRefused, match="including 'text' or 'html'"):
        _read("export.csv", b"title,body\nA,B\n")


def test_type_comes_from_content_not_extension():
    assert _read("article.txt", b"<html><body><p>hi</p></body></html>")[0]["html"]
    assert _read("notes.txt", _zip({"a.txt": TEXT.encode()}))[0]["text"] == TEXT
    with pytest.raises(UploadRefused, match="is a PDF document"):
        _read("report.txt", b"%PDF-1.7 ...")
    with pytest.raises(UploadRefused, match="binary file"):
        _read("data.csv", b"text\x00\x01\x02")


def test_latin1_text_is_decoded():
    records = _read("a.txt", ("Der Präsident sagte, über 1 Million Menschen " * 5).encode("cp1252"))
    assert "Präsident" in records[0]["text"]


def test_an_oversized_upload_is_refused():
    with pytest.raises(LimitExceeded, match="files larger than 1,000,000 bytes"):
        _read("big.txt", b"a" * 1_000_001)


def test_a_zip_of_mixed_files_yields_all_records_with_their_sources():
    archive = _zip(
        {
            "batch/a.json": json.dumps([{"text": TEXT}, {"text": TEXT + "!"}]).encode(),
            "batch/b.csv": f"text,title\n{TEXT}?,B\n".encode(),
            "batch/c.txt": b"Plain text article.",
            "__MACOSX/batch/._a.json": b"\x00\x05junk",
            "batch/": b"",
        }
    )
    sources = [r["_source"] for r in _read("upload.zip", archive)]
    assert sources == [
        "upload.zip/batch/a.json #1",
        "upload.zip/batch/a.json #2",
        "upload.zip/batch/b.csv row 2",
        "upload.zip/batch/c.txt",
    ]


def test_a_zip_bomb_is_refused_by_ratio():
    bomb = _zip({"bomb.txt": b"0" * 1_500_000})
    with pytest.raises(UploadRefused, match="only a zip bomb does"):
        _read("bomb.zip", bomb)


def test_a_zip_bomb_is_refused_by_total_size():
    members = {f"part{i}.txt": bytes(range(256)) * 2_000 for i in range(5)}  # 512 kB each
    archive = _zip(members, compression=zipfile.ZIP_STORED)
    limits = UploadLimits(max_bytes=10_000_000, zip_max_members=10, zip_max_total_bytes=2_000_000)
    with pytest.raises(LimitExceeded, match="unpacks to 2,560,000 bytes"):
        _read("many.zip", archive, limits)


def test_a_zip_that_lies_about_its_sizes_is_still_capped():
    archive = bytearray(_zip({"a.txt": b"x" * 600_000}))
    # Patch the declared uncompressed size (central directory) down to 10 bytes.
    central = archive.rfind(b"PK\x01\x02")
    archive[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(UploadRefused):
        _read("liar.zip", bytes(archive))


def test_too_many_members_are_refused():
    archive = _zip({f"{i}.txt": b"x" for i in range(11)})
    with pytest.raises(LimitExceeded, match="holds 11 files; at most 10"):
        _read("many.zip", archive)


@pytest.mark.parametrize(
    "member", ["../../etc/cron.d/evil.txt", "/etc/passwd", "a/../../b.txt", "C:\\evil.txt"]
)
def test_zip_slip_is_refused(member):
    with pytest.raises(UploadRefused, match="points outside the archive"):
        _read("slip.zip", _zip({member: TEXT.encode()}))


def test_a_symlink_member_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("innocent.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(UploadRefused, match="symbolic link"):
        _read("link.zip", buffer.getvalue())


def test_a_zip_inside_a_zip_is_refused():
    with pytest.raises(UploadRefused, match="zip inside the zip"):
        _read("outer.zip", _zip({"inner.zip": _zip({"a.txt": b"x"})}))


def test_a_broken_zip_is_refused():
    with pytest.raises(UploadRefused, match="not a readable zip"):
        _read("broken.zip", b"PK\x03\x04" + b"\x00" * 50)


class _CountingReader(io.BytesIO):
    """A file that counts the bytes read from it."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readinto(self, buffer):
        count = super().readinto(buffer)
        self.bytes_read += count
        return count


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("big.json", lambda rows: json.dumps(rows).encode()),
        ("big.json", lambda rows: json.dumps({"records": rows, "source": "x"}).encode()),
        ("big.ndjson", lambda rows: "\n".join(json.dumps(r) for r in rows).encode()),
        ("big.csv", lambda rows: ("text\n" + "\n".join(f'"{r["text"]}"' for r in rows)).encode()),
    ],
)
def test_records_are_read_as_a_stream_not_the_whole_file_first(name, encode):
    from claims.ingest.files import iter_records

    rows = [{"text": f"{TEXT} {i} " + "word " * 200} for i in range(2000)]
    stream = _CountingReader(encode(rows))
    records = iter_records(name, stream, limits=UploadLimits(max_bytes=10_000_000))
    assert next(records)["text"] == rows[0]["text"]
    assert stream.bytes_read < 300_000 < len(stream.getvalue()) / 5
    assert [r["text"] for r in records] == [r["text"] for r in rows[1:]]


def test_a_json_error_past_the_first_chunk_says_its_line_and_column():
    rows = ",\n".join(json.dumps({"text": f"{TEXT} {i}"}) for i in range(3000))
    data = f"[{rows},\n  {{broken}}]".encode()
    with pytest.raises(UploadRefused, match=r"line 3001, column 4"):
        _read("a.json", data, UploadLimits(max_bytes=10_000_000))


def test_a_json_record_longer_than_any_article_is_refused_as_a_limit():
    limits = UploadLimits(max_bytes=10_000_000, max_article_chars=1000, max_html_chars=1000)
    data = json.dumps([{"text": "x" * 200_000}]).encode()
    with pytest.raises(LimitExceeded, match="ARTICLE_MAX_CHARS"):
        _read("a.json", data, limits)


def test_a_character_cut_in_two_where_the_sniffed_start_ends_is_read_whole():
    from claims.ingest.files import HEAD_BYTES

    text = "a" * (HEAD_BYTES - 1) + "é" + " More than 1 million people fled."
    records = _read("cut.txt", text.encode(), UploadLimits(max_bytes=10_000_000))
    assert records[0]["text"] == text
