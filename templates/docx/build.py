"""Build the default .docx templates of the order drafts (docxtpl: Jinja tags in Word).
Run once after a change (the .docx files are committed):

    .venv/bin/python templates/docx/build.py

Items are numbered in the context («1.», «1.1.»): the names in them are declined as the
sentence needs (mentorship.pairs.documents.order_docx_context). A Russian order's layout:
the organisation, ПРИКАЗ, date and number on one line, the city,
the subject «О …», the basis, ПРИКАЗЫВАЮ:, numbered items, the director's signature, those
acquainted with the order, and the appendix with its table. A college replaces a template
with its own letterhead in the admin («Шаблоны документов»): the fields in {{ … }} below are
what it may use; number, date and rows are required (mentorship.documents.papers). The
orders of the college (build_college_order) have no appendix: number, date and items.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the project: the agreements' default wording

from mentorship.pairs.agreement_terms import COLLEGE_DUTIES, TERM_CLAUSE, TERMS  # noqa: E402

# kind → the appendix's columns (after «№ п/п»): header and the row's field.
ORDERS = {
    "order_pairs": [
        ("Наставник", "mentor"),
        ("Наставляемый (наставляемые)", "mentees"),
        ("Форма наставничества", "form"),
        ("Вариант ролевой модели", "role_model"),
        ("Срок", "term"),
    ],
    "order_mentors": [
        ("Фамилия, имя, отчество", "name"),
        ("Должность (группа), организация", "position"),
        ("Форма наставничества", "forms"),
        ("Обучение наставников", "trainings"),
    ],
    "order_rewards": [
        ("Фамилия, имя, отчество", "name"),
        ("Должность (группа)", "position"),
        ("Форма наставничества, срок", "participation"),
        ("Достижения {{ year }} года", "achievements"),
        ("Вид поощрения", "reward"),
    ],
    "order_plans": [
        ("Наставляемый (наставляемые)", "mentees"),
        ("Наставник", "mentor"),
        ("Форма наставничества", "form"),
        ("Срок плана", "term"),
    ],
}


def _paragraph(document, text: str = "", *, bold=False, align=None, size=None, indent=False):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(4)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.25)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    return paragraph


def _cell(cell, text: str, *, bold=False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(10)


def _order(document) -> None:
    """An order's page without its appendix: the letterhead, ПРИКАЗ, date and number, the
    subject, the basis, ПРИКАЗЫВАЮ: and the numbered items, the signature, the acquainted."""
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)

    center = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(document, "{{ organisation }}", bold=True, align=center)
    _paragraph(document, "ПРИКАЗ", bold=True, align=center, size=16)
    line = document.add_table(rows=1, cols=2)
    _cell(line.cell(0, 0), "{{ date }}")
    _cell(line.cell(0, 1), "№ {{ number }}")
    line.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, "{{ city }}", align=center)
    _paragraph(document, "{{ title }}", bold=True)
    _paragraph(document, "{{ basis }}", align=justify, indent=True)
    _paragraph(document, "ПРИКАЗЫВАЮ:", bold=True)
    _paragraph(document, "{%p for item in items %}")
    _paragraph(document, "{{ item.number }} {{ item.text }}", align=justify, indent=True)
    _paragraph(document, "{%p endfor %}")

    signature = document.add_table(rows=1, cols=2)
    _cell(signature.cell(0, 0), "{{ director_position }}")
    _cell(signature.cell(0, 1), "____________ {{ director_name }}")
    signature.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    _paragraph(document, "{%p if acquainted %}")
    _paragraph(document, "С приказом ознакомлены:", size=11)
    _paragraph(document, "{%p for name in acquainted %}")
    _paragraph(document, "{{ name }} ______________ «___» ____________ 20___ г.", size=11)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")


def build(kind: str, columns: list[tuple[str, str]]) -> Path:
    document = Document()
    _order(document)

    appendix = document.add_section()
    appendix.orientation = WD_ORIENT.LANDSCAPE
    appendix.page_width, appendix.page_height = Cm(29.7), Cm(21)
    appendix.left_margin = appendix.right_margin = Cm(1.5)
    ref = _paragraph(document, "Приложение к приказу", align=WD_ALIGN_PARAGRAPH.RIGHT, size=11)
    ref.add_run().add_break()
    ref.add_run("от {{ date }} № {{ number }}").font.size = Pt(11)
    _paragraph(document, "{{ appendix_title }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    table = document.add_table(rows=4, cols=len(columns) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell(table.cell(0, 0), "№ п/п", bold=True)
    for index, (title, _field) in enumerate(columns, start=1):
        _cell(table.cell(0, index), title, bold=True)
    _cell(table.cell(1, 0), "{%tr for row in rows %}")
    _cell(table.cell(2, 0), "{{ loop.index }}")
    for index, (_title, field) in enumerate(columns, start=1):
        _cell(table.cell(2, index), f"{{{{ row.{field} }}}}")
    _cell(table.cell(3, 0), "{%tr endfor %}")

    path = HERE / f"{kind}.docx"
    document.save(path)
    return path


# The orders of the college (mentorship.pairs.college_orders names the fields; number,
# date and items are required): an order without an appendix, its items the whole text.
COLLEGE_ORDERS = ("order_target_model", "order_curator", "order_final_event")


def build_college_order(kind: str) -> Path:
    document = Document()
    _order(document)
    path = HERE / f"{kind}.docx"
    document.save(path)
    return path


ROADMAP_COLUMNS = [
    ("Этап", "stage"),
    ("Мероприятие", "activity"),
    ("Срок", "deadline"),
    ("Ответственные", "responsible"),
    ("Результат", "result"),
    ("Статус", "status"),
]


def build_roadmap() -> Path:
    """The printable roadmap (roadmap.printable.roadmap_docx_context names the fields; title
    and rows are required): the approval block, the title, the period, the activities."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)

    right = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, "УТВЕРЖДАЮ", bold=True, align=right)
    _paragraph(document, "{{ approver_position }}", align=right)
    _paragraph(document, "{{ organisation }}", align=right)
    _paragraph(document, "____________ {{ approver_name }}", align=right)
    _paragraph(document, "{{ approved_on }}", align=right)
    _paragraph(document, "{{ title }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "Период: {{ period }}", align=WD_ALIGN_PARAGRAPH.CENTER)

    table = document.add_table(rows=4, cols=len(ROADMAP_COLUMNS) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell(table.cell(0, 0), "№ п/п", bold=True)
    for index, (title, _field) in enumerate(ROADMAP_COLUMNS, start=1):
        _cell(table.cell(0, index), title, bold=True)
    _cell(table.cell(1, 0), "{%tr for row in rows %}")
    _cell(table.cell(2, 0), "{{ loop.index }}")
    for index, (_title, field) in enumerate(ROADMAP_COLUMNS, start=1):
        _cell(table.cell(2, index), f"{{{{ row.{field} }}}}")
    _cell(table.cell(3, 0), "{%tr endfor %}")

    path = HERE / "roadmap.docx"
    document.save(path)
    return path


PLAN_COLUMNS = [
    ("Задача", "title"),
    ("Чья задача", "whose"),
    ("Срок", "due"),
    ("Отметка о выполнении", "done"),
]


def build_plan() -> Path:
    """The printable individual plan (mentorship.pairs.plan_paper.plan_docx_context names
    the fields; mentor and rows are required): the pair, the goals, the tasks, signatures."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)

    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "{{ organisation }}", align=center)
    _paragraph(document, "ИНДИВИДУАЛЬНЫЙ ПЛАН", bold=True, align=center, size=14)
    _paragraph(document, "(персонализированная программа наставничества)", align=center)
    _paragraph(document, "Наставник: {{ mentor }}")
    _paragraph(document, "Наставляемый (наставляемые): {{ mentees }}")
    _paragraph(document, "Форма наставничества: {{ form }}")
    _paragraph(document, "Период: {{ period }}")
    _paragraph(document, "Цели: {{ goals }}")

    table = document.add_table(rows=4, cols=len(PLAN_COLUMNS) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell(table.cell(0, 0), "№ п/п", bold=True)
    for index, (title, _field) in enumerate(PLAN_COLUMNS, start=1):
        _cell(table.cell(0, index), title, bold=True)
    _cell(table.cell(1, 0), "{%tr for row in rows %}")
    _cell(table.cell(2, 0), "{{ loop.index }}")
    for index, (_title, field) in enumerate(PLAN_COLUMNS, start=1):
        _cell(table.cell(2, index), f"{{{{ row.{field} }}}}")
    _cell(table.cell(3, 0), "{%tr endfor %}")

    _paragraph(document)
    _paragraph(document, "Наставник ______________ / {{ mentor }}")
    _paragraph(document, "Наставляемый ______________ / {{ mentees }}")

    path = HERE / "individual_plan.docx"
    document.save(path)
    return path


def _one_a_page(title: str):
    """A portrait A4 document for papers of one page each (letters, certificates)."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    document.core_properties.title = title
    return document


def _signature_and_break(document, place: str) -> None:
    """The director's signature, the place and date, and a page break unless last."""
    _paragraph(document)
    signature = document.add_table(rows=1, cols=2)
    _cell(signature.cell(0, 0), "{{ director_position }}")
    _cell(signature.cell(0, 1), "____________ {{ director_name }}")
    signature.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, place)
    _paragraph(document, "{%p if not loop.last %}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _paragraph(document, "{%p endif %}")


def build_thanks_partners() -> Path:
    """Thank-you letters to partner organisations, one a page (mentorship.pairs.awards.
    letters_docx_context names the fields; letters is required)."""
    document = _one_a_page("Благодарственные письма")
    center = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(document, "{%p for letter in letters %}")
    _paragraph(document, "{{ college }}", bold=True, align=center)
    _paragraph(document)
    _paragraph(document, "БЛАГОДАРСТВЕННОЕ ПИСЬМО", bold=True, align=center, size=20)
    _paragraph(document, "{{ letter.organisation }}", bold=True, align=center)
    _paragraph(document, "{{ letter.text }}", align=justify, indent=True)
    _paragraph(document, "{%p if letter.mentors %}")
    _paragraph(document, "Особую благодарность выражаем наставникам:", indent=True)
    _paragraph(document, "{%p for mentor in letter.mentors %}")
    _paragraph(document, "{{ mentor }}", indent=True)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "Надеемся на дальнейшее плодотворное сотрудничество.", indent=True)
    _signature_and_break(document, "{{ city }}, {{ date }}")
    _paragraph(document, "{%p endfor %}")
    path = HERE / "thanks_partners.docx"
    document.save(path)
    return path


def build_certificates() -> Path:
    """Participants' certificates, one a page (mentorship.pairs.awards.
    certificates_docx_context names the fields; certificates is required)."""
    document = _one_a_page("Сертификаты участников программы наставничества")
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "{%p for certificate in certificates %}")
    _paragraph(document, "{{ college }}", bold=True, align=center)
    _paragraph(document)
    _paragraph(document, "СЕРТИФИКАТ", bold=True, align=center, size=28)
    _paragraph(document, "участника программы наставничества", align=center)
    _paragraph(document)
    _paragraph(document, "Настоящий сертификат выдан", align=center)
    _paragraph(document, "{{ certificate.name_dative }}", bold=True, align=center, size=18)
    _paragraph(document, "{{ certificate.text }}", align=center)
    _signature_and_break(document, "{{ city }}, {{ issued }}")
    _paragraph(document, "{%p endfor %}")
    path = HERE / "certificates.docx"
    document.save(path)
    return path


AGREEMENT_PREAMBLE = (
    "{{ organisation }} (далее — Колледж) в лице руководителя ({{ director_position }} "
    "{{ director_name }}), действующего на основании Устава, с одной стороны, и {{ a.party }}"
)
AGREEMENT_PREAMBLE_END = ", с другой стороны, заключили настоящее соглашение о нижеследующем."
# role → the subject clause (item 1), the names declined as the sentence needs.
AGREEMENT_SUBJECTS = {
    "mentor": "1. Колледж включает {{ a.mentor_accusative }} в программу наставничества в "
    "качестве наставника {{ a.mentees_genitive }} по форме наставничества «{{ a.form }}» на "
    "период {{ a.period }}.",
    "mentee": "1. Колледж включает {{ a.mentee_accusative }} в программу наставничества в "
    "качестве наставляемого. Наставляемый работает с наставником {{ a.mentor_instrumental }} по "
    "форме наставничества «{{ a.form }}» на период {{ a.period }}.",
    "representative": "1. Законный представитель даёт согласие на участие "
    "{{ a.mentee_genitive }} (далее — Наставляемый) в программе наставничества под руководством "
    "наставника {{ a.mentor_genitive }} по форме наставничества «{{ a.form }}» на период "
    "{{ a.period }}.",
}


def _numbered(document, number: int, heading: str, items: list[str]) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(document, f"{number}. {heading}", align=justify)
    for index, item in enumerate(items, start=1):
        _paragraph(document, f"{number}.{index}. {item}", align=justify, indent=True)


def build_agreement() -> Path:
    """The participation agreements (mentorship.pairs.agreement_paper names the fields;
    agreements is required): one page per agreement, its role's wording (a.role: mentor,
    mentee, representative) written out here as text a college edits in Word."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(document, "{%p for a in agreements %}")
    _paragraph(document, "{%p if not loop.first %}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{{ organisation }}", align=center)
    _paragraph(document, "СОГЛАШЕНИЕ", bold=True, align=center, size=14)
    _paragraph(document, "об участии в программе наставничества", align=center)
    _paragraph(document, "({{ a.heading }})", align=center)
    _paragraph(document, "{{ city }}{% if city %}, {% endif %}«___» ____________ 20___ г.")
    _paragraph(document, '{%p if a.role == "representative" %}')
    _paragraph(
        document,
        AGREEMENT_PREAMBLE + ", законный представитель ({{ a.relation }}) несовершеннолетнего "
        "наставляемого {{ a.mentee_genitive }} (далее — Законный представитель)"
        + AGREEMENT_PREAMBLE_END,
        align=justify,
        indent=True,
    )
    _paragraph(document, "{%p else %}")
    _paragraph(
        document,
        AGREEMENT_PREAMBLE + " (далее — {{ a.party_label }})" + AGREEMENT_PREAMBLE_END,
        align=justify,
        indent=True,
    )
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p if a.note %}")
    note = _paragraph(document, "{{ a.note }}", align=justify)
    note.runs[0].italic = True
    _paragraph(document, "{%p endif %}")
    for index, (role, subject) in enumerate(AGREEMENT_SUBJECTS.items()):
        _paragraph(document, f'{{%p {"if" if index == 0 else "elif"} a.role == "{role}" %}}')
        _paragraph(document, subject, align=justify, indent=True)
        for number, (heading, items) in enumerate(TERMS[role], start=2):
            _numbered(document, number, heading, items)
    _paragraph(document, "{%p endif %}")
    # Every role has two sections of its own (TERMS): the college's duties are the fourth.
    assert all(len(sections) == 2 for sections in TERMS.values()), "renumber 4. and 5."
    _numbered(document, 4, *COLLEGE_DUTIES)
    _paragraph(document, f"5. {TERM_CLAUSE}", align=justify)

    signature = document.add_table(rows=3, cols=2)
    _cell(signature.cell(0, 0), "Колледж", bold=True)
    _cell(signature.cell(0, 1), "{{ a.party_label }}", bold=True)
    _cell(signature.cell(1, 0), "{{ director_position }} ____________ {{ director_name }}")
    _cell(signature.cell(1, 1), "____________ / {{ a.party }}")
    _cell(signature.cell(2, 0), "«___» ____________ 20___ г.")
    _cell(signature.cell(2, 1), "«___» ____________ 20___ г.")
    _paragraph(document, "{%p endfor %}")

    path = HERE / "agreement.docx"
    document.save(path)
    return path


if __name__ == "__main__":
    for kind, columns in ORDERS.items():
        print(build(kind, columns))
    print(build_roadmap())
    print(build_plan())
    for kind in COLLEGE_ORDERS:
        print(build_college_order(kind))
    print(build_thanks_partners())
    print(build_certificates())
    print(build_agreement())
