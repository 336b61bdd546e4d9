"""Forms of mentoring from the command line: the list with each form's rules, or a new form
(a school's «ученик – ученик») under the same rules and messages as the admin screen."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mentorship.people.models import MentoringForm, Person
from mentorship.people.services import mentoring_form_save


def _kinds(value: str) -> list[str]:
    return [kind.strip() for kind in value.split(",") if kind.strip()]


def _courses(value: str) -> tuple[int | None, int | None]:
    """«1-4», «3-», «-2» → (min, max)."""
    low, sep, high = value.partition("-")
    try:
        if not sep:
            raise ValueError
        return (int(low) if low.strip() else None, int(high) if high.strip() else None)
    except ValueError:
        raise CommandError(f"Курсы указываются как «1-4», «3-» или «-2», а не «{value}».") from None


def _rules(form: MentoringForm) -> str:
    parts = [
        f"наставники — {MentoringForm.kind_labels(form.mentor_kinds)}",
        f"наставляемые — {MentoringForm.kind_labels(form.mentee_kinds)}",
    ]
    for side, word in (("mentor", "наставников"), ("mentee", "наставляемых")):
        low, high = getattr(form, f"{side}_course_min"), getattr(form, f"{side}_course_max")
        if low is not None or high is not None:
            parts.append(f"курс {word}: {low or '…'}–{high or '…'}")
    if form.mentor_senior_course:
        parts.append("наставник старше курсом")
    if form.mentor_from_partner:
        parts.append("наставник от организации-партнёра")
    return "; ".join(parts)


class Command(BaseCommand):
    help = "Формы наставничества: --list — список с правилами; add НАЗВАНИЕ … — новая форма."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="список форм и их правил")
        sub = parser.add_subparsers(dest="action")
        add = sub.add_parser("add", help="добавить форму")
        add.add_argument("name", help="название, например «Ученик – ученик»")
        kinds = ", ".join(Person.Kind.values)
        add.add_argument("--mentors", default="", help=f"кто наставник, через запятую: {kinds}")
        add.add_argument("--mentees", default="", help=f"кто наставляемый: {kinds}")
        add.add_argument("--code", default="", help="код латиницей (по умолчанию — свободный)")
        add.add_argument("--mentor-courses", default="", help="курсы наставника: «3-4»")
        add.add_argument("--mentee-courses", default="", help="курсы наставляемого: «1-2»")
        add.add_argument("--senior", action="store_true", help="наставник старше курсом")
        add.add_argument("--partner", action="store_true", help="наставник от партнёра")
        add.add_argument("--period", default="", help="срок")

    def handle(self, *args, **options):
        if options["action"] == "add":
            return self.add(options)
        for form in MentoringForm.objects.all():
            self.stdout.write(f"{form.code}\t{form.name}: {_rules(form)}")

    def add(self, options):
        mentor_courses = _courses(options["mentor_courses"]) if options["mentor_courses"] else ()
        mentee_courses = _courses(options["mentee_courses"]) if options["mentee_courses"] else ()
        form = MentoringForm(
            name=options["name"],
            code=options["code"],
            mentor_kinds=_kinds(options["mentors"]),
            mentee_kinds=_kinds(options["mentees"]),
            mentor_course_min=mentor_courses[0] if mentor_courses else None,
            mentor_course_max=mentor_courses[1] if mentor_courses else None,
            mentee_course_min=mentee_courses[0] if mentee_courses else None,
            mentee_course_max=mentee_courses[1] if mentee_courses else None,
            mentor_senior_course=options["senior"],
            mentor_from_partner=options["partner"],
            period=options["period"],
            order=MentoringForm.objects.count() + 1,
        )
        try:
            mentoring_form_save(form)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Форма «{form.name}» добавлена (код {form.code}): {_rules(form)}.")
