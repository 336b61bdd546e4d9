"""A student's course read from the name of the group, the way the college names groups
(College.course_from_group): a student list from the education department often gives
«ГР-241» and no course.

- «год набора — первые две цифры номера группы»: ГР-241 is the intake of 2024; on a day
  of the 2025/2026 academic year (the college's start month) that is the 2nd course.
- «курс — первая цифра номера группы»: ТМ-21 is the 2nd course.

The one rule: the people import calls it for a student whose course the file leaves out.
"""

import datetime as dt
import re
from dataclasses import dataclass

from mentorship.lib.periods import DEFAULT_START_MONTH, ReportPeriod

from .models import College, CourseFromGroup

FIRST_COURSE, LAST_COURSE = 1, 6
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class GroupCourseRule:
    how: str = CourseFromGroup.NONE
    start_month: int = DEFAULT_START_MONTH

    @classmethod
    def of_college(cls) -> "GroupCourseRule":
        """The college's rule and academic year start month: one query, nothing written
        (the defaults while the college card has not been saved)."""
        found = College.objects.filter(pk=1).values_list(
            "course_from_group", "academic_year_start_month"
        )
        return next((cls(how, month) for how, month in found), cls())

    @property
    def active(self) -> bool:
        return self.how != CourseFromGroup.NONE

    @property
    def label(self) -> str:
        return CourseFromGroup(self.how).label

    def course(self, group: str, on: dt.date) -> int:
        """The course of a student of group on the day; ValueError with a Russian message
        (naming the group and the rule) when the group's name does not fit the rule."""
        number = _NUMBER.search(group or "")
        if number is None:
            self._refuse(group, "в названии группы нет цифр")
        digits = number.group()
        if self.how == CourseFromGroup.COURSE_DIGIT:
            course = int(digits[0])
            how_found = ""
        elif self.how == CourseFromGroup.ENTRY_YEAR:
            if len(digits) < 2:
                self._refuse(group, "в номере группы меньше двух цифр")
            intake = 2000 + int(digits[:2])
            year = ReportPeriod.of_day(on, academic=True, start_month=self.start_month)
            course = year.first_year - intake + 1
            how_found = f"набор {intake} года, {year.label}"
        else:
            raise ValueError("курс по названию группы не узнаётся: правило не выбрано")
        if not FIRST_COURSE <= course <= LAST_COURSE:
            found = f"курс {course} ({how_found})" if how_found else f"курс {course}"
            self._refuse(
                group, f"выходит {found}, а курс бывает от {FIRST_COURSE} до {LAST_COURSE}"
            )
        return course

    def _refuse(self, group: str, reason: str):
        raise ValueError(
            f"курс не указан, а по группе «{group}» его не узнать: {reason} (правило "
            f"организации: «{self.label}»); укажите курс в файле или исправьте группу"
        )
