"""Errors raised while getting an article, split by what the caller should do about them."""


class TransientFetchError(Exception):
    """Worth retrying later: a timeout, a refused connection, a 429 or 5xx answer."""


class FetchRefused(ValueError):
    """Never worth retrying: a forbidden address, a 404, content that is not an article."""


class LimitExceeded(ValueError):
    """An import over one of its documented limits; the message names the setting.

    ``status`` is the HTTP answer: 413 for too much at once, 429 for too many imports.
    """

    def __init__(self, message: str, *, setting: str, status: int = 413, retry_after: int = 0):
        super().__init__(message)
        self.setting = setting
        self.status = status
        self.retry_after = retry_after
