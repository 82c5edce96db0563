"""The blog repairs for screen readers on Material's markup, right and wrong cases."""

from __future__ import annotations

from klimapakt.mkdocs.reader_fixes import fix_blog

EXCERPT = ('<article class="md-post md-post--excerpt"><div class="md-post__content md-typeset">'
           '<h2 id="t"><a class="toclink" href="a/">Müller &amp; Söhne</a></h2><p>Text</p>'
           '<nav class="md-post__action">\n        <a href="a/">\n          Weiterlesen\n        </a>\n      </nav>'
           '</div></article>')


def test_read_more_gets_the_post_title_as_hidden_text_and_leaves_the_landmark():
    fixed = fix_blog(EXCERPT)
    assert ('<p class="md-post__action"><a href="a/">Weiterlesen<span class="kp-visually-hidden">: '
            'Müller &amp; Söhne</span></a></p>') in fixed
    assert "<nav" not in fixed


def test_an_excerpt_without_a_title_and_other_navigation_stay_as_they_are():
    untitled = EXCERPT.replace('<h2 id="t"><a class="toclink" href="a/">Müller &amp; Söhne</a></h2>', "")
    assert fix_blog(untitled) == untitled
    assert fix_blog('<nav class="md-pagination">\n  \n</nav>') == ""
    kept = '<nav class="md-pagination"><a href="page/2/">2</a></nav>'
    assert fix_blog(kept) == kept
