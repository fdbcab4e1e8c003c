"""A plain-text article's header: title and date read from its first lines, text unchanged."""

from datetime import date

from claims.ingest.files import records_from_file
from claims.ingest.headers import read_header
from claims.ingest.records import article_from_record

BODY = "Officials said 40 ships left Odesa on Monday. The port reopened in August."


def test_a_first_line_without_closing_punctuation_is_the_title():
    header = read_header(f"Grain ships leave Odesa\n\n{BODY}")
    assert header.title == "Grain ships leave Odesa"
    assert read_header(BODY + "\nMore.").title == ""  # a sentence is not a title
    assert read_header("Only one line without a full stop").title == ""


def test_a_date_line_gives_the_date_and_the_next_line_the_title():
    header = read_header(
        f" date 2022-03-03 Russia-Ukraine Crisis\n\nSafe corridors agreed\n\n{BODY}"
    )
    assert header == read_header(f"date: 2022-03-03\nSafe corridors agreed\n{BODY}")
    assert (header.title, header.published) == ("Safe corridors agreed", date(2022, 3, 3))


def test_a_dateline_gives_the_date():
    text = f"Ships leave Odesa\nKYIV, March 3, 2022 (Reuters) - {BODY}"
    assert read_header(text).published == date(2022, 3, 3)
    assert read_header(f"Ships leave Odesa\nKYIV, March 3 (Reuters) - {BODY}").published is None
    assert read_header(f"Sept. 31, 2022 - {BODY}").published is None  # no such day


def test_a_text_file_is_named_by_its_header_else_by_its_file_name():
    text = f"date 2022-03-03\nGrain ships leave Odesa\n{BODY}"
    [record] = records_from_file("odesa.txt", text.encode())
    assert (record["title"], record["published"]) == ("Grain ships leave Odesa", "2022-03-03")
    assert record["text"] == text  # offsets into the text stay what they were
    [plain] = records_from_file("odesa-ships.txt", BODY.encode())
    assert plain["title"] == "odesa-ships"
    assert "published" not in plain


def test_a_record_without_title_or_date_reads_them_from_its_text():
    article = article_from_record({"text": f"date 2022-03-03\nGrain ships leave Odesa\n{BODY}"})
    assert article.title == "Grain ships leave Odesa"
    assert article.published_at.date() == date(2022, 3, 3)
    given = article_from_record(
        {"text": f"Grain ships leave Odesa\n{BODY}", "title": "Given", "published": "2021-01-02"}
    )
    assert (given.title, given.published_at.date()) == ("Given", date(2021, 1, 2))
