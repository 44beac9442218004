"""Django's SQLite backend as Praxis runs it (see base.py)."""
