"""Moving a model between rooms keeps the data: a copy of the demo, migrated down past the
move of parents' wishes into the territory (``portal`` 0005: the wish pointing to its hotline
question) and up again, keeps every wish and every link between a wish and its question."""

import json

from tests.helpers import run_python as _run

LINKS = (
    "import django, json; django.setup();"
    "from plans.portal.models import Question; from programs.models import Wish;"
    "print('LINKS', json.dumps({'wishes': Wish.objects.count(), 'links': sorted("
    "Question.objects.exclude(wish=None).values_list('pk', 'wish_id'))}))"
)
# What a wish pointing to its question looked like before the move, read from the table itself.
OLD_LINKS = (
    "import django, json; django.setup(); from django.db import connection;"
    "c = connection.cursor();"
    "c.execute('SELECT COUNT(*) FROM portal_wish'); wishes = c.fetchone()[0];"
    "c.execute('SELECT question_id, id FROM portal_wish WHERE question_id IS NOT NULL');"
    "print('LINKS', json.dumps({'wishes': wishes, 'links': sorted(c.fetchall())}))"
)
# Some of the demo's wishes asked for an answer: their questions point to them.
ASK = (
    "import django; django.setup();"
    "from plans.portal.models import Question; from programs.models import Wish;"
    "pairs = zip(Question.objects.order_by('pk')[:3], Wish.objects.order_by('pk')[:3]);"
    "[Question.objects.filter(pk=q.pk).update(wish=w) for q, w in pairs]"
)


def _links(script: str, env: dict) -> dict:
    result = _run("-c", script, **env)
    line = next((x for x in result.stdout.splitlines() if x.startswith("LINKS ")), None)
    assert line, result.stderr
    data = json.loads(line.removeprefix("LINKS "))
    data["links"] = [list(pair) for pair in data["links"]]
    return data


def test_a_copy_of_the_demo_keeps_its_wishes_across_the_move_into_the_territory(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}", "REDIS_URL": ""}
    for command in (["migrate", "--noinput"], ["load_demo"]):
        done = _run("manage.py", *command, **env)
        assert done.returncode == 0, done.stderr
    assert _run("-c", ASK, **env).returncode == 0
    before = _links(LINKS, env)
    assert before["wishes"] > 0 and len(before["links"]) == 3

    down = _run("manage.py", "migrate", "portal", "0005", "--noinput", **env)
    assert down.returncode == 0, down.stderr
    assert _links(OLD_LINKS, env) == before

    up = _run("manage.py", "migrate", "--noinput", **env)
    assert up.returncode == 0, up.stderr
    assert _links(LINKS, env) == before
