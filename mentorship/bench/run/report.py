"""The table `make bench` prints, the targets beside the figures, and bench-results.json."""

import json
from collections import defaultdict
from pathlib import Path

from . import config
from .measure import RECORD_KEYS

_LOAD = config.LOAD_NAME
_LOAD_FLOOR = config.LOAD_FLOOR_NAME
# The survey load and its floor: lines of their own, not rows of the sizes' tables.
_OWN_LINES = {_LOAD, _LOAD_FLOOR}


def _ms(value) -> str:
    """Milliseconds as Russian text writes them: «1 234», «12,5»."""
    if value is None:
        return "—"
    return f"{value:,.0f}".replace(",", " ") if value >= 100 else f"{value:.1f}".replace(".", ",")


def _num(value) -> str:
    return "—" if value is None else str(value)


def ratio_text(value) -> str:
    """A figure's ratio to its floor as the table prints it: «× 1,23», «× 0,04», «× 12» —
    two decimals below ten, so a ratio just over a target of 1.2 does not print as 1,2."""
    if value is None:
        return "—"
    return f"× {value:.0f}" if value >= 10 else f"× {value:.2f}".replace(".", ",")


def target_of(record: dict) -> config.Target | None:
    """The record's own target, or else a curator's or director's page's (ratio to the bare
    changelist)."""
    target = config.TARGETS.get(_target_key(record))
    if target is None and (record.get("extra") or {}).get("role"):
        return config.PAGE_TARGET
    return target


def target_check(record: dict, records: list[dict]) -> tuple[str, bool | None]:
    """(the target's text, met or not) for a record that has a target; ("", None) if none.

    Targets are checked on the largest size only; the query-count target compares it with
    the same step on the smaller sizes."""
    target = target_of(record)
    if target is None or record.get("error"):
        return ("", None) if target is None else (target.text, False)
    same = [
        r
        for r in records
        if r["name"] == record["name"] and r["db"] == record["db"] and not r.get("error")
    ]
    if target.min_rate is None and record["size"] != max(r["size"] or 0 for r in same):
        return "", None
    met = True
    if target.max_median_ms is not None:
        met &= record["median_ms"] is not None and record["median_ms"] <= target.max_median_ms
    if target.max_ratio is not None:
        met &= record.get("ratio") is not None and record["ratio"] <= target.max_ratio
    if target.max_peak_mb is not None:
        met &= record["peak_mb"] is not None and record["peak_mb"] <= target.max_peak_mb
    if target.same_queries and len(same) > 1:
        met &= len({r["queries"] for r in same}) == 1
    if target.min_rate is not None:
        extra = record.get("extra") or {}
        met &= (extra.get("rate_per_s") or 0) >= target.min_rate
        met &= not extra.get("problems")
    return target.text, bool(met)


def _target_key(record: dict) -> str:
    name = record["name"]
    return name.removeprefix("куратор: ")


def _unit(record: dict) -> str:
    """What a record's size counts: people of the generated college, unless the step says
    otherwise (the regional centre's records count packages)."""
    return (record.get("extra") or {}).get("unit", "чел.")


def table(records: list[dict]) -> str:
    """Steps as rows, sizes side by side: median / p95 ms, queries, ratio to the floor
    («× 1,4», a dash where the figure has no floor); memory; target. A table
    per unit of size (people of the college; packages of the regional centre); the survey
    load in its own lines."""
    units = list(dict.fromkeys(_unit(r) for r in records if r["name"] not in _OWN_LINES))
    tables = [_table(records, unit) for unit in units]
    load = _load_lines(records)
    return "\n\n".join([*tables, *load]) if tables else "\n".join(load)


def _table(records: list[dict], unit: str) -> str:
    sizes = sorted(
        {r["size"] or 0 for r in records if r["name"] not in _OWN_LINES and _unit(r) == unit}
    )
    rows = defaultdict(dict)
    order = []
    for record in records:
        if record["name"] in _OWN_LINES or _unit(record) != unit:
            continue
        key = (record["name"], record["db"])
        if key not in rows:
            order.append(key)
        rows[key][record["size"] or 0] = record
    header = ["Замер", "БД"]
    for size in sizes:
        header += [f"{size} {unit}: медиана, мс", "p95, мс", "запросов", "к основе"]
    header += ["пик, МБ", "цель"]
    lines = [header]
    for key in order:
        by_size = rows[key]
        line = [key[0], "PG" if key[1] == "postgresql" else "SQLite"]
        peak = None
        verdicts = []
        for size in sizes:
            record = by_size.get(size)
            if record is None:
                line += ["", "", "", ""]
                continue
            if record.get("error"):
                line += ["ОШИБКА", "", "", ""]
            else:
                line += [
                    _ms(record.get("median_ms")),
                    _ms(record.get("p95_ms")),
                    _num(record.get("queries")),
                    ratio_text(record.get("ratio")),
                ]
            peak = record.get("peak_mb") if record.get("peak_mb") is not None else peak
            text, met = target_check(record, records)
            if met is not None:
                verdicts.append(f"{'OK' if met else 'ПРОМАХ'}: {text}")
        line += [_num(peak), "; ".join(verdicts)]
        lines.append(line)
    widths = [max(len(str(row[i])) for row in lines) for i in range(len(header))]
    widths[0] = min(widths[0], 60)
    out = []
    for number, row in enumerate(lines):
        cells = [str(cell)[: widths[i]].ljust(widths[i]) for i, cell in enumerate(row)]
        out.append(" | ".join(cells).rstrip())
        if number == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def _load_lines(records: list[dict]) -> list[str]:
    out = []
    for record in records:
        if record["name"] == _LOAD:
            text, met = target_check(record, records)
            out.append(
                f"{_LOAD} (PostgreSQL, gunicorn, {record['size']} чел.):\n"
                f"  {_load_summary(record)}\n"
                f"  {_floor_summary(records)}\n"
                f"  цель: {'OK' if met else 'ПРОМАХ'}: {text}"
            )
    return out


def _floor_summary(records: list[dict]) -> str:
    """The load's floor on the same gunicorn and database, and the load's ratio to it."""
    floor = next((r for r in records if r["name"] == _LOAD_FLOOR), None)
    load = next((r for r in records if r["name"] == _LOAD), {})
    if floor is None:
        return "основа (голый POST одной строки): не измерена"
    if floor.get("error"):
        return f"основа (голый POST одной строки): ОШИБКА: {floor['error']}"
    extra = floor.get("extra") or {}
    return (
        f"основа — голый POST одной строки, те же gunicorn, база и {extra.get('clients')} "
        f"клиентов: {extra.get('rate_per_s')} в секунду, медиана {_ms(floor['median_ms'])} мс; "
        f"анкета к основе {ratio_text(load.get('ratio'))}"
    )


def _load_summary(record: dict) -> str:
    if record.get("error"):
        return "ОШИБКА: " + record["error"]
    extra = record.get("extra") or {}
    return (
        f"{extra.get('rate_per_s')} отправок/с (клиентов {extra.get('clients')}, "
        f"процессов gunicorn {extra.get('workers')}, {extra.get('seconds')} с); "
        f"анкета (GET + POST): медиана {_ms(record['median_ms'])} мс, "
        f"p95 {_ms(record['p95_ms'])} мс; ошибок {extra.get('errors')}; "
        f"ссылок {extra.get('links')}, ответов в базе {extra.get('responses_in_db')}"
        + (
            f" (задано {extra['links_asked']}: открытых ссылок в колледже меньше)"
            if extra.get("links_asked") and extra["links_asked"] > (extra.get("links") or 0)
            else ""
        )
        + ", "
        f"повторных отправок {extra.get('already')}, не успели отправить {extra.get('not_sent')}"
    )


def errors_text(records: list[dict]) -> str:
    lines = [
        f"  {r['name']} ({r['db']}, {r['size']}): {r['error']}" for r in records if r.get("error")
    ]
    for record in records:
        for problem in (record.get("extra") or {}).get("problems", []):
            lines.append(f"  {record['name']}: {problem}")
    return "\n".join(lines)


def write_json(records: list[dict], path: Path) -> None:
    """The records, with the core keys first (null where a figure does not apply)."""
    ordered = []
    for record in records:
        text, met = target_check(record, records)
        item = {key: record.get(key) for key in RECORD_KEYS}
        item.update(
            error=record.get("error"),
            target=text or None,
            target_met=met,
            extra=record.get("extra") or {},
        )
        ordered.append(item)
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n")
