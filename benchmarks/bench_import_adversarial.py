"""Import speed on adversarial files and on the real dev corpus, in MB/s.

Run: .venv/bin/python benchmarks/bench_import_adversarial.py [--rounds 5] [--quick]
Each case is a folder of question files built here (no corpus text). The
in-process figure is median/min/max MB/s of ``import_sources`` over the rounds;
the big cases are also timed as a whole ``python -m quiz import DIR --out TMP``.
The target is ≥ 1 MB/s on every case (import time linear in the input).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from importer_samples import PLAIN_OPTIONS, plain_block, template

from quiz.importer import find_sources, import_sources

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
KB = 1000
WHOLE_PROCESS_BYTES = 800 * KB

Files = dict[str, str]


def field_spaces(size: int) -> Files:
    """A field value padded with spaces (trailing-space regexes)."""
    line = "**來源:** a" + " " * size + "b\n"
    return {"Q-001.md": template(info="**ID:** `Q-001`\n" + line)}


def brackets(size: int) -> Files:
    """An explanation and references that are one long run of ``[`` (link regexes)."""
    text = "[" * (size // 2)
    explained = plain_block(1, PLAIN_OPTIONS).replace("says so.", "says so. " + text)
    return {"sample_1.md": explained, "Q-001.md": template(references="## 📚 官方文件\n\n" + text)}


def many_links(size: int) -> Files:
    """Thousands of links and bare URLs on one line (reference lists)."""
    line = "".join(f"[d{n}](https://x.io/{n}) https://y.io/{n} " for n in range(size // 40))
    return {"Q-001.md": template(references="## 📚 官方文件\n\n- " + line + "\n")}


def many_headings(size: int) -> Files:
    """A template whose analysis is thousands of sections (section lookups)."""
    sections = "".join(f"## 記憶法 {n}\n\ntext\n\n### 選項 A\n\nno\n\n" for n in range(size // 40))
    return {"Q-001.md": template(mnemonic=sections)}


def bulleted_code(size: int) -> Files:
    """Thousands of code blocks whose lines an exporter turned into bullets."""
    code = "```\n- x = 1\n\n- y = 2\n```\n\n" * (size // 28)
    return {"sample_1.md": plain_block(1, PLAIN_OPTIONS).replace("says so.", code)}


def answer_letters(size: int) -> Files:
    """An answer line that lists one letter again and again (answer parsing)."""
    return {"Q-001.md": template(answer="**正解:** " + "B, " * (size // 3) + "\n")}


def heading_spaces(size: int) -> Files:
    """A heading made of spaces and ``#`` (heading regexes)."""
    return {"Q-001.md": template() + "\n## x" + " " * size + "# #" + " " * size + "y\n"}


def option_lines(size: int) -> Files:
    """The same option line over and over, and a line of spaces with a (Correct) mark."""
    options = "### 選項\n\n" + "- **A.** x\n" * (size // 11) + "- **B.** y\n"
    options += "- **C.**" + " " * size + "(Correct) z\n"
    return {"Q-001.md": template(options=options)}


def why_heading(size: int) -> Files:
    """A heading that says "why" again and again (heading-kind regexes)."""
    return {"Q-001.md": template() + "\n## " + "why " * (size // 4) + "\n\ntext\n"}


def many_comments(size: int) -> Files:
    """Thousands of short HTML comments and fences."""
    filler = "<!-- c -->\n```\n```\n" * (size // 20)
    return {"Q-001.md": template(references="## 📚 官方文件\n\n" + filler)}


def near_duplicate_stems(size: int) -> Files:
    """Two copies of one question whose long stems differ a little (the merge)."""
    words = " ".join(f"word{n % 997}x{n}" for n in range(size // 12))
    first = template(stem=f"### 題幹\n\n{words}\n")
    second = template(stem=f"### 題幹\n\n{words.replace('x1', 'y1')}\n")
    return {"Q-007.md": first, "Q-007-copy.md": second}


def plain_questions(count: int) -> Files:
    """One plain export with many questions."""
    text = "\n---\n\n".join(plain_block(n, PLAIN_OPTIONS) for n in range(1, count + 1))
    return {"sample_1.md": text}


CASES: dict[str, Callable[[], Files]] = {
    "field value, 100 KB of spaces": lambda: field_spaces(100 * KB),
    "field value, 1 MB of spaces": lambda: field_spaces(1000 * KB),
    "explanation, 100 KB of '['": lambda: brackets(100 * KB),
    "explanation, 1 MB of '['": lambda: brackets(1000 * KB),
    "heading, 2 x 100 KB of spaces": lambda: heading_spaces(100 * KB),
    "heading, 2 x 1 MB of spaces": lambda: heading_spaces(1000 * KB),
    "options, 1 MB of option lines": lambda: option_lines(1000 * KB),
    "references, 1 MB of links on a line": lambda: many_links(1000 * KB),
    "analysis, 1 MB of sections": lambda: many_headings(1000 * KB),
    "explanation, 1 MB of bulleted code": lambda: bulleted_code(1000 * KB),
    "answer line, 1 MB of letters": lambda: answer_letters(1000 * KB),
    "heading, 1 MB of 'why '": lambda: why_heading(1000 * KB),
    "1 MB of comments and fences": lambda: many_comments(1000 * KB),
    "merge, two 11 KB near-duplicate stems": lambda: near_duplicate_stems(11 * KB),
    "merge, two 1 MB near-duplicate stems": lambda: near_duplicate_stems(1000 * KB),
    "plain, 8,000 questions in one file": lambda: plain_questions(8000),
    "plain, 40,000 questions in one file": lambda: plain_questions(40000),
}
QUICK = {name for name in CASES if "100 KB" in name or "11 KB" in name or "8,000" in name}


def write_case(files: Files, folder: Path) -> int:
    """Write the files of a case under ``folder/bank``; their total size in bytes."""
    size = 0
    for name, text in files.items():
        path = folder / "bank" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
    return size


def in_process(folder: Path, size: int, rounds: int) -> tuple[list[float], str]:
    """MB/s of each round of the import, and a summary of what it produced."""
    speeds = []
    for _ in range(rounds):
        start = time.perf_counter()
        report = import_sources(find_sources([folder]))
        speeds.append(size / 1e6 / (time.perf_counter() - start))
    outcome = f"{len(report.questions)} q, {len(report.failed)} failed, {len(report.merged)} merged"
    if report.repaired:
        outcome += f", {len(report.repaired)} repaired"
    return speeds, outcome


def whole_process(folder: Path, size: int, out: Path) -> float:
    """MB/s of one ``python -m quiz import`` run (start-up and writing included)."""
    env = {**os.environ, "QUIZ_DATA_DIR": str(out / "data"), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "quiz", "import", str(folder), "--out", str(out / "bank")]
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=False)
    return size / 1e6 / (time.perf_counter() - start)


def report_case(name: str, folder: Path, size: int, rounds: int, work: Path) -> float:
    speeds, outcome = in_process(folder, size, rounds)
    line = (
        f"{name:42} {size / 1e6:7.2f} MB  median {statistics.median(speeds):7.1f} MB/s"
        f"  min {min(speeds):7.1f}  max {max(speeds):7.1f}  ({outcome})"
    )
    if size >= WHOLE_PROCESS_BYTES:
        line += f"  whole process {whole_process(folder, size, work / 'out'):.1f} MB/s"
    print(line, flush=True)
    return min(speeds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="only the 100 KB-sized cases")
    args = parser.parse_args()
    slowest = float("inf")
    for name, build in CASES.items():
        if args.quick and name not in QUICK:
            continue
        with tempfile.TemporaryDirectory() as temporary:
            work = Path(temporary)
            size = write_case(build(), work / "src")
            slowest = min(slowest, report_case(name, work / "src", size, args.rounds, work))
    if DEV_CORPUS.is_dir():
        with tempfile.TemporaryDirectory() as temporary:
            size = sum(f.stat().st_size for f in DEV_CORPUS.rglob("*.md"))
            name = "real dev corpus (120 files)"
            slowest = min(
                slowest, report_case(name, DEV_CORPUS, size, args.rounds, Path(temporary))
            )
    else:
        print("dev corpus: not available, skipped")
    print(f"slowest round of any case: {slowest:.2f} MB/s (target ≥ 1 MB/s)")


if __name__ == "__main__":
    main()
