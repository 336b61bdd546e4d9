"""manage.py load_demo — fill the database with the demo college (mentorship/demo/)."""

import time

from django.core.management.base import BaseCommand

from mentorship.demo import region as region_demo
from mentorship.demo.load import load, summary_text


class Command(BaseCommand):
    help = (
        "Загружает демонстрационный техникум: обучающихся, педагогов, организации-партнёры, "
        "согласия, банки наставников и наставляемых, пары и группы за два учебных года "
        "с планами, встречами и достижениями, опросы с ответами участников и анкету "
        "организаций-партнёров, дорожную карту программы, реестр документов программы "
        "(приказы, положение, протоколы, соглашения, часть — со сканами), кейсы и методические "
        "материалы, карточку организации и учётные записи для входа. В пустую базу техникум "
        "загружается прожившим три учебных года (переводы на новый учебный год, утверждённый "
        "отчёт за прошлый учебный год). Повторный запуск ничего не дублирует."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Не печатать сводку и таблицу входа."
        )
        parser.add_argument(
            "--region",
            action="store_true",
            help="Загрузить демо регионального наставнического центра вместо техникума: "
            "колледжи региона с пакетами за три учебных года, региональные знаменатели и "
            "учётную запись координатора РНЦ. Персональных данных в нём нет.",
        )

    def handle(self, *args, quiet=False, region=False, verbosity=1, **options):
        started = time.monotonic()
        if region:
            loaded = region_demo.load_region()
            text = region_demo.summary_text(loaded, time.monotonic() - started)
        else:
            text = summary_text(load(), time.monotonic() - started)
        if not quiet and verbosity > 0:
            self.stdout.write(text)
