"""The end of an account's life cycle: the archive of everything about a person, and erasure.

Both visit every app through the registry of personal data (`praxis.core.personal_data`), which
each app fills from its own `privacy.py`.
"""
