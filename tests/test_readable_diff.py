"""Two texts compared as a person reads them: rendered, by paragraph, sentence and word."""

import re

from guidance.reading.readable_diff import readable_diff

INS = re.compile(r"<ins>(.*?)</ins>")
DEL = re.compile(r"<del>(.*?)</del>")
HIDDEN = re.compile(r'<span class="visually-hidden">[^<]*</span>')


def marked(pattern, html):
    """The words inside each mark, without the words only screen readers hear."""
    return [HIDDEN.sub("", text) for text in pattern.findall(html)]


def test_a_changed_word_in_one_sentence_marks_only_that_word():
    old = "The forum meets twice a year. It advises the ministry.\n\nA second paragraph."
    new = "The forum meets three times a year. It advises the ministry.\n\nA second paragraph."
    diff = readable_diff(old, new)
    assert marked(DEL, diff.old_html) == ["twice"]
    assert marked(INS, diff.new_html) == ["three times"]
    assert "It advises the ministry.</p>" in diff.new_html
    assert (diff.words_removed, diff.words_added) == (1, 2)


def test_a_rewritten_sentence_is_marked_whole_and_its_neighbours_stay_plain():
    old = "Schools offer guidance. Centres are funded by regions."
    new = "Schools offer guidance. A national portal lists every service online."
    diff = readable_diff(old, new)
    assert marked(DEL, diff.old_html) == ["Centres are funded by regions."]
    assert marked(INS, diff.new_html) == ["A national portal lists every service online."]
    assert diff.new_html.startswith("<p>Schools offer guidance. <ins>")


def test_a_new_paragraph_is_one_insertion():
    old = "First paragraph.\n\nLast paragraph."
    new = "First paragraph.\n\nA paragraph added in between, with several words.\n\nLast paragraph."
    diff = readable_diff(old, new)
    assert marked(INS, diff.new_html) == ["A paragraph added in between, with several words."]
    assert "<del>" not in diff.old_html
    assert diff.old_html == "<p>First paragraph.</p>\n<p>Last paragraph.</p>"
    assert (diff.words_removed, diff.words_added) == (0, 8)


def test_markdown_is_rendered_never_shown_raw():
    old = "The **national** strategy, see [the law](https://example.org/law)."
    new = "The **national** strategy of 2024, see [the law](https://example.org/law)."
    diff = readable_diff(old, new)
    for html in (diff.old_html, diff.new_html):
        assert "<strong>national</strong>" in html
        assert '<a href="https://example.org/law" rel="noopener nofollow">the law</a>' in html
        assert "**" not in html and "](" not in html
    assert marked(INS, diff.new_html) == ["of 2024"]


def test_list_items_are_compared_one_by_one_and_stay_a_list():
    old = "- Schools\n- Universities\n- Employment services"
    new = "- Schools\n- Universities and colleges\n- Employment services\n- Prisons"
    diff = readable_diff(old, new)
    assert diff.new_html.startswith("<ul>\n<li>Schools</li>")
    assert marked(INS, diff.new_html) == ["and colleges", "Prisons"]
    assert marked(DEL, diff.old_html) == []


def test_html_in_the_text_is_sanitised_on_both_sides():
    old = 'Plain text. <img src=x onerror="alert(1)">'
    new = 'Plain text. <script>alert("new")</script> [bad](javascript:alert(2))'
    diff = readable_diff(old, new)
    for html in (diff.old_html, diff.new_html):
        assert "<script" not in html and "onerror" not in html
        assert "javascript:" not in html and "<img" not in html


def test_marks_say_added_and_removed_to_screen_readers():
    diff = readable_diff("A short text.", "A longer text.")
    assert '<del><span class="visually-hidden">[removed: </span>short' in diff.old_html
    assert '<ins><span class="visually-hidden">[added: </span>longer' in diff.new_html


def test_an_unchanged_text_has_no_marks():
    text = "One paragraph.\n\n- an item\n- another item"
    diff = readable_diff(text, text)
    assert not diff.changed
    assert "<ins>" not in diff.new_html and "<del>" not in diff.old_html


def test_a_text_that_appears_is_all_added():
    diff = readable_diff("", "New text.")
    assert diff.old_html == ""
    assert marked(INS, diff.new_html) == ["New text."]


def test_two_words_replaced_side_by_side_are_one_mark():
    diff = readable_diff("Guidance is spread over regions.", "Guidance is shared between regions.")
    assert marked(DEL, diff.old_html) == ["spread over"]
    assert marked(INS, diff.new_html) == ["shared between"]


def test_a_paragraph_keeping_one_reworded_sentence_is_changed_not_replaced():
    old = "A law of 2015 set up the agency. Chambers have also had guidance among their tasks."
    new = "The 21 regions run service points. Chambers have had guidance functions."
    diff = readable_diff(old, new)
    assert "</ins> Chambers have had guidance <ins>" in diff.new_html
    assert marked(INS, diff.new_html) == ["The 21 regions run service points.", "functions"]
