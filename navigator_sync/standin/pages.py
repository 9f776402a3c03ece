"""The pages a parent sees in place of the regional Navigator's own."""

import html

WEEKDAYS = {1: "Пн", 2: "Вт", 3: "Ср", 4: "Чт", 5: "Пт", 6: "Сб", 7: "Вс"}


def program_html(payload: dict) -> str:
    """The programme's page in the Navigator, where a parent enrols: what a demo shows in place
    of the regional Navigator's own page (its title, groups, and what happens there)."""
    esc = html.escape
    groups = []
    for group in payload.get("groups", []):
        schedule = "; ".join(
            f"{', '.join(WEEKDAYS.get(d, str(d)) for d in slot['weekDays'])} "
            f"{slot['timeStart']}–{slot['timeEnd']}"
            for slot in group.get("schedule", [])
        )
        free = group.get("freePlaces")
        groups.append(
            f"<li><strong>{esc(group['name'])}</strong>, {group['ageFrom']}–{group['ageTo']} "
            f"лет, педагог {esc(group['teacher'])}<br>{esc(schedule or 'расписание уточняется')}"
            f"<br>мест: {group['places']}"
            + (f", свободно: {free}" if free is not None else "")
            + "</li>"
        )
    return (
        '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(payload['name'])} — Навигатор (демонстрация)</title></head>"
        '<body style="font-family: sans-serif; max-width: 40rem; margin: 1rem auto; '
        'padding: 0 1rem">'
        '<p id="standin-note" style="background: #fff3cd; padding: .5rem">Это демонстрационная '
        "замена регионального Навигатора дополнительного образования. В настоящем Навигаторе "
        "здесь родитель входит через Госуслуги, выбирает группу и подаёт заявку на запись; "
        "по сертификату — с его номером.</p>"
        f"<h1>{esc(payload['name'])}</h1>"
        f"<p>{esc(payload.get('announce', ''))}</p>"
        f"<p>Возраст: {payload['minAge']}–{payload['maxAge']} лет</p>"
        f"<h2>Группы</h2><ul>{''.join(groups) or '<li>Групп нет</li>'}</ul>"
        '<p><button type="button" disabled>Подать заявку</button></p>'
        "</body></html>"
    )
