"""The refusal the validator raises; the views turn it into a 400 response."""


class StatementInvalid(ValueError):
    """The statement (or query parameter) breaks a rule of the xAPI specification."""
