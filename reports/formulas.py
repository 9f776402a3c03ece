"""Indicator formulas: arithmetic over named figures, evaluated without ``eval``.

Allowed: numbers, names, + - * /, unary minus, parentheses. Anything else is refused with a
message saying what is wrong. Division by zero gives no value (shown as «—»), not an error.
"""

import ast
from decimal import Decimal

OPERATORS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b if b else None,
}


class FormulaError(ValueError):
    pass


def parse(formula: str) -> ast.Expression:
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError:
        raise FormulaError("Формула записана с ошибкой: проверьте скобки и знаки.") from None
    allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.UAdd, ast.Name, ast.Load)
    allowed += tuple(OPERATORS)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            continue
        if isinstance(node, allowed):
            continue
        raise FormulaError("В формуле допустимы числа, коды показателей и действия + − × ÷.")
    return tree


def names(formula: str) -> set[str]:
    return {node.id for node in ast.walk(parse(formula)) if isinstance(node, ast.Name)}


def evaluate(formula: str, values: dict) -> Decimal | None:
    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            value = values.get(node.id)
            return None if value is None else Decimal(str(value))
        if isinstance(node, ast.UnaryOp):
            operand = walk(node.operand)
            return (
                None
                if operand is None
                else (-operand if isinstance(node.op, ast.USub) else operand)
            )
        left, right = walk(node.left), walk(node.right)
        if left is None or right is None:
            return None
        return OPERATORS[type(node.op)](left, right)

    return walk(parse(formula))
