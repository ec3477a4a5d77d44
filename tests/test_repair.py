"""Tests of the repair of damaged text: detection, candidates, round trips, the API."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.repair import Repairer, damage, looks_damaged
from quiz.repair.bigrams import pair_bonuses
from quiz.repair.contrasts import contrast_bonuses
from quiz.repair.damage import LOST_BYTES, Slot, candidates, parse
from quiz.repair.frames import open_frames
from quiz.repair.lexicon import Lexicon, load_lexicon
from tests.conftest import shared_path

WRITTEN = [
    "這個問題要選擇正確的答案，不要只看選項的名稱。",
    "資料工程師需要設定權限，才能讀取資料表中的記錄。",
    "## 考點識別\n\n- 串流處理：每一筆資料只處理一次。\n",
    "他說：「這個設定不會保留歷史版本。」",
    "【重點】他說：“好”，不要忘記 ⚠️ 注意 ❌ 錯誤選項、正確 ✅\n"
    "家庭 👨‍👩‍👧‍👦 **成員**\n步驟 ← 箭頭 ──┐\n",
]


def hit(char: str) -> bool:
    """Whether the transfer damages ``char``."""
    return any(byte in LOST_BYTES for byte in char.encode("utf-8"))


@pytest.fixture(scope="module")
def repairer() -> Repairer:
    """One repairer for the module: the lexicon is loaded once."""
    return Repairer()


def test_damage_drops_exactly_the_lost_bytes() -> None:
    damaged = damage("正確")  # 正 = E6 AD A3 loses 0xAD; 確 = E7 A2 BA keeps all
    assert damaged == "æ£ç¢º"


def test_candidates_of_a_short_sequence_include_the_original() -> None:
    for char in "正中不、」❌📍”\u00ad":
        assert hit(char)
        short = damage(char).encode("cp1254")
        assert char in candidates(short)


def test_parse_marks_damaged_characters_and_decodes_the_rest() -> None:
    units = parse(damage("正確 ok"))
    assert isinstance(units[0], Slot)
    assert "正" in units[0].candidates
    assert "".join(unit for unit in units if isinstance(unit, str)) == "確 ok"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ASCII text\n",
        "English with “curly quotes” — and a dash, café, naïve.",
        "中文的乾淨文字，不應該被修改。",
        "Texto em português: não é possível, ação, provê.",
        "emoji ✅ ❌ 📍 and ⚠️ in clean text",
    ],
)
def test_clean_text_does_not_look_damaged(text: str) -> None:
    assert not looks_damaged(text)


@pytest.mark.parametrize("text", WRITTEN)
def test_damaged_text_looks_damaged(text: str) -> None:
    assert looks_damaged(damage(text))


@pytest.mark.parametrize("text", WRITTEN)
def test_round_trip_on_written_text(repairer: Repairer, text: str) -> None:
    result = repairer.repair(damage(text))
    assert result.damaged
    assert result.text == text


@pytest.mark.parametrize(
    "text",
    [
        "每天對資料去重，再全量覆寫目標表。",  # 去重 and 全量: absent from the news dictionary
        "條件寫成子查詢，放在 WHERE 子句。",  # 子句 is rarer than 名句 there
        "日期是低基數欄位，適合分區。",  # 低基數, not 位基數
        "| 方案 B | ❌ 不建議 |",  # 不建議, not 中建議
    ],
)
def test_words_of_the_field_come_back(repairer: Repairer, text: str) -> None:
    assert repairer.repair(damage(text)).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在 Notebook 中使用", [True]),  # the preposition opens a frame
        ("放在區塊中", [True]),  # so does a verb ending in it
        ("現在中", [False]),  # a word that ends in it does not
        ("在表格上中", [False]),  # a localizer closes it
        ("在表格，中", [False]),  # and so does the end of the clause
    ],
)
def test_open_frames(text: str, expected: list[bool]) -> None:
    offsets = [index for index, char in enumerate(text) if char == "中"]
    assert open_frames(text, offsets, load_lexicon()) == expected


@pytest.mark.parametrize(
    "text", ["要在 Notebook 中使用這個設定。", "過期資料會從狀態中移除，現在不需要。"]
)
def test_a_localizer_inside_a_frame_is_preferred(repairer: Repairer, text: str) -> None:
    assert repairer.repair(damage(text)).text == text  # 中 and 不 lose the same byte


def test_a_contrast_in_the_same_frame_favours_its_opposite() -> None:
    text = "| A | 高 |\n| B | ? |\n| C | ? 的 |"  # 低 completes 高低 in the same frame
    offsets = [text.index("?"), text.rindex("?")]
    bonuses = contrast_bonuses(text, offsets, [("低", "住"), ("低", "住")], load_lexicon())
    assert set(bonuses[0]) == {"低"}
    assert bonuses[1] == {}  # another frame


@pytest.mark.parametrize(
    "text",
    ["| 項目 | 成本 |\n| A | 高 |\n| B | 低 |", "→ 是：使用 Type 2\n→ 否：使用 Type 1"],
)
def test_contrasts_are_repaired(repairer: Repairer, text: str) -> None:
    assert repairer.repair(damage(text)).text == text  # 低 reads as 住, 否 as 另


@pytest.mark.parametrize("text", ["- 非 Databricks 使用者", "（非 JSON 內容）", "檔案被讀取過。"])
def test_an_aspect_particle_follows_a_verb(repairer: Repairer, text: str) -> None:
    assert repairer.repair(damage(text)).text == text  # 非 and 過 lose the same byte


def test_the_bigram_model_keeps_the_pairs_a_damaged_character_can_be_in() -> None:
    characters, pairs, floor = load_lexicon().bigram_model
    assert floor < 0 and "的" in characters and pairs
    assert all(hit(pair[0]) or hit(pair[1]) for pair in pairs)


def test_a_bigram_the_model_has_beats_a_commoner_character_it_lacks() -> None:
    model = ({"甲": -5.0, "乙": -5.0, "丙": -9.0}, {"甲丙": -13.0}, -16.0)
    bonus = pair_bonuses(model, "甲", ("乙", "丙"), "")
    assert bonus["丙"] == 0.0 > bonus["乙"]
    assert pair_bonuses(model, "", ("乙", "丙"), "。") == {}  # no Chinese neighbour


@pytest.mark.parametrize("text", ["需要合併小檔案。", "這張表較小，適合廣播。"])
def test_character_bigrams_settle_what_single_words_cannot(repairer: Repairer, text: str) -> None:
    assert repairer.repair(damage(text)).text == text  # 小 and 對 lose the same byte


@pytest.mark.parametrize(
    "text",
    ["要的是「便宜、好用」，不是別的。", "**「選項：甲、乙、丙」**", "「穩定」寫法，然後「測試」"],
)
def test_a_list_mark_inside_quotes_is_not_read_as_the_closing_one(
    repairer: Repairer, text: str
) -> None:
    assert repairer.repair(damage(text)).text == text  # 、 and 」 lose the same byte


def test_undamaged_text_is_returned_as_the_same_object(repairer: Repairer) -> None:
    text = "中文的乾淨文字。"
    result = repairer.repair(text)
    assert result.text is text
    assert not result.damaged
    assert result.uncertain == []


def test_uncertain_choices_carry_position_and_context(repairer: Repairer) -> None:
    text = "第一行\n## 📍 考點識別"  # which emoji stood here cannot be known for sure
    result = repairer.repair(damage(text))
    spots = [spot for spot in result.uncertain if spot.line == 2]
    assert spots
    spot = spots[0]
    assert spot.column == 4
    assert spot.chosen == result.text.splitlines()[1][3]
    assert 0 < spot.confidence < 1
    assert "考點" in spot.context


def test_a_sequence_nothing_decodes_to_is_kept_and_reported(repairer: Repairer) -> None:
    # 0xF4 0xB0 can only continue into plane 16, all private use: no candidate.
    damaged = damage("正確的答案") + "ô°"
    result = repairer.repair(damaged)
    assert result.text.endswith("ô°")
    assert result.uncertain[-1].chosen == "ô°"
    assert result.uncertain[-1].confidence == 0.0


def test_a_clean_text_in_the_batch_settles_what_one_text_cannot(repairer: Repairer) -> None:
    damaged = damage("## 📍 考點識別\n")
    alone = repairer.repair(damaged)
    assert alone.uncertain  # several emoji lose the same byte: the text alone cannot tell
    together = repairer.repair_many([damaged, "## 📍 考點識別\n正確答案"])
    assert together[0].text == "## 📍 考點識別\n"
    assert together[1].text == "## 📍 考點識別\n正確答案"
    assert not together[1].damaged


def test_a_clean_text_lends_the_neighbours_of_a_hidden_character(repairer: Repairer) -> None:
    damaged = damage("更多小檔案 = 更多平行處理。")  # 小 reads as the more frequent 對
    clean = "合併小檔案可以減少讀取時間。" + "資料表的欄位設定。" * 4000  # enough to be trusted
    together = repairer.repair_many([damaged, clean])
    assert together[0].text == "更多小檔案 = 更多平行處理。"


def test_repair_many_repairs_each_text(repairer: Repairer) -> None:
    texts = [damage(text) for text in WRITTEN] + ["clean"]
    results = repairer.repair_many(texts)
    assert [result.text for result in results] == [*WRITTEN, "clean"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_repair_never_raises_and_keeps_what_is_not_damaged(text: str) -> None:
    result = Repairer(load=_tiny_lexicon).repair(text)
    assert isinstance(result.text, str)
    if not looks_damaged(text):
        assert result.text is text


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_repair_never_raises_on_binary_junk(data: bytes) -> None:
    text = data.decode("cp1254", errors="ignore")
    result = Repairer(load=_tiny_lexicon).repair(text)
    assert isinstance(result.text, str)


CLEAN_ALPHABET = st.sampled_from(list("中文資料表正確答案不是選項，。「」：") + list("abc XYZ.\n"))


@settings(max_examples=200, deadline=None)
@given(st.text(CLEAN_ALPHABET))
def test_clean_chinese_or_english_text_is_never_changed(text: str) -> None:
    result = Repairer(load=_tiny_lexicon).repair(text)
    assert result.text is text
    assert not result.damaged


def test_a_new_lexicon_cache_replaces_older_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz import paths
    from quiz.repair import lexicon

    stale = paths.cache_dir() / "repair-lexicon-1-0.1.marshal"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"old")
    monkeypatch.setattr(lexicon, "build_lexicon", _tiny_lexicon)
    built = lexicon.load_lexicon.__wrapped__()
    assert built == _tiny_lexicon()
    assert not stale.exists()
    assert len(list(paths.cache_dir().glob("repair-lexicon-*.marshal"))) == 1


def _tiny_lexicon() -> Lexicon:
    """A stand-in so that property tests need no dictionary."""
    return Lexicon({"正": -5.0, "正確": -8.0}, -20.0)


def test_seeds_000_to_002_look_damaged_and_003_004_do_not() -> None:
    seeds = shared_path("seeds")
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert looks_damaged(text) == path.name.startswith(("000", "001", "002")), path.name


def test_corpus_files_come_back_nearly_whole(repairer: Repairer) -> None:
    corpus = shared_path("corpus", "dev", "by-order_b1")
    originals = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("Q-*.md"))[:5]]
    results = repairer.repair_many([damage(text) for text in originals])
    for original, result in zip(originals, results, strict=True):
        assert len(result.text) == len(original)
        pairs = list(zip(original, result.text, strict=True))
        assert all(got == want for want, got in pairs if not hit(want))
        recovered = sum(got == want for want, got in pairs if hit(want))
        assert recovered >= 0.9 * sum(hit(want) for want, _ in pairs)


def test_a_calibrated_choice_is_less_sure_and_its_candidates_share_the_rest() -> None:
    from quiz.repair.decode import Choice
    from quiz.repair.repairer import CONFIDENT, calibrated

    raw = Choice("重", 0.995, (("量", 0.004), ("遇", 0.001)))  # wrong this often, in the corpus
    choice = calibrated(raw)
    assert choice.char == "重" and choice.confidence < CONFIDENT < raw.confidence
    assert choice.confidence + sum(weight for _, weight in choice.alternatives) == pytest.approx(1)
    assert [char for char, _ in choice.alternatives] == ["量", "遇"]
    assert choice.alternatives[0][1] == pytest.approx(4 * choice.alternatives[1][1])
    assert calibrated(Choice("中", 1.0, ())).confidence > CONFIDENT


def test_the_batch_reading_the_same_damage_elsewhere_moves_the_calibrated_confidence() -> None:
    from quiz.repair.decode import Choice
    from quiz.repair.repairer import calibrated

    raw = Choice("不", 0.999, (("中", 0.001),))
    alone = calibrated(raw).confidence
    assert calibrated(raw, agree=2).confidence > calibrated(raw, agree=1).confidence > alone
    assert calibrated(raw, differ=2).confidence < calibrated(raw, differ=1).confidence < alone


DOUBT = "說明：它不是一個權限。"  # 不 read with some doubt: 中 loses the same byte


def test_a_doubt_read_the_same_beside_the_same_neighbour_elsewhere_is_not_listed(
    repairer: Repairer,
) -> None:
    alone = repairer.repair(damage(DOUBT))
    assert [spot.chosen for spot in alone.uncertain] == ["不"]
    others = ["它不會刪除資料。", "所以它不能回復。", "它不用重跑。"]  # 它不 before other words
    result = repairer.repair_many([damage(text) for text in [DOUBT, *others]])[0]
    assert result.text == DOUBT and result.uncertain == []


def test_copies_of_a_text_in_the_batch_do_not_hide_its_doubts(repairer: Repairer) -> None:
    alone = repairer.repair(damage(DOUBT))
    copies = repairer.repair_many([damage(DOUBT)] * 3)
    assert alone.uncertain and all(copy.uncertain == alone.uncertain for copy in copies)


def test_an_uncertain_choice_ranks_every_candidate_with_its_probability(
    repairer: Repairer,
) -> None:
    result = repairer.repair(damage("第一行\n## 📍 考點識別"))
    (spot, *_) = [spot for spot in result.uncertain if spot.line == 2]
    assert spot.candidates[0] == (spot.chosen, spot.confidence)
    weights = [weight for _, weight in spot.candidates]
    assert weights == sorted(weights, reverse=True) and len(weights) > 1
    assert sum(weights) == pytest.approx(1)
    assert set(spot.alternatives) <= {char for char, _ in spot.candidates[1:]}
