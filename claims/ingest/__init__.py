"""Turn inputs (records, HTML, URLs, feeds, files) into ArticleInput values. No ORM here."""
