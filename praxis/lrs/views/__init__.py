"""The /xapi/ Learning Record Store views (plain Django views, Basic auth, no CSRF)."""
