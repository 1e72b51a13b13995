"""Household facts: the planner's input, as fixed by design.md §3, and its strict structural model.

Everything that arrives from outside (a facts file, a wizard post, a decoded QR code) becomes `Facts`
through `navi.domain.validation.parse_facts`, which reports every problem with its JSON path.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from navi.domain.normalize import unsafe_characters


class Relation(StrEnum):
    """Relation to the head of household (世帯主との続柄)."""

    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    OTHER = "other"


class Sex(StrEnum):
    """Sex as recorded in the resident register."""

    MALE = "male"
    FEMALE = "female"


class HealthInsurance(StrEnum):
    """Public health insurance a person holds before the event."""

    EMPLOYEE = "employee"
    EMPLOYEE_DEPENDENT = "employee_dependent"
    NATIONAL = "national"
    LATE_ELDERLY = "late_elderly"
    WELFARE = "welfare"
    NONE = "none"


class Pension(StrEnum):
    """National pension category (国民年金の種別) before the event."""

    CATEGORY1 = "category1"
    CATEGORY2 = "category2"
    CATEGORY3 = "category3"
    PENSIONER = "pensioner"
    NONE = "none"


class CareLevel(StrEnum):
    """Long-term care certification (要介護・要支援認定)."""

    NONE = "none"
    SUPPORT1 = "support1"
    SUPPORT2 = "support2"
    CARE1 = "care1"
    CARE2 = "care2"
    CARE3 = "care3"
    CARE4 = "care4"
    CARE5 = "care5"


def _check_safe(value: str) -> str:
    """The value unchanged; an `unsafe_characters` error when it holds a control or invisible format character."""
    found = unsafe_characters(value)
    if found:
        raise PydanticCustomError("unsafe_characters", "forbidden characters {found}", {"found": ", ".join(found)})
    return value


# Names and free text refuse control and invisible format characters (navi.domain.normalize.unsafe_characters).
Safe = AfterValidator(_check_safe)
# The longest name or address part the facts hold (and the QR code and the forms' boxes are sized for).
TEXT_MAX_LENGTH = 80
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX_LENGTH), Safe]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=TEXT_MAX_LENGTH), Safe]
# 在留カード番号: two letters, eight digits, two letters.
RESIDENCE_CARD_PATTERN = r"^[A-Z]{2}[0-9]{8}[A-Z]{2}$"
PostalCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{7}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
MemberId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,16}$")]
AnswerValue = bool | int | Annotated[str, Safe] | None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Address(_Strict):
    """A Japanese address split as the postal database and the forms split it."""

    postal_code: PostalCode | None = None
    prefecture: OptionalText = ""
    city: OptionalText = ""
    street: OptionalText = ""
    building: OptionalText = ""
    country: CountryCode = "JP"

    def one_line(self) -> str:
        """The address as one line, as printed on forms."""
        parts = [self.prefecture, self.city, self.street]
        line = "".join(parts)
        return f"{line} {self.building}".strip() if self.building else line


class Member(_Strict):
    """One person in the household, described as before the event."""

    id: MemberId
    relation: Relation
    family_name: Text
    given_name: OptionalText = ""
    family_name_kana: OptionalText = ""
    given_name_kana: OptionalText = ""
    birth_date: dt.date
    sex: Sex
    nationality: CountryCode = "JP"
    health_insurance: HealthInsurance = HealthInsurance.NONE
    pension: Pension = Pension.NONE
    has_my_number_card: bool = False
    care_level: CareLevel = CareLevel.NONE
    disability_handbook: bool = False
    moving: bool = False
    subject: bool = False
    residence_status: OptionalText | None = None
    residence_card_number: Annotated[str, StringConstraints(pattern=RESIDENCE_CARD_PATTERN)] | None = None
    period_of_stay_until: dt.date | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9-]{10,13}$")] | None = None

    @property
    def full_name(self) -> str:
        """姓 and 名 separated by a full-width space, as on forms."""
        return f"{self.family_name}\u3000{self.given_name}".strip()

    @property
    def full_name_kana(self) -> str:
        """セイ and メイ separated by a full-width space."""
        return f"{self.family_name_kana}\u3000{self.given_name_kana}".strip()


class Facts(_Strict):
    """What a household tells the office: the event, its date, addresses, members and answers."""

    event: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
    event_date: dt.date
    office: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
    from_address: Address | None = None
    to_address: Address | None = None
    address: Address | None = None
    members: list[Member] = Field(min_length=1, max_length=20)
    answers: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")], AnswerValue] = Field(
        default_factory=dict, max_length=64
    )
    # Who files (届出人) and who claims an allowance (請求者), by member id. Absent (codes and cases from before
    # they were asked): navi.domain.prefill's defaults, the head files and claims.
    notifier: MemberId | None = None
    claimant: MemberId | None = None

    def member(self, member_id: str) -> Member:
        """The member with this id."""
        return next(m for m in self.members if m.id == member_id)

    @property
    def head(self) -> Member | None:
        """The head of household (世帯主), if listed."""
        return next((m for m in self.members if m.relation is Relation.HEAD), None)

    @property
    def current_address(self) -> Address | None:
        """Where the household lives after the event (the new address for moves)."""
        return self.to_address or self.address or self.from_address
