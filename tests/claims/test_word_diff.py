from claims.templatetags.workbench import word_diff


def test_only_the_changed_words_are_marked():
    html = word_diff("More than 1 million people fled", "More than 2 million people fled Ukraine")
    assert html == ("More than<del> 1</del><ins> 2</ins> million people fled<ins> Ukraine</ins>")


def test_text_is_escaped():
    assert word_diff("<b>a</b>", "<i>a</i>") == (
        "<del>&lt;b&gt;a&lt;/b&gt;</del><ins>&lt;i&gt;a&lt;/i&gt;</ins>"
    )


def test_a_creation_and_non_text_values_are_shown_whole():
    assert word_diff(None, "new") == "<ins>new</ins>"
    assert word_diff(0.5, 0.75) == "<del>0.5</del> <ins>0.75</ins>"
    assert word_diff("x", None) == "<del>x</del> <ins>(empty)</ins>"
