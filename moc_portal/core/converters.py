"""Path converters of the portal's URLs."""


class IdConverter:
    """``<id:pk>``: a whole number that fits the database's integers (ids, years, months).
    A longer one is no page (404) instead of an overflow in the database driver."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
