"""Access declarations of the URL sweep (``tests/test_url_authorization.py``) for subjects in
packages of their own, one module each.

A module here has ``ACCESS`` (name -> (who may open it, the URL's arguments from the world)),
``TABLES`` (models whose rows a refused POST must leave unchanged) and ``build(world)``, which
makes the records its pages need (coordinator A's organisation is ``world.organisation``,
coordinator B's is ``world.other_organisation``) and returns them as a dict that the
arguments read from ``world.extra``.
"""

import importlib
import pkgutil


def modules():
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    ]


def access() -> dict:
    declared = {}
    for module in modules():
        declared.update(module.ACCESS)
    return declared


def tables() -> list:
    return [model for module in modules() for model in module.TABLES]


def build(world) -> dict:
    extra = {}
    for module in modules():
        extra.update(module.build(world))
    return extra
