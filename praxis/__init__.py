"""Praxis: a lifelong-learning ecosystem for the health workforce."""

from praxis.celery import app as celery_app

__all__ = ["celery_app"]
