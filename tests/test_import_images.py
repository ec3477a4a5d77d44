"""Images in question files: copied beside the records, links rewritten, web images kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_samples import template

from quiz.bank import load_banks
from quiz.cli import main
from quiz.images import image_targets, local_image
from quiz.importer import find_sources, import_sources

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
OTHER_PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 16
STEM = "## 題目內容\n\n### 題幹\n\nWhich run is it?\n\n{images}\n"


def bank_file(root: Path, images: str, name: str = "by-order_b1/Q-007.md") -> Path:
    """A template question at ``root/name`` whose stem holds the given image Markdown."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(stem=STEM.format(images=images)), encoding="utf-8")
    return path


def image(path: Path, data: bytes = PNG) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def imported(tmp_path: Path, *sources: Path, capsys=None):
    """Import the sources into ``tmp_path/out``; the status, the bank's one question, stderr."""
    out = tmp_path / "out"
    status = main(["import", *map(str, sources), "--out", str(out)])
    bank = load_banks([out])
    err = capsys.readouterr().err if capsys else ""
    return status, bank, err


def test_an_image_outside_the_bank_folder_is_copied_beside_the_record(
    tmp_path: Path, capsys
) -> None:
    image(tmp_path / "src" / "images" / "flow.png")
    source = bank_file(tmp_path / "src" / "banks", "![the flow](../../images/flow.png)")
    status, bank, err = imported(tmp_path, source, capsys=capsys)
    assert status == 0, err
    (question,) = bank.questions
    (target,) = image_targets(question.stem)
    assert target.startswith("images/") and target.endswith("-flow.png")
    record = tmp_path / "out" / "by-order_b1" / "Q-007.yaml"
    assert Path(bank.files[question.key]) == record  # what the app opens images beside
    copy = local_image(target, record)
    assert copy is not None and copy.read_bytes() == PNG
    assert copy.parent == (tmp_path / "out" / "by-order_b1" / "images").resolve()
    assert "![the flow](images/" in question.stem
    assert (tmp_path / "src" / "images" / "flow.png").read_bytes() == PNG  # read, not moved


def test_images_in_options_and_analysis_are_copied_and_web_images_keep_their_url(
    tmp_path: Path,
) -> None:
    image(tmp_path / "src" / "by-order_b1" / "a b.png")
    image(tmp_path / "src" / "by-order_b1" / "why.jpg", OTHER_PNG)
    web = "![web](https://example.com/x.png)"
    source = tmp_path / "src" / "by-order_b1" / "Q-007.md"
    text = template(
        stem=STEM.format(images=web),
        options="### 選項\n\n- **A.** ![a](<a b.png>)\n- **B.** b\n- **C.** c\n- **D.** d\n",
        correct='## ✅ 正解說明\n\n![why](why.jpg "why")\n',
    )
    source.write_text(text, encoding="utf-8")
    status, bank, _ = imported(tmp_path, source)
    assert status == 0
    (question,) = bank.questions
    assert web in question.stem
    (option,) = image_targets(question.options["A"])
    (why,) = image_targets(question.explanation.correct)
    assert option.endswith("-a%20b.png") and why.endswith("-why.jpg")
    assert '"why")' in question.explanation.correct  # the title stays
    assert len(list((tmp_path / "out" / "by-order_b1" / "images").iterdir())) == 2


def test_a_missing_image_is_one_warning_line_and_its_link_is_kept(tmp_path: Path, capsys) -> None:
    source = bank_file(tmp_path / "src", "text\n\n![gone](../images/gone.png)")
    status, bank, err = imported(tmp_path, source, capsys=capsys)
    assert status == 0
    line = next(
        number
        for number, text in enumerate(source.read_text().splitlines(), 1)
        if "gone.png" in text
    )
    assert f"Q-007.md:{line}: warning: image ../images/gone.png not found" in err
    assert "![gone](../images/gone.png)" in bank.questions[0].stem


def test_a_file_that_is_not_an_image_is_a_warning_and_not_copied(tmp_path: Path, capsys) -> None:
    secret = tmp_path / "src" / "notes.txt"
    secret.parent.mkdir(parents=True)
    secret.write_text("secret")
    (tmp_path / "src" / "by-order_b1").mkdir()
    (tmp_path / "src" / "by-order_b1" / "x.png").symlink_to(secret)  # named .png, is not
    source = bank_file(tmp_path / "src", "![a](../notes.txt) ![b](x.png)")
    status, _, err = imported(tmp_path, source, capsys=capsys)
    assert status == 0
    assert "image ../notes.txt is not an image file" in err
    assert "image x.png is not an image file" in err
    assert not (tmp_path / "out" / "by-order_b1" / "images").exists()


def test_two_images_of_one_name_get_two_files_and_one_image_twice_one(tmp_path: Path) -> None:
    image(tmp_path / "src" / "one" / "chart.png")
    image(tmp_path / "src" / "two" / "chart.png", OTHER_PNG)
    source = bank_file(
        tmp_path / "src", "![1](../one/chart.png) ![2](../two/chart.png) ![3](../one/chart.png)"
    )
    status, bank, _ = imported(tmp_path, source)
    assert status == 0
    first, second, third = image_targets(bank.questions[0].stem)
    assert first != second and first == third
    record = tmp_path / "out" / "by-order_b1" / "Q-007.yaml"
    assert local_image(first, record).read_bytes() == PNG
    assert local_image(second, record).read_bytes() == OTHER_PNG
    assert len(list((tmp_path / "out" / "by-order_b1" / "images").iterdir())) == 2


@pytest.mark.parametrize(
    "name", ["$(touch pwned).png", "-rf .png", ".hidden.png", "名字 (1).PNG", "x" * 250 + ".png"]
)
def test_a_hostile_image_name_is_copied_under_a_safe_name_inside_out(
    tmp_path: Path, name: str
) -> None:
    image(tmp_path / "src" / "by-order_b1" / name)
    source = bank_file(tmp_path / "src", f"![x](<{name}>)")
    status, bank, _ = imported(tmp_path, source)
    assert status == 0
    (target,) = image_targets(bank.questions[0].stem)
    (copy,) = (tmp_path / "out" / "by-order_b1" / "images").iterdir()
    assert copy.name[8] == "-" and copy.suffix == ".png" and len(copy.name.encode()) < 120
    assert local_image(target, tmp_path / "out" / "by-order_b1" / "Q-007.yaml") == copy.resolve()
    assert not (tmp_path / "pwned").exists()


def test_reimporting_copies_nothing_new(tmp_path: Path) -> None:
    image(tmp_path / "src" / "images" / "flow.png")
    source = bank_file(tmp_path / "src", "![f](../images/flow.png)")
    imported(tmp_path, source)
    folder = tmp_path / "out" / "by-order_b1" / "images"
    (copy,) = folder.iterdir()
    before = copy.stat().st_mtime_ns
    status, _, _ = imported(tmp_path, source)
    assert status == 0 and [p.stat().st_mtime_ns for p in folder.iterdir()] == [before]


def test_without_an_out_folder_the_parsed_link_is_the_images_real_path(tmp_path: Path) -> None:
    picture = image(tmp_path / "src" / "images" / "flow.png")
    source = bank_file(tmp_path / "src", "![f](../images/flow.png)")
    report = import_sources(find_sources([source]))
    (target,) = image_targets(report.questions[0].stem)
    assert target == picture.resolve().as_uri()
