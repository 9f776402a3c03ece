"""Russian text helpers shared by pages, documents and messages."""


def ru_plural(number, forms: str) -> str:
    """«1 программа, 2 программы, 5 программ»: forms are "one,few,many"."""
    one, few, many = forms.split(",")
    n = abs(int(number))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
