"""The Markdown structure the importer reads: headings, fenced code and rules."""

from __future__ import annotations

from quiz.importer.markdown import Document, clean_markdown, code_lines


def headings(text: str) -> list[tuple[int, int, str]]:
    return [(h.index, h.level, h.text) for h in Document(text).headings]


def code(text: str) -> list[int]:
    return [index for index, flag in enumerate(Document(text).in_code) if flag]


def test_a_dash_line_under_a_paragraph_is_a_rule_not_a_heading() -> None:
    text = "Some text\n---\n\n## Real\nbody\n===\n"
    assert headings(text) == [(3, 2, "Real")]
    assert clean_markdown("Some text\n---\n") == "Some text"


def test_a_hash_line_in_a_fence_in_a_list_item_is_not_a_heading() -> None:
    text = "- **A.** an option\n  ```python\n  # a comment\n  ```\n## After\n"
    assert headings(text) == [(4, 2, "After")]
    assert code(text) == [1, 2, 3]


def test_a_tilde_fence_is_closed_only_by_tildes() -> None:
    text = "~~~\n# inside\n```\n# still inside\n~~~\n# outside\n"
    assert headings(text) == [(5, 1, "outside")]
    assert code(text) == [0, 1, 2, 3, 4]


def test_a_fence_is_closed_only_by_as_many_marks() -> None:
    text = "````md\n```\n# inside\n```\n````\n# outside\n"
    assert headings(text) == [(5, 1, "outside")]


def test_closing_hashes_go_but_a_hash_in_a_word_stays() -> None:
    text = "## Title ##\n### C#\n#### ####\n####### seven\n#######\n#5 not one\n"
    assert headings(text) == [(0, 2, "Title"), (1, 3, "C#"), (2, 4, "")]


def test_a_line_indented_four_spaces_is_not_a_heading_or_a_rule() -> None:
    text = "text\n\n    # not a heading\n\n    ---\n   # a heading\n"
    assert headings(text) == [(5, 1, "a heading")]
    assert clean_markdown("text\n\n    ---") == "text\n\n    ---"


def test_a_fence_after_an_option_letter_is_closed_by_a_fence_with_text_after_it() -> None:
    text = "- A. ```\n\n- SELECT 1\n``` (Correct)\n- B. plain\n# After\n"
    assert code(text) == [0, 1, 2, 3]
    assert headings(text) == [(5, 1, "After")]


def test_a_fence_indented_under_a_paragraph_line_is_code() -> None:
    text = "- **A.** Run this:\n      ```sql\n      # not a heading\n      ```\n"
    assert code(text) == [1, 2, 3]


def test_a_fence_and_its_backticks_on_one_line_are_inline_code() -> None:
    assert code("```inline``` text\n# heading\n") == []


def test_an_unclosed_fence_runs_to_the_end() -> None:
    assert code("text\n```\n# x\n") == [1, 2, 3]
    assert headings("text\n```\n# x\n") == []


def test_quotes_are_text() -> None:
    assert headings("> ## quoted\n> ```\n> # quoted too\n") == []
    assert code("> ```\n> x\n> ```\n") == []


def test_sections_run_to_the_next_heading_of_the_same_or_a_higher_level() -> None:
    doc = Document("# A\n## B\ntext\n### C\n## D\n# E\n")
    ends = {heading.text: doc.section_end(heading) for heading in doc.headings}
    assert ends == {"A": 5, "B": 4, "C": 4, "D": 5, "E": 7}
    assert [h.text for h in doc.headings_between(0, 4)] == ["B", "C"]


def test_clean_markdown_drops_rules_at_the_edges_only_and_keeps_code() -> None:
    assert clean_markdown("\n---\nfirst\n\n* * *\n\nlast\n___\n") == "first\n\n* * *\n\nlast"
    assert clean_markdown("```\nx  \n\n\n---") == "```\nx\n\n\n---"


def test_fragments_and_documents_agree_on_code() -> None:
    lines = ["- A. ```sql", "SELECT 1", "``` (Correct)", "~~~", "---"]
    assert code_lines(lines) == [True, True, True, True, True]
    assert Document("\n".join(lines)).in_code == code_lines(lines)
