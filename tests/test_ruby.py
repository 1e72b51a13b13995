"""Ruby for やさしい日本語: readings split around okurigana, counters after numbers, and the HTML left intact."""

from navi.text.ruby import align, pieces
from navi.web.ruby_html import add_ruby


def test_okurigana_stay_outside_the_ruby():
    assert align("書く", "かく") == [("書", "か"), ("く", None)]
    assert align("受け取る", "うけとる") == [("受", "う"), ("け", None), ("取", "と"), ("る", None)]


def test_a_reading_that_does_not_fit_the_kana_covers_the_whole_word():
    assert align("今日", "きょう") == [("今日", "きょう")]


def test_counters_after_a_number_are_read_as_spoken():
    assert pieces("12月2日") == [("12", None), ("月", "がつ"), ("2", None), ("日", "ふつか")]
    assert pieces("2人") == [("2", None), ("人", "ふたり")]
    assert pieces("3人") == [("3", None), ("人", "にん")]


def test_words_the_analyser_misreads_come_from_the_readings_file():
    assert pieces("生年月日を書く")[0] == ("生年月日", "せいねんがっぴ")


def test_text_without_kanji_is_one_plain_piece():
    assert pieces("QRコードをみせてください") == [("QRコードをみせてください", None)]


def test_pages_get_ruby_only_where_html_can_show_it_and_never_on_residents_words():
    html = ('<!doctype html><html lang="ja"><head><title>名前</title></head><body><p class="a">名前を&amp;書く</p>'
            '<select><option>名前</option></select><span translate="no">夢野 太一</span><input value="名前"><br>'
            '<p>住所</p></body></html>')
    assert add_ruby(html) == (
        '<!doctype html><html lang="ja"><head><title>名前</title></head><body><p class="a">'
        '<span><ruby>名前<rt>なまえ</rt></ruby>を</span>&amp;<span><ruby>書<rt>か</rt></ruby>く</span></p>'
        '<select><option>名前</option></select><span translate="no">夢野 太一</span><input value="名前"><br>'
        '<p><span><ruby>住所<rt>じゅうしょ</rt></ruby></span></p></body></html>')
