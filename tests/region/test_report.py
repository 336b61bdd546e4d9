"""The regional report (mentorship/region/report.py): PDF and .xlsx from one builder, the
view region:report and the command region_report."""

import io
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from mentorship.region.models import RegionalCentre
from mentorship.region.report import region_report_build, region_report_pdf, region_report_xlsx
from tests.lib.pdf_files import pdf_fonts, pdf_text
from tests.region.dashboard_data import (
    college_make,
    coordinator_make,
    denominator_make,
    kpi,
    package_make,
)

pytestmark = pytest.mark.django_db
URL = reverse("region:report")


@pytest.fixture
def region(db):
    RegionalCentre.objects.update_or_create(
        pk=1, defaults={"name": "РНЦ Кировской области", "region": "Кировская область"}
    )
    alpha = college_make(1, name="Вятский колледж")
    beta = college_make(2, name="Слободской техникум")
    college_make(3, name="Омутнинский колледж")  # expected, sent nothing
    package_make(
        alpha,
        "2025",
        [
            kpi(
                "mentees_aged_10_19",
                numerator=300,
                denominator=900,
                value="33.3",
                target="20",
                status="met",
            ),
            kpi(
                "mentees_students",
                numerator=40,
                denominator=400,
                value="10",
                target="15",
                status="not_met",
            ),
        ],
    )
    package_make(
        beta,
        "2025",
        [
            kpi("mentees_aged_10_19", numerator="< 3", denominator=500, value="< 3"),
            kpi("mentees_students", numerator=60, denominator=100, value="60"),
        ],
    )
    denominator_make("2025", "children_10_19", 12_000, "Кировстат на 01.01.2026")


def test_pdf_carries_the_regions_indicator_colleges_missing_and_sources(region):
    text = pdf_text(region_report_pdf(region_report_build("2025")))
    assert "Отчёт регионального наставнического центра за 2025 год" in text
    assert "РНЦ Кировской области, Кировская область" in text
    # 300 ÷ 12 000 × 100 = 2.5; (40 + 60) ÷ (400 + 100) × 100 = 20.
    assert "2,5" in text and "300 / 12 000" in text
    assert "100 / 500" in text
    assert "Вятский колледж" in text and "Слободской техникум" in text
    # Each college's line: the numbers of its indicators met / not met / without a status
    # (1 — students, 2 — aged 10–19, in the registry's order); values and targets are the
    # xlsx's and the dashboard's.
    assert "Вятский колледж, ИНН 4300000001 20.01.2026 2 1 —" in text
    assert "Слободской техникум, ИНН 4300000002 20.01.2026 — — 1, 2" in text
    assert "лист «Колледжи»" in text
    assert "У 1 колледжа числитель скрыт" in text
    assert "Омутнинский колледж" in text  # did not send
    assert "Кировстат на 01.01.2026" in text
    assert "Сформирован" in text


def test_pdf_embeds_our_fonts(region):
    fonts = pdf_fonts(region_report_pdf(region_report_build("2025")))
    assert fonts and all(name.startswith("DejaVu") and f["emb"] for name, f in fonts.items())


def test_pdf_of_a_missing_denominator_says_so(region):
    college = college_make(4, name="Кирово-Чепецкий колледж")
    package_make(college, "2024", [kpi("enterprises_gave_mentors", numerator=7, denominator=20)])
    text = pdf_text(region_report_pdf(region_report_build("2024")))
    assert "нет регионального знаменателя" in text
    assert "не внесён" in text


def workbook_of(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_xlsx_cells(region):
    book = workbook_of(region_report_xlsx(region_report_build("2025")))
    assert book.sheetnames == [
        "Отчёт",
        "Показатели региона",
        "Колледжи",
        "Не прислали пакет",
        "Знаменатели",
    ]
    about = {row[0]: row[1] for row in book["Отчёт"].iter_rows(min_row=2, values_only=True)}
    assert about["Центр"] == "РНЦ Кировской области"
    assert about["Колледжей прислали пакет"] == 2

    indicators = list(book["Показатели региона"].iter_rows(min_row=2, values_only=True))
    by_name = {row[1]: row for row in indicators}
    regional = next(row for name, row in by_name.items() if name.startswith("Доля детей"))
    assert Decimal(str(regional[2])) == Decimal("2.5")
    assert regional[3] == "300 / 12\u00a0000"
    assert "У 1 колледжа числитель скрыт" in regional[6]

    colleges = list(book["Колледжи"].iter_rows(values_only=True))
    assert colleges[1][0] == "Вятский колледж"
    assert "33,3" in colleges[1] and "выполнен" in colleges[1]
    at = colleges[1].index("33,3")  # the value, the college's target, its status
    assert colleges[0][at + 1 : at + 3] == ("цель", "статус")
    assert colleges[1][at + 1 : at + 3] == ("20", "выполнен")
    assert colleges[2][0] == "Слободской техникум" and "< 3" in colleges[2]

    missing = list(book["Не прислали пакет"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in missing] == ["Омутнинский колледж"]
    (denominator,) = book["Знаменатели"].iter_rows(min_row=2, values_only=True)
    assert denominator[2] == 12_000 and denominator[3] == "Кировстат на 01.01.2026"


def test_view_gives_pdf_and_xlsx(client, region):
    client.force_login(coordinator_make())
    pdf = client.get(URL, {"period": "2025", "format": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert quote("Отчёт РНЦ за 2025 год.pdf") in pdf["Content-Disposition"]
    assert "Вятский колледж" in pdf_text(pdf.content)

    xlsx = client.get(URL, {"period": "2025", "format": "xlsx"})
    assert xlsx.status_code == 200
    assert workbook_of(xlsx.content)["Колледжи"]["A2"].value == "Вятский колледж"


@pytest.mark.parametrize(
    "params, reason",
    [
        ({"format": "docx"}, "pdf или xlsx"),
        ({"period": "2025/2030"}, "второй год должен следовать за первым"),
    ],
)
def test_view_refuses_bad_input_in_russian(client, region, params, reason):
    client.force_login(coordinator_make())
    response = client.get(URL, params)
    assert response.status_code == 400
    assert reason in response.content.decode()


def test_command_writes_pdf_and_xlsx(region, tmp_path):
    pdf, xlsx = tmp_path / "отчёт.pdf", tmp_path / "отчёт.xlsx"
    call_command("region_report", "--period", "2025", "--output", str(pdf))
    call_command("region_report", "--period", "2025", "--output", str(xlsx))
    assert "Слободской техникум" in pdf_text(pdf.read_bytes())
    assert workbook_of(xlsx.read_bytes())["Не прислали пакет"]["A2"].value == "Омутнинский колледж"


def test_command_default_period_is_the_latest(region, tmp_path):
    package_make(college_make(9, name="Новый колледж"), "2026", [])
    out = tmp_path / "r.pdf"
    call_command("region_report", "--output", str(out))
    assert "за 2026 год" in pdf_text(out.read_bytes())


def test_command_refuses_other_extensions_and_bad_periods(region, tmp_path):
    with pytest.raises(CommandError, match="расширение должно быть «.pdf» или «.xlsx»"):
        call_command("region_report", "--period", "2025", "--output", str(tmp_path / "r.txt"))
    with pytest.raises(CommandError, match="не период отчёта"):
        call_command("region_report", "--period", "прошлый", "--output", str(tmp_path / "r.pdf"))
    with pytest.raises(CommandError, match="Нет папки"):
        call_command("region_report", "--output", str(tmp_path / "нет" / "r.pdf"))
    assert list(tmp_path.iterdir()) == []
