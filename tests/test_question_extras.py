"""What the one question view shows beside the question: the community vote against the
official answer, and the images (found in the text, opened only from the bank's folder)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from test_records import make_question

from quiz.images import image_targets, local_image, open_image, question_images, viewer_command
from quiz.model import Community, Explanation
from quiz.question_view import QuestionView, community_line


def test_a_disputed_question_names_both_answers_and_is_scored_on_the_official_one() -> None:
    question = make_question(answer=("D",), community=Community(("E",), "E (83%)"))
    assert community_line(question) == ("Official answer: D · Community vote: E (83%) — disputed")
    assert question.is_correct({"D"}) and not question.is_correct({"E"})


def test_an_agreeing_vote_is_shown_once_and_a_bare_percentage_gets_its_letters() -> None:
    agreeing = make_question(answer=("A",), community=Community(("A",), "A (95%)"))
    assert community_line(agreeing) == "Community vote: A (95%)"
    bare = make_question(answer=("A",), community=Community(("A",), "95%"))
    assert community_line(bare) == "Community vote: A (95%)"
    assert community_line(make_question(community=None)) == ""


def test_image_links_are_found_in_every_text_and_the_analysis_only_when_revealed() -> None:
    question = make_question(
        stem="See ![flow](images/a.png) and [a link](https://x.example/b.png)",
        options={"A": "![o](<images/o b.png> 'title')", "B": "b"},
        answer=("A",),
        explanation=Explanation(correct="![why](images/why.png)", extra="![flow](images/a.png)"),
    )
    assert question_images(question, analysis=False) == ["images/a.png", "images/o b.png"]
    assert question_images(question)[-1] == "images/why.png"  # each once
    view = QuestionView(question, ("A", "B"))
    assert len(view.images) == 2 and len(replace(view, revealed=True).images) == 3


def test_image_links_are_read_in_linear_time_on_hostile_text() -> None:
    assert image_targets("![" * 200_000) == []
    assert image_targets("![a](" * 100_000) == []
    assert image_targets("![a](" + "x" * 5000 + ")") == []  # too long to be a path


def test_only_an_image_file_inside_the_records_folder_is_opened(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "images").mkdir(parents=True)
    (bank / "images" / "a b.png").write_bytes(b"png")
    (bank / "images" / "notes.txt").write_text("text")
    (tmp_path / "outside.png").write_bytes(b"png")
    (bank / "images" / "link.png").symlink_to(tmp_path / "outside.png")
    record = bank / "Q-1.yaml"
    assert local_image("images/a%20b.png", record) == (bank / "images" / "a b.png").resolve()
    assert local_image("images/a b.png", record) is not None
    for refused in (
        "../outside.png",
        str(tmp_path / "outside.png"),
        (tmp_path / "outside.png").as_uri(),
        "https://example.com/a.png",
        "images/notes.txt",
        "images/link.png",
        "images/missing.png",
        "images/%00.png",
        "images",
    ):
        assert local_image(refused, record) is None, refused


def test_the_viewer_gets_the_path_as_its_only_argument_and_none_is_said(tmp_path: Path) -> None:
    calls: list[list[str]] = []
    image = tmp_path / "a.png"
    assert open_image(image, calls.append, "linux", lambda name: f"/usr/bin/{name}")
    assert open_image(image, calls.append, "darwin")
    assert calls == [["/usr/bin/xdg-open", str(image)], ["open", str(image)]]
    assert viewer_command("win32") == ["explorer"]
    assert not open_image(image, calls.append, "linux", lambda name: None)

    def broken(command: object) -> None:
        raise FileNotFoundError

    assert not open_image(image, broken, "darwin") and len(calls) == 2
