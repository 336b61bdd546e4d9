"""What one measuring process does (`manage.py bench --step …`), on the database its
DATABASE_URL names. Each step writes its records as JSON to --out."""

import json
from pathlib import Path

from mentorship.people.models import Person

from . import documents, load, pages, region, rollover, xlsx

STEPS = (
    "pages",
    "documents",
    "rollover",
    "export",
    "import",
    "region",
    "load-prepare",
    "load-count",
)


def run_step(step: str, out: Path, *, argument: str = "") -> None:
    size = Person.objects.count()
    if step == "pages":
        result = [r.as_dict() for r in pages.measure_pages(size)]
    elif step == "documents":
        result = [r.as_dict() for r in documents.measure_documents(size)]
    elif step == "rollover":
        result = [r.as_dict() for r in rollover.measure_rollover(size)]
    elif step == "export":
        result = [r.as_dict() for r in xlsx.export_people(size)]
    elif step == "import":
        result = [r.as_dict() for r in xlsx.import_with_floor(Path(argument).read_bytes(), size)]
    elif step == "region":
        result = [r.as_dict() for r in region.measure_region()]
    elif step == "load-prepare":
        result = load.links_prepare(int(argument))
    elif step == "load-count":
        result = load.responses_count(json.loads(Path(argument).read_text()))
    else:
        raise ValueError(step)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))
