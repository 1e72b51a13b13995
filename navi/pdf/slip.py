"""The resident's route slip (受付案内票): receipt number, counters in visiting order, what each does,
documents to bring and deadlines — in the resident's language (the plan's texts are already in it).

Headings are translated from the app's message catalog without Flask, so the counter and CLI can print too.
"""

from __future__ import annotations

import datetime as dt
import io

from babel.dates import format_date

from navi.domain.catalog.model import Catalog
from navi.domain.dates import format_wareki, format_wareki_weekday
from navi.domain.facts import Facts
from navi.domain.planner import Plan, PlannedProcedure
from navi.pdf.draw import FAINT, MM, PAD, Sheet, new_canvas
from navi.pdf.fit import LEADING, wrap
from navi.pdf.fonts import printable
from navi.pdf.ruby_text import ruby_height, write_ruby
from navi.text.languages import RUBY_LANGUAGES, babel_locale, translations, uses_era
from navi.text.ruby import resident_words

PAGE = (210.0, 297.0)
LEFT, RIGHT, TOP, BOTTOM = 15.0, 195.0, 14.0, 282.0


def N_(text: str) -> str:  # babel's marker name: extracted, then translated when printed
    """Mark a heading for extraction; it is translated when the slip is printed."""
    return text


TITLE = N_("受付案内票")
RECEIPT = N_("受付番号")
INTRO = N_("この案内票を持って、上から順に窓口を回ってください。")
ORDER = N_("回る窓口の順番")
FOR = N_("対象: %(names)s")
DUE = N_("期限: %(date)s まで")
DEEMED = N_("この届出で同時に済みます: %(title)s")
BRING = N_("持ち物")
ELSEWHERE = N_("この庁舎ではできない手続")
GO_TO = N_("この庁舎ではできません。%(office)s の %(counter)s へ")
AUTOMATIC = N_("手続なしで変わること（お知らせ）")
OTHER_OFFICES = N_("ほかの窓口での手続（市役所の外）")
AT = N_("手続する所: %(place)s")
OPEN = N_("まだ答えていない質問（窓口でお尋ねします）")
NOTHING = N_("（なし）")
CONTINUED = N_("（つづき）")
SHOW_CODE = N_("窓口でこのQRコードを見せてください。")
# A version-20 code (105 modules with its quiet zone) at 60 mm is 0.57 mm a module: counter scanners and
# phone cameras read it from the paper at arm's length.
CODE_SIZE = 60.0


def render_route_slip(facts: Facts, catalog: Catalog, plan: Plan, lang: str, receipt_no: str | None = None,
                      codes: tuple[tuple[bytes, str | None], ...] = ()) -> bytes:
    """The 受付案内票 as a one- or two-page A4 PDF in `lang` (ja, en, easy_ja …), with the household's QR codes
    (PNG and "k/n" label) when given, so the paper alone is enough at the counter."""
    t = translations(lang).gettext
    buffer = io.BytesIO()
    canvas = new_canvas(buffer)
    canvas.setTitle(t(TITLE))
    plain = resident_words(facts.model_dump(mode="json")) if lang in RUBY_LANGUAGES else None
    flow = _Flow(canvas, t(TITLE) + t(CONTINUED), plain)
    _header(flow, facts, catalog, plan, lang, receipt_no)
    if codes:
        flow.text(t(SHOW_CODE), 11, bold=True)
        flow.codes(codes)
    names = {m.id: m.given_name or m.family_name for m in facts.members}
    here = [p for p in plan.procedures if p.office_available and not p.automatic and p.elsewhere is None]
    flow.heading(t(ORDER))
    flow.text("  →  ".join(f"{i}. {c}" for i, c in enumerate(plan.visit_order, start=1)) or t(NOTHING), 12)
    for i, counter in enumerate(plan.visit_order, start=1):
        flow.heading(f"{i}. {counter}", size=13)
        for item in (p for p in here if p.counter == counter):
            _procedure(flow, item, names, lang, t)
    flow.heading(t(BRING))
    documents = list(dict.fromkeys(d for p in plan.procedures if not p.automatic for d in p.documents))
    for document in documents or [t(NOTHING)]:
        flow.text(f"・{document}", 10, indent=2)
    elsewhere = [p for p in plan.procedures if not p.office_available and not p.automatic and p.elsewhere is None]
    if elsewhere:
        flow.heading(t(ELSEWHERE))
        for item in elsewhere:
            _procedure(flow, item, names, lang, t)
            flow.text(t(GO_TO) % {"office": item.go_to_office or "-", "counter": item.counter}, 9, indent=6)
    _other_offices(flow, plan, names, lang, t)
    automatic = [p for p in plan.procedures if p.automatic]
    if automatic:
        flow.heading(t(AUTOMATIC))
        for item in automatic:
            flow.text(f"・{item.title}", 10, indent=2)
            if item.notes:
                flow.text(item.notes, 9, indent=6, color=FAINT)
    flow.finish(f"{catalog.info.municipality.get(lang)} ・ {catalog.version}")
    canvas.save()
    return buffer.getvalue()


def _header(flow: _Flow, facts: Facts, catalog: Catalog, plan: Plan, lang: str, receipt_no: str | None) -> None:
    t = translations(lang).gettext
    sheet = flow.sheet
    sheet.rect(150, TOP, RIGHT - 150, 15, line=1.0)
    if flow.ruby_plain is None:
        sheet.write(LEFT, TOP, 120, 14, t(TITLE), 22, 14, bold=True)
        sheet.label(150, TOP, RIGHT - 150, t(RECEIPT))
    else:  # the readings take the room above the title, and the receipt box's label gets its own
        write_ruby(sheet, LEFT, TOP - 2, 120, t(TITLE), 20, bold=True)
        write_ruby(sheet, 150, TOP - 0.4, RIGHT - 150, t(RECEIPT), 6)
    if receipt_no:
        sheet.write(150, TOP + 3.2, RIGHT - 150, 11.8, receipt_no, 22, 10, "center", bold=True)
    office = catalog.office(plan.office).name.get(lang)
    event = catalog.event(plan.event).title.get(lang)
    line = f"{catalog.info.municipality.get(lang)} {office} ・ {event} ・ {_date(facts.event_date, lang)}"
    flow.y = TOP + 16
    flow.text(line, 11)
    flow.text(t(INTRO), 10, color=FAINT)


def _other_offices(flow: _Flow, plan: Plan, names: dict[str, str], lang: str, t) -> None:
    """Procedures done at other offices (年金事務所, 勤め先…), then the questions still open."""
    pointers = [p for p in plan.procedures if p.elsewhere is not None]
    if pointers:
        flow.heading(t(OTHER_OFFICES))
        for item in pointers:
            _procedure(flow, item, names, lang, t)
            flow.text(t(AT) % {"place": item.elsewhere}, 9, indent=6)
    if plan.open_questions:
        flow.heading(t(OPEN))
        for question in plan.open_questions:
            flow.text(f"・{question.text}", 10, indent=2)


def _procedure(flow: _Flow, item: PlannedProcedure, names: dict[str, str], lang: str, t) -> None:
    flow.text(f"■ {item.title}", 11, indent=2, keep=8)
    flow.text(t(FOR) % {"names": "、".join(names.get(m, m) for m in item.members)}, 9, indent=6)
    if item.due_date:
        flow.text(t(DUE) % {"date": _due(dt.date.fromisoformat(item.due_date), lang)}, 9, indent=6, bold=True)
    for deemed in item.deemed:
        flow.text(t(DEEMED) % {"title": deemed.title}, 9, indent=6)


def _date(day: dt.date, lang: str) -> str:
    """和暦 in Japanese, the language's long date otherwise."""
    return format_wareki(day) if uses_era(lang) else format_date(day, "long", locale=babel_locale(lang))


def _due(day: dt.date, lang: str) -> str:
    """A deadline with its weekday (令和10年1月4日（火）), so nobody comes back on a closed day."""
    return format_wareki_weekday(day) if uses_era(lang) else format_date(day, "full", locale=babel_locale(lang))


class _Flow:
    """Text set from the top down, onto a new page when the current one is full."""

    def __init__(self, canvas, continued_title: str, ruby_plain: frozenset[str] | None = None):
        # With `ruby_plain` (やさしい日本語) every kanji gets its reading, except those words (the residents' own).
        self.canvas, self.continued_title, self.ruby_plain = canvas, continued_title, ruby_plain
        self.sheet, self.y, self.pages = Sheet(canvas, *PAGE), TOP, 1

    def _room(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.sheet.finish()
            self.sheet, self.pages = Sheet(self.canvas, *PAGE), self.pages + 1
            if self.ruby_plain is None:
                self.sheet.write(LEFT, TOP, RIGHT - LEFT, 10, self.continued_title, 12, 8, bold=True)
            else:
                write_ruby(self.sheet, LEFT, TOP - 2, RIGHT - LEFT, self.continued_title, 12, bold=True)
            self.y = TOP + 12

    def text(self, text: str, size: float, *, indent: float = 0, bold: bool = False, color=None,
             keep: float = 0) -> None:
        """A paragraph, wrapped to the page width; `keep` mm more must fit under it on the same page."""
        width = RIGHT - LEFT - indent
        extra = {"color": color} if color is not None else {}
        if self.ruby_plain is not None:
            height = ruby_height(text, width, size)
            self._room(height + keep)
            write_ruby(self.sheet, LEFT + indent, self.y, width, text, size, bold=bold, plain=self.ruby_plain, **extra)
        else:
            lines = len(wrap(printable(text), (width - 2 * PAD) * MM, size))
            height = size * (1 + (lines - 1) * LEADING) / MM + PAD + 1.2
            self._room(height + keep)
            self.sheet.write(LEFT + indent, self.y, width, height, text, size, size, bold=bold, **extra)
        self.y += height

    def codes(self, codes: tuple[tuple[bytes, str | None], ...]) -> None:
        """The QR codes side by side (a new row when the width is used up), each labelled under it."""
        from reportlab.lib.utils import ImageReader

        x = LEFT
        for png, label in codes:
            if x + CODE_SIZE > RIGHT:
                x, self.y = LEFT, self.y + CODE_SIZE + 6
            self._room(CODE_SIZE + 6)
            bottom = (PAGE[1] - self.y - CODE_SIZE) * MM
            self.canvas.drawImage(ImageReader(io.BytesIO(png)), x * MM, bottom, CODE_SIZE * MM, CODE_SIZE * MM)
            if label:
                self.sheet.write(x, self.y + CODE_SIZE, CODE_SIZE, 5, label, 10, 8, "center", bold=True)
            x += CODE_SIZE + 6
        self.y += CODE_SIZE + 6

    def heading(self, text: str, size: float = 14) -> None:
        """A section heading, kept with at least a line of what follows."""
        self.y += 3
        self._room(size / MM + 14)
        self.text(text, size, bold=True)
        self.sheet.line(LEFT, self.y, RIGHT, self.y, line=0.8)
        self.y += 1.5

    def finish(self, footer: str) -> None:
        """End the last page."""
        if self.ruby_plain is None:
            self.sheet.write(LEFT, BOTTOM + 4, RIGHT - LEFT, 5, footer, 7, 6, "right", color=FAINT)
        else:
            write_ruby(self.sheet, LEFT, BOTTOM + 2.5, RIGHT - LEFT, footer, 7, color=FAINT)
        self.sheet.finish()
