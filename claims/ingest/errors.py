"""Errors raised while getting an article, split by what the caller should do about them."""


class TransientFetchError(Exception):
    """Worth retrying later: a timeout, a refused connection, a 429 or 5xx answer."""


class FetchRefused(ValueError):
    """Never worth retrying: a forbidden address, a 404, content that is not an article."""
