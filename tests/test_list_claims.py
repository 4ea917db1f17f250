"""kind: set, which lists are claims (issue 18): a trigger governs the lists of its own clause, a
member named earlier in that clause belongs to the list, continuations extend a list, hedges make
it examples, and French elided articles and Arabic proclitics stand before names. Invented
stories in six languages: a cyclone over eastern islands, floods across provinces, export bans."""
from __future__ import annotations

import pytest

from conftest import where

RULES = """story: storms
entities:
  alor: {type: place, name: Alor, aliases: [阿洛岛, アロール島, ألور]}
  sumba: {type: place, name: Sumba, aliases: [松巴岛, スンバ島, سومبا]}
  flores: {type: place, name: Flores, aliases: [弗洛勒斯岛, フローレス島, فلوريس]}
  timor: {type: place, name: Timor, aliases: [帝汶岛, ティモール島, تيمور]}
  rote: {type: place, name: Rote, aliases: [罗地岛, ロテ島, روتي]}
  aceh: {type: place, name: Aceh, aliases: [亚齐, アチェ, آتشيه]}
  riau: {type: place, name: Riau, aliases: [廖内, リアウ, رياو]}
  jambi: {type: place, name: Jambi, aliases: [占碑, ジャンビ, جامبي]}
  bengkulu: {type: place, name: Bengkulu, aliases: [明古鲁, ブンクル, بنكولو]}
  vietnam: {type: country, name: Vietnam, aliases: [فيتنام]}
  thailand: {type: country, name: Thailand, aliases: [تايلاند]}
  india: {type: country, name: India, aliases: [الهند]}
facts:
  - id: hit-islands
    kind: set
    message: the cyclone hit Alor and Sumba
    members: [alor, sumba]
    sources: [invented]
    applies: {any: [hit, struck, melanda, menghantam, frappé, 袭击, 直撃, ضرب, أضر]}
  - id: flooded-provinces
    kind: set
    message: the floods reached Aceh, Riau, Jambi and Bengkulu
    members: [aceh, riau, jambi, bengkulu]
    hedged_severity: warning
    sources: [invented]
    applies: {any: [floods, banjir, inondations, 洪水, الفيضانات]}
  - id: export-bans
    kind: set
    message: Vietnam, Thailand and India banned rice exports
    members: [vietnam, thailand, india]
    hedged_severity: warning
    sources: [invented]
    applies: {any: [ban, banned, حظر, حظرا]}
"""

HIT, FLOODS, BANS = "storms/hit-islands", "storms/flooded-provinces", "storms/export-bans"


@pytest.fixture
def check(lint):
    return lambda text: lint(text + "\n", "a.txt", RULES, "--story", "storms")


# Another predicate's list is not a claim, though it names a member: only the islands the cyclone
# hit are checked, not those that lost power. The first sentence of each pair is right; in the
# second, the hit list names Flores (one error, at it) and the power-cut list is still not read.
@pytest.mark.parametrize("right, wrong, column", [
    ("The cyclone hit Alor and Sumba, and power cuts were reported in Sumba, Flores and Timor.",
     "The cyclone hit Alor, Flores and Sumba, and power cuts were reported in Sumba and Timor.", 23),
    ("The cyclone hit Alor and Sumba and was felt in Sumba, Flores, Timor and Rote.",
     "The cyclone hit Alor, Flores and Sumba and was felt in Sumba, Timor and Rote.", 23),
    ("Siklon itu melanda Alor dan Sumba, sementara pemadaman listrik terjadi di Sumba, Flores, dan Timor.",
     "Siklon itu melanda Alor, Flores, dan Sumba, sementara pemadaman listrik terjadi di Sumba dan Timor.", 26),
    ("Siklon itu melanda Alor dan Sumba serta terasa hingga Sumba, Flores, dan Timor.",
     "Siklon itu melanda Alor, Flores, dan Sumba serta terasa hingga Sumba dan Timor.", 26),
    ("Le cyclone a frappé Alor et Sumba, et des coupures de courant ont touché Sumba, Flores et Timor.",
     "Le cyclone a frappé Alor, Flores et Sumba, et des coupures de courant ont touché Sumba et Timor.", 27),
    ("气旋袭击了阿洛岛和松巴岛，松巴岛、弗洛勒斯岛和帝汶岛均出现停电。",
     "气旋袭击了阿洛岛、弗洛勒斯岛和松巴岛，松巴岛和帝汶岛均出现停电。", 10),
    ("サイクロンはアロール島とスンバ島を直撃し、スンバ島、フローレス島、ティモール島で停電が起きた。",
     "サイクロンはアロール島、フローレス島、スンバ島を直撃し、スンバ島とティモール島で停電が起きた。", 13),
    ("ضرب الإعصار ألور وسومبا وانقطعت الكهرباء في سومبا وفلوريس وتيمور.",
     "ضرب الإعصار ألور وفلوريس وسومبا وانقطعت الكهرباء في سومبا وتيمور.", 19),
], ids=["en", "en-felt", "id", "id-serta", "fr", "zh", "ja", "ar"])
def test_a_list_of_another_predicate_is_not_a_claim(check, right, wrong, column):
    assert check(right).findings == []
    r = check(wrong)
    assert where(r) == [(1, column, "error", HIT)]
    assert "which is not one of Alor, Sumba" in r.findings[0]


# A list before a break ("but", "tetapi", "mais", "但", "ものの", "لكن") is not the trigger's after it.
@pytest.mark.parametrize("text", [
    "Sumba and Timor had been warned days earlier, but the cyclone hit Alor and Sumba.",
    "Sumba dan Timor sudah diperingatkan sejak beberapa hari sebelumnya, tetapi siklon itu menghantam Alor dan Sumba.",
    "Sumba et Timor avaient été alertés plusieurs jours avant, mais le cyclone a frappé Alor et Sumba.",
    "松巴岛和帝汶岛几天前已收到预警，但气旋袭击了阿洛岛和松巴岛。",
    "スンバ島とティモール島には数日前に警報が出ていたものの、サイクロンはアロール島とスンバ島を直撃した。",
    "صدرت تحذيرات لسومبا وتيمور قبل أيام، لكن الإعصار ضرب ألور وسومبا.",
], ids=["en", "id", "fr", "zh", "ja", "ar"])
def test_a_list_before_a_clause_break_is_not_the_triggers(check, text):
    assert check(text).findings == []


def test_a_list_before_the_trigger_in_its_clause_is_a_claim(check):
    r = check("Alor and Timor were hit hardest by the cyclone.")
    assert where(r) == [(1, 1, "error", HIT), (1, 10, "error", HIT)]
    assert "missing Sumba" in r.findings[0] and '"Timor"' in r.findings[1]


# A member named earlier in the trigger's clause belongs to the list: silent with all four named,
# and a hedged list that leaves one out is a warning naming only that one.
@pytest.mark.parametrize("full, partial, column", [
    ("The floods, centred in Aceh, spread across other provinces, including Riau, Jambi and Bengkulu.",
     "The floods, centred in Aceh, spread across other provinces, including Riau and Jambi.", 71),
    ("Banjir yang berpusat di Aceh meluas ke provinsi lain, antara lain Riau, Jambi, dan Bengkulu.",
     "Banjir yang berpusat di Aceh meluas ke provinsi lain, antara lain Riau dan Jambi.", 67),
    ("Les inondations, centrées sur Aceh, ont gagné d'autres provinces, notamment Riau, Jambi et Bengkulu.",
     "Les inondations, centrées sur Aceh, ont gagné d'autres provinces, notamment Riau et Jambi.", 77),
    ("以亚齐为中心的洪水蔓延至其他省份，包括廖内、占碑和明古鲁。",
     "以亚齐为中心的洪水蔓延至其他省份，包括廖内和占碑。", 20),
    ("アチェを中心とする洪水は、リアウ、ジャンビ、ブンクルなど他の州にも広がった。",
     "アチェを中心とする洪水は、リアウやジャンビなど他の州にも広がった。", 14),
    ("امتدت الفيضانات التي تركزت في آتشيه إلى مقاطعات أخرى مثل رياو وجامبي وبنكولو.",
     "امتدت الفيضانات التي تركزت في آتشيه إلى مقاطعات أخرى مثل رياو وجامبي.", 58),
], ids=["en", "id", "fr", "zh", "ja", "ar"])
def test_a_member_named_earlier_in_the_clause_counts(check, full, partial, column):
    assert check(full).findings == []
    r = check(partial)
    assert where(r) == [(1, column, "warning", FLOODS)]
    assert "leaves out Bengkulu;" in r.findings[0]


def test_a_member_in_another_clause_does_not_count(check):
    r = check("Aceh was spared, but the floods spread across other provinces, including Riau, Jambi and Bengkulu.")
    assert where(r) == [(1, 74, "warning", FLOODS)]
    assert "leaves out Aceh;" in r.findings[0]


# Continuations extend a list: the island after one is checked like any item (an error at Timor).
@pytest.mark.parametrize("text, column", [
    ("The cyclone hit Alor and Sumba as well as Timor.", 43),
    ("The cyclone hit Alor and Sumba along with Timor.", 43),
    ("Siklon itu melanda Alor dan Sumba beserta Timor.", 43),
    ("Siklon itu melanda Alor dan Sumba serta Timor.", 41),
    ("Le cyclone a frappé Alor et Sumba ainsi que Timor.", 45),
    ("气旋袭击了阿洛岛和松巴岛以及帝汶岛。", 15),
    ("サイクロンはアロール島とスンバ島、およびティモール島を直撃した。", 21),
    ("ضرب الإعصار ألور وسومبا بالإضافة إلى تيمور.", 38),
    ("ضرب الإعصار ألور وسومبا وكذلك تيمور.", 31),
], ids=["en-as-well-as", "en-along-with", "id-beserta", "id-serta", "fr", "zh", "ja", "ar-bil-idafa", "ar-wa-kadhalik"])
def test_continuations_extend_a_list(check, text, column):
    r = check(text)
    assert where(r) == [(1, column, "error", HIT)]
    assert "which is not one of Alor, Sumba" in r.findings[0]


# Hedges make a list examples: a partial list is a warning at the list, naming what it leaves out.
@pytest.mark.parametrize("text, column", [
    ("The floods swamped several provinces, including Riau and Jambi.", 49),
    ("The floods swamped several provinces, such as Riau and Jambi.", 47),
    ("The floods swamped several provinces, among them Riau and Jambi.", 50),
    ("Banjir merendam sejumlah provinsi, antara lain Riau dan Jambi.", 48),
    ("Banjir merendam sejumlah provinsi, di antaranya Riau dan Jambi.", 49),
    ("Banjir merendam provinsi seperti Riau dan Jambi.", 34),
    ("Les inondations ont touché plusieurs provinces, notamment Riau et Jambi.", 59),
    ("Les inondations ont touché plusieurs provinces, dont Riau et Jambi.", 54),
    ("Les inondations ont touché des provinces comme Riau et Jambi.", 48),
    ("洪水波及廖内和占碑等省份。", 5),
    ("洪水波及多个省份，包括廖内和占碑。", 12),
    ("洪水はリアウやジャンビなどの州に広がった。", 4),
    ("洪水はリアウをはじめ、ジャンビとブンクルに広がった。", 4),
    ("اجتاحت الفيضانات مقاطعات مثل رياو وجامبي.", 30),
    ("اجتاحت الفيضانات مقاطعات عدة على غرار رياو وجامبي.", 39),
], ids=["en-including", "en-such-as", "en-among-them", "id-antara-lain", "id-di-antaranya", "id-seperti",
        "fr-notamment", "fr-dont", "fr-comme", "zh-deng", "zh-baokuo", "ja-nado", "ja-wo-hajime", "ar-mithl",
        "ar-ala-gharar"])
def test_hedges_make_a_partial_list_a_warning(check, text, column):
    r = check(text)
    assert where(r) == [(1, column, "warning", FLOODS)]
    assert "as examples and leaves out" in r.findings[0]


def test_mithlama_faalat_offers_examples(check):
    r = check("فرضت دول آسيوية حظرا على تصدير الأرز، مثلما فعلت فيتنام وتايلاند.")
    assert where(r) == [(1, 50, "warning", BANS)]
    assert "leaves out India" in r.findings[0]


# French elided and plain articles before names; Arabic prepositions glued to a name.
@pytest.mark.parametrize("right, wrong, column", [
    ("Le cyclone a frappé les îles d'Alor et de Sumba.", "Le cyclone a frappé les îles d'Alor et de Timor.", 43),
    ("Le cyclone a frappé les îles d’Alor et de Sumba.", "Le cyclone a frappé les îles d’Alor et de Timor.", 43),
    ("أضر الإعصار بألور وسومبا.", "أضر الإعصار بألور وتيمور.", 20),
    ("ضرب الإعصار في ألور وفي سومبا.", "ضرب الإعصار في ألور وفي تيمور.", 25),
], ids=["fr-apostrophe", "fr-curly", "ar-bi", "ar-wa-fi"])
def test_articles_and_proclitics_before_names(check, right, wrong, column):
    assert check(right).findings == []
    r = check(wrong)
    assert [(w[0], w[2], w[3]) for w in where(r)] == [(1, "error", HIT), (1, "error", HIT)]
    assert where(r)[1][1] == column and "which is not one of Alor, Sumba" in r.findings[1]
    assert "missing Sumba" in r.findings[0]
