"""Marking matches never lets text through unescaped."""

from newsdesk.search.highlight import highlight, snippet


def test_marks_words_starting_with_a_term_whatever_their_case():
    assert highlight("Floods and FLOODING in the harbour", ["flood"]) == (
        "<mark>Floods</mark> and <mark>FLOODING</mark> in the harbour"
    )


def test_escapes_everything_around_and_inside_the_marks():
    text = '<script>alert("x")</script> & harbour<b>'
    assert highlight(text, ["script", "harbour"]) == (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; "
        "<mark>harbour</mark>&lt;b&gt;"
    )


def test_terms_are_words_not_patterns():
    assert highlight("a.b a+b (ab)", [".", "+", "("]) == "a.b a+b (ab)"
    assert highlight("price 45.5 rises", ["45"]) == "price <mark>45</mark>.5 rises"


def test_stop_words_and_single_letters_are_not_marked():
    assert highlight("The tide and a wall", ["the", "and", "a", "wall"]) == (
        "The tide and a <mark>wall</mark>"
    )


def test_without_terms_the_text_is_only_escaped():
    assert highlight("<i>tide</i>", []) == "&lt;i&gt;tide&lt;/i&gt;"


def test_snippet_is_a_passage_around_the_first_match():
    text = " ".join(f"word{n}" for n in range(200)) + " harbour " + "tail " * 100
    passage = snippet(text, ["harbour"])
    assert "<mark>harbour</mark>" in passage
    assert passage.startswith("…") and passage.endswith("…")
    assert len(passage) < 300


def test_snippet_without_a_match_falls_back_and_escapes():
    assert snippet("<b>body</b>", ["tide"], fallback="A <standfirst>.") == "A &lt;standfirst&gt;."
