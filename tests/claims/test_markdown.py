from claims.markdown import markdown_to_text, render_markdown


def test_markdown_is_rendered():
    html = render_markdown("**Check** the _UNHCR_ figure:\n\n- one\n- two")
    assert "<strong>Check</strong>" in html
    assert "<em>UNHCR</em>" in html
    assert "<li>one</li>" in html


def test_links_get_nofollow_noopener():
    html = render_markdown("[UNHCR](https://data.unhcr.org/en/situations/ukraine)")
    assert 'href="https://data.unhcr.org/en/situations/ukraine"' in html
    assert 'rel="nofollow noopener"' in html


def test_scripts_handlers_and_javascript_urls_are_removed():
    html = render_markdown(
        "<script>alert(1)</script> <a href='https://x.org' onclick='steal()'>x</a> "
        "[y](javascript:alert(2)) <iframe src='https://evil.example'></iframe>"
    )
    assert "<script" not in html
    assert "alert(1)" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html


def test_images_are_dropped_so_no_remote_pixel_loads():
    html = render_markdown("![pixel](https://tracker.example/p.gif) and <img src=x onerror=y>")
    assert "<img" not in html
    assert "tracker.example" not in html
    assert "onerror" not in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""


def test_markdown_as_plain_text_keeps_the_words_and_drops_the_markup():
    text = markdown_to_text(
        "**More than 1 million** fled, says [UNHCR](https://unhcr.org) & co.\n\n"
        "- one\n- two <script>alert(1)</script>"
    )
    assert text == "More than 1 million fled, says UNHCR & co.\none\ntwo"
