from django.db import models


class FloorPost(models.Model):
    """A row the survey load's floor (a bare one-row POST, mentorship/bench/floors.py)
    writes; the bench runs it on a scratch copy that is dropped afterwards."""

    text = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "строка замера"
        verbose_name_plural = "строки замера"

    def __str__(self):
        return self.text or f"строка {self.pk}"
