"""python manage.py partner_survey --title "…" --closes-on ДД.ММ.ГГГГ --base-url https://…

Opens a wave of the partners' questionnaire for every partner organisation with a contact
person — what the curator's «Открыть опрос» does with the questionnaire «Анкета для
организации-партнёра (работодателя)» — and prints each organisation's personal link. The
organisations left out (no contact person) are named. --email also mails the links to the
organisations that have an e-mail address, as «Отправить письма» does.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mentorship.lib.dates import parse_date
from mentorship.surveys import waves
from mentorship.surveys.models import Questionnaire


class Command(BaseCommand):
    help = (
        "Открыть опрос организаций-партнёров: персональная ссылка каждой организации, у которой "
        "указано контактное лицо; ссылки печатаются."
    )

    def add_arguments(self, parser):
        parser.add_argument("--title", required=True, help="название опроса")
        parser.add_argument(
            "--closes-on", required=True, help="принимать ответы по этот день, ДД.ММ.ГГГГ"
        )
        parser.add_argument(
            "--base-url",
            required=True,
            help="адрес сайта, с которого открываются ссылки, например https://nastavnik.college.ru",
        )
        parser.add_argument(
            "--email", action="store_true", help="разослать ссылки на e-mail организаций"
        )

    def handle(self, *args, title, closes_on, base_url, email, **options):
        try:
            closes = parse_date(closes_on)
        except ValueError as error:
            raise CommandError(f"--closes-on: {error}") from None
        if closes is None:
            raise CommandError("--closes-on: ожидается дата в виде ДД.ММ.ГГГГ")
        questionnaire = Questionnaire.objects.filter(
            audience=Questionnaire.Audience.PARTNER, is_active=True
        ).first()
        if questionnaire is None:
            raise CommandError("Анкеты для организаций-партнёров нет или она не используется.")
        try:
            wave = waves.wave_open(
                questionnaire=questionnaire, title=title, closes_on=closes, by=None
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Опрос «{wave.title}» открыт: персональных ссылок — {wave.invited_count}."
        )
        for invitation in wave.invitations.select_related("organisation").order_by(
            "organisation__name"
        ):
            url = waves.invitation_url(base_url, invitation.token)
            self.stdout.write(
                f"{invitation.organisation.name} ({invitation.organisation.contact_person}): {url}"
            )
        for item in wave.not_invited:
            self.stdout.write(f"Не приглашена: {item.name} — {item.reason}.")
        if email:
            try:
                sent = waves.invitations_email(wave=wave, request_base_url=base_url)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(f"Отправлено писем: {sent}.")
