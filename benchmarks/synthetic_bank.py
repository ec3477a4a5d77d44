"""Write a synthetic bank of template-format question files (for benchmarks)."""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = ["Jobs-API", "Delta-Lake", "Streaming", "Unity-Catalog", "Auto-Loader", "Spark-SQL"]
TRAPS = ["Similar-Options", "Concept-Confusion", "Number-Trap", "Default-Value"]
LEVELS = ["L1-Basic", "L2-Intermediate", "L3-Advanced"]


def question_file(number: int, rng: random.Random) -> str:
    """One zh-template question file with every section filled."""
    answer = rng.choice("ABCD")
    topics = ", ".join(f"`{t}`" for t in rng.sample(TOPICS, 2))
    options = "\n".join(
        f"- **{letter}.** Option {letter} of question {number}, "
        f"mentioning `setting_{rng.randint(1, 99)}`."
        for letter in "ABCD"
    )
    wrong = "\n\n".join(
        f"### {letter} - option {letter}\n\n選項 {letter} 不符合題意（{number}）。"
        for letter in "ABCD"
        if letter != answer
    )
    return f"""# Question #{number:05d}

## 題目資訊

**ID:** `Q-{number:05d}`
**來源:** Synthetic
**難度:** `{rng.choice(LEVELS)}`

## 題目內容

### 題幹

Synthetic question {number}: which setting makes pipeline {rng.randint(1, 10**6)} behave?

```python
spark.conf.set("setting_{number}", {rng.randint(1, 100)})
```

### 選項

{options}

## 標籤系統

**Topics:** {topics}
**Traps:** `{rng.choice(TRAPS)}`
**Domain:** Data Engineering / Synthetic

## 答案與來源

**正解:** `{answer}`

# 題目解析

## 📍 考點識別

**核心技術:** synthetic topic {number}

## ✅ 正解說明

因為 {answer} 是正確的設定。{"說明文字。" * rng.randint(5, 40)}

## ❌ 錯誤選項排除

{wrong}

## 🧠 記憶法

「口訣 {number}」

## 📚 官方文件

- [Docs](https://docs.databricks.com/synthetic/{number})
"""


def write_bank(directory: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` question files under ``directory/synthetic``."""
    rng = random.Random(seed)
    folder = directory / "synthetic"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(1, count + 1):
        path = folder / f"Q-{number:05d}.md"
        path.write_text(question_file(number, rng), encoding="utf-8")
        files.append(path)
    return files
