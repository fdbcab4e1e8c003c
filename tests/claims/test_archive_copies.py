"""Which archive copies of evidence we accept: file types by content, archive hosts."""

import pytest

from claims.ingest.archive_copies import ArchiveCopyRefused, archive_file_type, archive_url_check

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
HTML = b"\xef\xbb\xbf\n  <!DOCTYPE html><html><head><title>UNHCR</title>"


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (PDF, "unhcr-figures.pdf", "application/pdf"),
        (PNG, "Screenshot.PNG", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "photo.jpeg", "image/jpeg"),
        (b"GIF89a\x01\x00", "chart.gif", "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "page.webp", "image/webp"),
        (HTML, "saved-page.html", "text/html"),
    ],
)
def test_accepted_types_are_read_from_the_content(head, name, expected):
    assert archive_file_type(head, name) == expected


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"MZ\x90\x00\x03", "report.pdf"),  # a Windows program named .pdf
        (b"PK\x03\x04", "report.docx"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>', "chart.png"),
        (b"plain words", "notes.txt"),
    ],
)
def test_other_content_is_refused_whatever_its_name(head, name):
    with pytest.raises(ArchiveCopyRefused, match="is not a PDF, an image"):
        archive_file_type(head, name)


def test_a_name_that_contradicts_the_content_is_refused():
    with pytest.raises(ArchiveCopyRefused, match="holds text/html but its name ends otherwise"):
        archive_file_type(HTML, "figures.pdf")


@pytest.mark.parametrize(
    "url",
    [
        "https://web.archive.org/web/20220303120000/https://data.unhcr.org/en/situations/ukraine",
        "http://web.archive.org/web/2022/https://example.org/",
        "https://archive.ph/Xy12a",
        "https://archive.today/2022.03.03-120000/https://example.org/",
        "https://ARCHIVE.IS/abcde",
    ],
)
def test_wayback_and_archive_today_copies_are_accepted(url):
    assert archive_url_check(url) == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://web.archive.org/", "names a copy"),
        ("https://web.archive.org/details/something", "names a copy"),
        ("https://archive.ph/", "not the home page"),
        ("https://web.archive.org.evil.example/web/2022/x", "not a web archive we accept"),
        ("https://evil.example/web.archive.org/web/2022/x", "not a web archive we accept"),
        ("javascript:alert(1)//web.archive.org/web/1", "plain http"),
        ("https://user:pw@web.archive.org/web/2022/x", "plain http"),
        ("https://web.archive.org:8080/web/2022/x", "standard port"),
    ],
)
def test_other_addresses_are_refused(url, reason):
    with pytest.raises(ArchiveCopyRefused, match=reason):
        archive_url_check(url)
