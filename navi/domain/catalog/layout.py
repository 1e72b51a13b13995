"""A form's print layout and the words printed for coded values, as typed catalog data.

Positions and sizes of boxes are millimetres from the top-left corner of the page; text sizes are points.
`navi.pdf` draws these; `navi.domain.catalog.check.layout_problems` checks them against the form's fields.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

FieldId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Position = Annotated[float, Field(ge=0, le=1000)]
Length = Annotated[float, Field(gt=0, le=1000)]
PointSize = Annotated[float, Field(ge=4, le=36)]
PAGE_SIZES_MM = {"A3": (297.0, 420.0), "A4": (210.0, 297.0), "B4": (257.0, 364.0), "B5": (182.0, 257.0)}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Box(_Model):
    """A rectangle on the page, in millimetres from the page's top-left corner."""

    x: Position
    y: Position
    w: Length
    h: Length


class Page(_Model):
    """Paper size and orientation."""

    size: Literal["A3", "A4", "B4", "B5"] = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"

    def size_mm(self) -> tuple[float, float]:
        """Width and height in millimetres."""
        short, long = PAGE_SIZES_MM[self.size]
        return (long, short) if self.orientation == "landscape" else (short, long)


class TextStyle(_Model):
    """How a value is set in its box: shrunk from `size` down to `min_size`, then wrapped."""

    size: PointSize = 10
    min_size: PointSize = 6
    align: Literal["left", "center", "right"] = "left"
    choices: list[str] = Field(default_factory=list, description="Coded values printed as check boxes (□男 □女).")
    label: str | None = Field(None, description="Drawn mode: the words on the box; default the field's label.")


class Placement(Box, TextStyle):
    """Where one field printed once per form goes."""

    field: FieldId
    today: bool = Field(False, description="A hand-filled date printed as the day the form is printed (届出日).")


class Column(TextStyle):
    """One cell of a person row: its x and width, and where inside the row it sits."""

    field: FieldId
    x: Position
    w: Length
    dy: Position = Field(0, description="Offset from the top of the row, e.g. the name under its フリガナ.")
    h: Length | None = Field(None, description="Height; default: the rest of the row.")

    def height(self, pitch: float) -> float:
        """The cell height in a row of height `pitch`."""
        return self.h if self.h is not None else pitch - self.dy


class Rows(_Model):
    """The repeating person rows: one per member the form concerns, continued on 続紙 when full."""

    y: Position = Field(description="Top of the column headings.")
    header: Length = Field(6, description="Height of the column headings.")
    pitch: Length = Field(description="Height of one person row.")
    per_page: int = Field(ge=1, le=40)
    columns: list[Column] = Field(min_length=1)

    def row_top(self, index: int) -> float:
        """The top of row `index` (0-based) on the page."""
        return self.y + self.header + index * self.pitch

    def bottom(self) -> float:
        """The bottom of the last row."""
        return self.row_top(self.per_page)


class ClerkCell(_Model):
    """One check cell of the clerk box, ticked when the plan has any of its procedures."""

    label: Annotated[str, StringConstraints(min_length=1)]
    field: FieldId | None = Field(None, description="The form field the cell stands for (事務処理欄：国保 …).")
    procedures: list[FieldId] = Field(default_factory=list)


class ClerkBox(Box):
    """The clerk box (事務処理欄): check cells in a grid of `columns`."""

    columns: int = Field(5, ge=1, le=12)
    cells: list[ClerkCell] = Field(min_length=1)


class Frame(Box):
    """A printed box with a heading that groups fields (drawn mode only), e.g. 届出人."""

    label: str = ""


class Title(Box):
    """Where the form's title is printed (drawn mode only)."""

    size: PointSize = 18


class Continuation(_Model):
    """The continuation sheet (続紙) for person rows and text that did not fit on the form."""

    rows_y: Position = Field(28, description="Top of the column headings on a continuation sheet.")
    per_page: int | None = Field(None, ge=1, le=60, description="Rows per sheet; default as many as fit.")


class FormLayout(_Model):
    """How a form prints: on a drawn form, or over the city's own blank form (overlay)."""

    mode: Literal["drawn", "overlay"] = "drawn"
    background: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,80}\.pdf$")] | None = Field(
        None, description="Overlay mode: the blank form, a file under forms/backgrounds/."
    )
    page: Page = Field(default_factory=Page)
    title: Title | None = None
    frames: list[Frame] = Field(default_factory=list)
    fields: list[Placement] = Field(default_factory=list)
    rows: Rows | None = None
    clerk: ClerkBox | None = None
    signature: Box | None = Field(None, description="The empty box the resident signs in.")
    continuation: Continuation = Field(default_factory=Continuation)

    @model_validator(mode="after")
    def _overlay_needs_background(self) -> FormLayout:
        if self.mode == "overlay" and not self.background:
            raise ValueError("an overlay layout needs a background (a PDF under forms/backgrounds/)")
        return self


class SexWords(_Model):
    """A word that depends on the person's sex (続柄: 夫・妻, 父・母)."""

    male: str
    female: str


class SheetWords(_Model):
    """The fixed words of printed sheets (forms are always printed in Japanese)."""

    continuation: str = "続紙 {n}/{total}"
    continued: str = "※続紙へ"
    overflow: str = "{label}（続き）"
    row_overflow: str = "{name}：{label}（続き）"
    signature: str = "署名"
    clerk: str = "事務処理欄"
    footer: str = "届出ナビで作成 {date}・カタログ {version}・{page}/{pages}"


class FormWords(_Model):
    """Words printed for coded values, by fact attribute (sex → 男・女), and the sheets' fixed words."""

    values: dict[FieldId, dict[str, str | SexWords]] = Field(default_factory=dict)
    sheet: SheetWords = Field(default_factory=SheetWords)

    def word(self, source: str, value: object, sex: str | None = None) -> str:
        """The printed word for a coded value of the fact at `source` (the value itself when unlisted)."""
        key = "true" if value is True else "false" if value is False else str(value)
        word = self.values.get(attribute(source), {}).get(key)
        if isinstance(word, SexWords):
            return word.female if sex == "female" else word.male
        return key if word is None else word


def attribute(source: str) -> str:
    """The attribute a fact path names (`member.sex` → `sex`): the vocabulary key for its words."""
    return source.rsplit(".", 1)[-1]
