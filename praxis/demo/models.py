"""What the demo app keeps: which version of the demo ecosystem a database holds."""

from django.db import models
from django.utils import timezone


class LoadedDemo(models.Model):
    """A version of the demo loaded into this database, named by the digest of its sources, so
    that `load_demo` knows with one query that there is nothing to add."""

    digest = models.CharField(max_length=64, unique=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"demo {self.digest[:12]} loaded {self.loaded_at:%Y-%m-%d %H:%M}"
