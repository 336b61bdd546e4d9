from django import template

from mentorship.lib.text import plural

register = template.Library()


@register.filter
def days(n: int) -> str:
    """12 -> «12 дней», 1 -> «1 день», 3 -> «3 дня»."""
    return f"{n} {plural(n, 'день', 'дня', 'дней')}"


STATUS_CLASSES = {
    "planned": "text-bg-secondary",
    "in_progress": "text-bg-primary",
    "done": "text-bg-success",
    "cancelled": "text-bg-light border text-decoration-line-through",
}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-secondary")
