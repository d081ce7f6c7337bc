"""A big, realistic organisation file for benchmarks: years of records on an old laptop.

At ``scale=1.0``: 5 indicators with 20 years of monthly readings, 10,000 stories of about 300
words (English with Polish and Welsh words, accented names and emoji; every consent state), 500
tenders (with commitments, drafted answers and answers as sent), 2,000 consultations and at
least 200 MB of evidence files (distinct contents, attached to readings and stories). It starts
from the demo (so the statement, the CIC34 records and the demo's own stories, tenders and
photos are there too, and every export has something to say) and grows each section around it.

The records are written the documented way, as a dump loaded with ``svdesk.store.dump.load_file``
(validated like any dump); the evidence files then go in through ``workspace.attachments`` inside
one transaction. Everything is seeded, so the same scale gives the same records.

    python tests/benchmarks/bigfile.py OUT.svdesk [--scale 1.0] [--seed 2026]

``scale`` multiplies every count (at least one of each is kept), so a test can make a tiny file
in a second or two.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import uuid
from pathlib import Path

STORIES, TENDERS, CONSULTATIONS = 10_000, 500, 2_000
YEARS = 20
EVIDENCE_BYTES = 210 * 1024 * 1024  # comfortably over the 200 MB asked for
TODAY = dt.date(2026, 11, 22)

NAMES = ("Łukasz Nowak", "Zoë Clarke", "Siân Pritchard", "Gwenllïan Rhys", "Rhodri Evans", "Aisha Begum",
         "Kwame Mensah", "Priya Sharma", "Øyvind Berg", "Đorđe Petrović", "Małgorzata Wiśniewska",
         "Dafydd ap Gwŷn", "Chloé Dubois", "Seán Ó Briain", "Zofia Żak", "Bartłomiej Król", "Tomás Ruiz",
         "Amélie Laurent", "Ffion Llewelyn", "Grzegorz Brzęczyszczykiewicz", "Nia Gruffudd", "Jamal Hussain",
         "Renée Okoro", "Ioan Prys", "Agnieszka Wróbel", "Connor Walsh", "Efua Asante", "Hannah Murphy",
         "Mehmet Yılmaz", "José Fernández", "Krzysztof Dąbrowski", "Bethan Hughes", "Leah Morris")
PLACES = ("Digbeth", "Small Heath", "Bordesley Green", "Moseley", "the Jewellery Quarter", "Sparkbrook",
          "Balsall Heath", "Acocks Green", "Kings Heath", "Selly Oak", "Erdington", "Ladywood")
THINGS = ("wheel", "brake cable", "chain", "gear hanger", "saddle", "inner tube", "bottom bracket", "headset",
          "cargo bike", "hybrid", "road bike", "child seat", "mudguard", "pannier rack", "dynamo light")
WELSH = ("diolch yn fawr", "croeso", "gweithdy beiciau", "hwyl fawr", "cymuned", "da iawn", "dysgu sgiliau",
         "bore da", "ffrindiau newydd", "gwaith")
POLISH = ("dziękuję bardzo", "rower", "warsztat", "łańcuch", "koło", "hamulec", "praca", "szkoła",
          "dzień dobry", "przyjaciel", "świetnie", "źle", "żółty rower")
EMOJI = ("🚲", "🙂", "👍", "🛠️", "🌧️", "❤️", "🎉", "💪")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

BEFORE = (
    "{first} had been out of work for {n} months and rarely left the house in {place}.",
    "Before {first} came to us, getting to college from {place} meant two buses and most days {pronoun} did not go.",
    "{first} told us {pronoun} had stopped answering the phone because every call felt like bad news.",
    "A youth worker in {place} said {first} was bright but had lost confidence after leaving school at sixteen.",
    "{first} was spending nearly £{money} a month on bus fares to reach a {day} shift.",
    "{first}'s {thing} had been broken for a year and {pronoun} could not afford to get it fixed.",
    "English is {first}'s second language; at home the family speak Polish and say “{polish}” a lot.",
    "{first} grew up near Aberystwyth and still says “{welsh}” to everyone who helps {object}.",
    "Money was tight, the flat was cold and {first} felt the days had no shape at all.",
    "{first} had tried two other courses and left both within a fortnight.",
)
DID = (
    "We offered {first} a place on the twelve-week bike mechanics course, starting on {day} mornings.",
    "A volunteer mechanic worked alongside {first} on a donated {thing} until {pronoun} felt ready for a bench of {possessive} own.",
    "{first} joined the free repair session in {place} and learned to true a wheel and adjust a {thing}.",
    "We lent {first} a refurbished {thing} through the Fair Price scheme and showed {object} how to keep it safe.",
    "Our training lead helped {first} write a CV and practise for an interview at a bike shop in {place}.",
    "{first} helped run the {day} drop-in, fixing punctures for neighbours and children from the school.",
    "We paired {first} with a mentor who had been through the course two years earlier.",
    "Every {day} {first} came in early to sort donated parts and label the {thing} boxes.",
    "We arranged a taster day with a local employer and paid for the travel there {emoji}.",
    "The workshop team showed {first} how to check brakes, lights and tyres before every ride.",
)
AFTER = (
    "By week eight {first} was showing newer trainees how to set up gears and fit a {thing}.",
    "{first} passed the Cytech Technical One assessment and now works {n} days a week in {place}.",
    "{first} rides to work every day and says {pronoun} saves about £{money} a month {emoji}.",
    "{first} has started a college course in engineering and still volunteers on {day}s.",
    "{first} now brings {possessive} {thing} in for a free service every three months and knows the team by name.",
    "The family now cycle to school together; {first} fitted the child seat {themself}.",
    "{first} applied for three jobs, had two interviews and was offered an apprenticeship.",
    "{first} joined our volunteer rota and has repaired more than {n} bikes for neighbours in {place}.",
    "{first} says the workshop gave {object} a reason to get up, and a reference {pronoun} is proud of.",
    "Six months on {first} is still in work, and {possessive} manager asked us for another trainee.",
)
QUOTES = (
    "The first week I didn't talk to anyone. Now I'm the one people ask when their brakes rub.",
    "I didn't think a bike was for someone like me. Now it's the best thing I own {emoji}.",
    "They never made me feel stupid for asking the same question twice.",
    "I fixed my own {thing} today. My dad couldn't believe it.",
    "{welsh}! I came for a puncture and stayed for the people.",
    "{polish} — that's what I said to them on the last day.",
    "It's the first place where being quiet was fine.",
    "I get to work on time now, every time, and I'm not skint by Friday.",
)
MATTERS = (
    "It shows what steady, practical work alongside an adult who believes in you can do for a young person in {place}.",
    "It shows how a cheap, safe bike opens up jobs that are too far to walk to and too awkward by bus.",
    "It shows that learning a trade can rebuild confidence as much as it builds skills.",
    "It shows how our trainees become the mentors for the next group, which is how the workshop grows.",
    "It shows that the free repair sessions reach people in {place} who would never come to a course.",
    "It shows the difference a local, welcoming place makes for families who are new to the city.",
)
TITLE_WORDS = ("From the sofa to the workshop floor", "A bike for the night shift", "Back in work",
               "First wheel trued", "Saved on bus fares", "A new start in {place}", "Cycling to school",
               "The {thing} that changed things", "Mentor after a year", "Apprenticeship offer",
               "Quiet no more", "Fixing up for the family")
DOMAINS = ("Skills and work", "Getting around", "Confidence and wellbeing", "Community", "Environment")
KEYWORDS = ("Cytech", "NEET", "apprenticeship", "Fair Price", "repair session", "mentor", "commute",
            "family", "volunteer", "college", "Moseley", "Small Heath", "food bank", "cargo")
CONSULT_TITLES = ("Trainee feedback survey", "Residents' drop-in about opening hours", "Volunteer meeting",
                  "Partners' round table", "Funder review visit", "Parents' evening at the workshop",
                  "Open day feedback wall", "Staff away day", "Online survey of repair-session users",
                  "Focus group with former trainees")
HEARD = ("Most people wanted longer opening hours on {day}s, and several asked for a women-only session.",
         "Trainees said the worksheets were too long and asked for more hands-on time with {thing}s.",
         "Residents in {place} said they would use a repair session if it were nearer the school gates.",
         "Volunteers asked for clearer rotas and a proper induction for new mechanics.",
         "Partners asked for a simple monthly figure for referrals and outcomes.",
         "People liked the free safety checks; a few found the waiting list for bikes too long.")
CHANGED = ("We moved the sessions to {day} afternoons and started a women-only evening.",
           "We cut the worksheets by half and added a second bench for practice.",
           "We now run a pop-up repair stall outside the school in {place} once a month.",
           "We wrote a one-page induction and a shared rota that volunteers can see on their phones.",
           "")
BUYERS = ("Birmingham City Council", "West Midlands Combined Authority", "Sandwell Council", "Solihull Council",
          "NHS Birmingham and Solihull ICB", "Transport for West Midlands", "Walsall Council", "Dudley Council",
          "Birmingham Children's Trust", "Canal & River Trust")
TENDER_SUBJECTS = ("Community cycle hubs", "Youth employment and skills", "Active travel for schools",
                   "Bike maintenance for council fleet", "Cycle training for adults", "Reuse and repair services",
                   "Green social prescribing", "Careers support for care leavers")
PROMISES = (
    ("Accredited bike mechanics training for young people not in education, employment or training",
     "young people aged 16–24 from {place}", "young people completing the course"),
    ("Refurbished bikes back on the road for local people on low incomes",
     "residents of {place} referred by food banks and housing officers", "bikes"),
    ("Free repair sessions in the neighbourhood", "residents of {place}", "sessions"),
    ("Work placements with local employers", "trainees who complete the course", "placements"),
    ("Volunteering hours by our staff in local schools", "pupils in {place}", "hours"),
)


def _fill(rng: random.Random, template: str, first: str) -> str:
    pronoun, object_, possessive, themself = rng.choice((("she", "her", "her", "herself"), ("he", "him", "his", "himself"),
                                                         ("they", "them", "their", "themselves")))
    return template.format(first=first, pronoun=pronoun, object=object_, possessive=possessive, themself=themself,
                           place=rng.choice(PLACES), thing=rng.choice(THINGS), day=rng.choice(DAYS),
                           welsh=rng.choice(WELSH), polish=rng.choice(POLISH), emoji=rng.choice(EMOJI),
                           n=rng.randint(2, 40), money=rng.choice((40, 60, 85, 120, 200)))


def _paragraph(rng: random.Random, pool: tuple, first: str, words: int) -> str:
    parts: list[str] = []
    count = 0
    while count < words:
        sentence = _fill(rng, rng.choice(pool), first)
        if rng.random() < 0.15:  # a word in Welsh or Polish, as people really write
            sentence = sentence[:-1] + f" ({rng.choice(WELSH + POLISH)})."
        parts.append(sentence)
        count += len(sentence.split())
    return " ".join(parts)


class _Ids:
    """Seeded UUIDs, so the same seed gives the same file."""

    def __init__(self, rng: random.Random):
        self._rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))


def _stamp(day: dt.date, rng: random.Random) -> str:
    return f"{day.isoformat()}T{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00.000000Z"


def _count(base: int, scale: float) -> int:
    return max(1, round(base * scale))


# -- sections --------------------------------------------------------------------------------------
def _measures(data: dict, rng: random.Random, new_id: _Ids, scale: float) -> list[dict]:
    measures = data["measures"]
    indicators = measures["indicators"]
    extra = [
        dict(indicators[1], id=new_id(), name="Hours of free repair help for residents", unit="hours",
             outcome="Residents keep their bikes safe and running without paying a shop.", baseline_value="60",
             target_value="120", library_key="", position=4, how_collected="Volunteers sign in and out at each session."),
        dict(indicators[1], id=new_id(), name="Money residents saved on travel", unit="money",
             outcome="Households spend less on getting to work, school and the shops.", baseline_value="2500",
             target_value="6000", library_key="", position=5,
             how_collected="A short monthly survey of Fair Price bike owners: what they spent on travel before and now."),
    ]
    indicators.extend(extra)
    for indicator in indicators:
        indicator["frequency"] = "monthly"
    months = max(12, round(YEARS * 12 * min(scale * 4, 1.0)))  # a tiny file still gets a year or more
    first = dt.date(TODAY.year, TODAY.month, 1)
    for _ in range(months):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    readings = []
    for indicator in indicators:
        day = first
        level = {"people": 3, "count": 18, "percentage": 50, "hours": 6, "money": 250}[indicator["unit"]]
        for month in range(months):
            end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            growth = 1 + month / months
            if indicator["unit"] == "percentage":
                value = str(min(95, max(5, round(level + 15 * (growth - 1) + rng.gauss(0, 6)))))
            elif indicator["unit"] == "money":
                value = f"{max(0.0, level * growth + rng.gauss(0, 60)):.2f}"
            else:
                value = str(max(0, round(level * growth + rng.gauss(0, level / 4))))
            recorded = end + dt.timedelta(days=rng.randint(1, 9))
            readings.append({
                "id": new_id(), "indicator_id": indicator["id"], "period_start": day.isoformat(),
                "period_end": end.isoformat(), "value": value,
                "note": "" if rng.random() < 0.8 else _fill(rng, "Quiet month: the {day} session was cancelled.", ""),
                "recorded_by": rng.choice(("Sam Okafor", "Tom Reilly", "Priya Shah")), "source": "",
                "created_at": _stamp(recorded, rng), "updated_at": _stamp(recorded, rng), "deleted_at": None,
            })
            day = end + dt.timedelta(days=1)
    measures["readings"] = readings
    # The demo's evidence belongs to the demo's readings, which these replace.
    data["attachments"]["files"] = [item for item in data["attachments"]["files"] if item["owner_table"] != "readings"]
    used = {item["sha256"] for item in data["attachments"]["files"]}
    data["attachments"]["blobs"] = [blob for blob in data["attachments"]["blobs"] if blob["sha256"] in used]
    return readings


def _consent(rng: random.Random, new_id: _Ids, story: dict, day: dt.date) -> dict:
    roll = rng.random()
    uses = sorted(rng.sample(["internal", "tenders_funders", "public_reports", "website_social"], rng.randint(1, 4)))
    given_on = day + dt.timedelta(days=rng.randint(0, 20))
    consent = {
        "id": new_id(), "story_id": story["id"], "given": True, "given_on": given_on.isoformat(),
        "method": rng.choice(("signed_form", "verbal", "online")), "recorded_by": "Priya Shah",
        "given_by": f"{story['person_name'].split()[0]} themself" if rng.random() < 0.8 else "a parent",
        "told": "We explained where the story might appear, that we would show it first, and that they can "
                "change their mind at any time without it affecting their place with us.",
        "uses": uses, "level": story["level"], "expires_on": None, "explicit": False, "withdrawn_on": None,
        "withdrawal_note": "", "created_at": story["created_at"], "updated_at": story["created_at"],
    }
    if roll < 0.15:  # not asked yet
        consent.update(given=False, given_on=None, method=None, given_by="", told="", uses=[])
    elif roll < 0.35:  # expired
        consent["expires_on"] = min(TODAY - dt.timedelta(days=1), given_on + dt.timedelta(days=365 * 2)).isoformat()
    elif roll < 0.45:  # withdrawn
        withdrawn = min(TODAY, given_on + dt.timedelta(days=rng.randint(30, 900)))
        consent.update(withdrawn_on=withdrawn.isoformat(), withdrawal_note="Asked us by phone to stop using it.")
    else:  # current: open-ended or expiring after today
        if rng.random() < 0.6:
            consent["expires_on"] = max(TODAY + dt.timedelta(days=30), given_on + dt.timedelta(days=365 * 3)).isoformat()
    return consent


def _stories(data: dict, rng: random.Random, new_id: _Ids, count: int, indicator_ids: list[str]) -> list[dict]:
    section = data["stories"]
    start = TODAY - dt.timedelta(days=365 * YEARS)
    for _ in range(max(0, count - len(section["stories"]))):
        name = rng.choice(NAMES)
        first = name.split()[0]
        day = start + dt.timedelta(days=rng.randrange(365 * YEARS))
        level = rng.choice(("anonymous", "first_name", "named"))
        stamp = _stamp(day, rng)
        title = _fill(rng, rng.choice(TITLE_WORDS), first)
        story = {
            "id": new_id(), "title": f"{title} ({first})", "story_date": day.isoformat(),
            "domain": rng.choice(DOMAINS), "level": level, "person_name": name,
            "pseudonym": rng.choice(("Sam", "Alex", "Jo", "Kris")), "anonymous_as": f"a trainee, {rng.randint(16, 24)}",
            "before": _paragraph(rng, BEFORE, first, 60), "what_we_did": _paragraph(rng, DID, first, 85),
            "after": _paragraph(rng, AFTER, first, 85), "quote": _fill(rng, rng.choice(QUOTES), first),
            "why_it_matters": _paragraph(rng, MATTERS, first, 45),
            "keywords": rng.sample(KEYWORDS, rng.randint(0, 3)), "status": "ready" if rng.random() < 0.75 else "draft",
            "special_categories": ["health"] if rng.random() < 0.03 else [], "about_child": rng.random() < 0.05,
            "created_at": stamp, "updated_at": stamp,
            "deleted_at": _stamp(TODAY, rng) if rng.random() < 0.01 else None,
        }
        section["stories"].append(story)
        consent = _consent(rng, new_id, story, day)
        section["consents"].append(consent)
        if consent["given"] and not consent["withdrawn_on"] and rng.random() < 0.25:
            used_on = min(TODAY, day + dt.timedelta(days=rng.randint(20, 400)))
            section["uses"].append({"id": new_id(), "story_id": story["id"], "use": consent["uses"][0],
                                    "document": rng.choice(("Annual report", "Tender answer", "Website: Our stories",
                                                            "Funder update")),
                                    "used_on": used_on.isoformat(), "level": story["level"],
                                    "created_at": _stamp(used_on, rng), "updated_at": _stamp(used_on, rng)})
        if rng.random() < 0.4:
            for indicator in rng.sample(indicator_ids, rng.randint(1, 2)):
                section["indicator_links"].append({"id": new_id(), "story_id": story["id"], "indicator_id": indicator,
                                                   "created_at": stamp, "updated_at": stamp})
    return section["stories"]


def _consultations(data: dict, rng: random.Random, new_id: _Ids, count: int) -> None:
    start = TODAY - dt.timedelta(days=365 * YEARS)
    groups = ("service_users", "staff", "volunteers", "funders", "community", "partners")
    for _ in range(max(0, count - len(data["consultations"]))):
        day = start + dt.timedelta(days=rng.randrange(365 * YEARS))
        stamp = _stamp(day, rng)
        data["consultations"].append({
            "id": new_id(), "held_on": day.isoformat(),
            "title": f"{rng.choice(CONSULT_TITLES)}, {day.strftime('%B %Y')}",
            "who": sorted(rng.sample(groups, rng.randint(1, 3))), "who_other": "",
            "how": rng.choice(("survey", "meeting", "interviews", "feedback_forms", "focus_group", "workshop",
                               "open_event", "online")), "how_other": "", "people": rng.randint(3, 120),
            "heard": " ".join(_fill(rng, rng.choice(HEARD), "") for _ in range(rng.randint(1, 3))),
            "changed": _fill(rng, rng.choice(CHANGED), ""), "created_at": stamp, "updated_at": stamp,
            "deleted_at": None,
        })


def _answer(rng: random.Random, commitments: list[dict], story: dict | None) -> str:
    parts = ["Our commitments"]
    for number, item in enumerate(commitments, start=1):
        parts.append(f"Commitment {number}: {item['promise']}. We will deliver this for {item['for_whom']}: "
                     f"{item['per_year']} {item['unit']} a year.")
    parts.append("How we will deliver them")
    parts += [f"Commitment {number}: {item['actions']} {item['people']}" for number, item in enumerate(commitments, 1)]
    parts.append("How we will measure and report them")
    parts += [f"Commitment {number}: KPIs we will report every quarter: {item['kpis']}. Evidence: {item['evidence']}."
              for number, item in enumerate(commitments, 1)]
    if story:
        parts += ["What we have done before", f"{story['title']}: {story['after']} “{story['quote']}”"]
    parts.append(_paragraph(rng, MATTERS, "", 80))
    return "\n\n".join(parts)


def _tenders(data: dict, rng: random.Random, new_id: _Ids, count: int, indicator_ids: list[str],
             stories: list[dict]) -> None:
    section = data["tenders"]
    template = next(item for item in section["tenders"] if item["status"] == "drafting")
    commitment_template = section["commitments"][0]
    ready = [story for story in stories if story["status"] == "ready" and story["deleted_at"] is None]
    for _ in range(max(0, count - len(section["tenders"]))):
        deadline = TODAY + dt.timedelta(days=rng.randint(-365 * YEARS, 60))
        created = deadline - dt.timedelta(days=rng.randint(7, 40))
        if deadline >= TODAY:
            status = "drafting"
        else:
            status = rng.choices(("submitted", "won", "lost", "withdrawn", "drafting"), (1, 4, 5, 1, 1))[0]
        tender_id = new_id()
        place = rng.choice(PLACES)
        commitments = []
        for position in range(rng.randint(1, 4)):
            promise, for_whom, unit = rng.choice(PROMISES)
            commitments.append(dict(
                commitment_template, id=new_id(), tender_id=tender_id, position=position, promise=promise,
                for_whom=for_whom.format(place=place), unit=unit, per_year=rng.randint(5, 300), over_contract=None,
                by_when=(deadline + dt.timedelta(days=365 * 3)).isoformat(),
                indicator_id=rng.choice([*indicator_ids, ""]), frequency=rng.choice(("quarterly", "yearly")),
                created_at=_stamp(created, rng), updated_at=_stamp(created, rng), deleted_at=None,
            ))
        section["commitments"].extend(commitments)
        story = rng.choice(ready) if ready else None
        drafted = status != "drafting" or rng.random() < 0.5
        answer = _answer(rng, commitments, story) if drafted else ""
        stamp = _stamp(created, rng)
        section["tenders"].append(dict(
            template, id=tender_id, buyer=rng.choice(BUYERS),
            title=f"{rng.choice(TENDER_SUBJECTS)}, Lot {rng.randint(1, 6)} ({place})",
            reference=f"T-{deadline.year}-{rng.randint(100, 999)}", deadline=deadline.isoformat(),
            contract_value_pence=rng.randint(20, 900) * 100_000, contract_months=rng.choice((12, 24, 36, 48)),
            contract_start=(deadline + dt.timedelta(days=60)).isoformat(), sv_weighting=rng.choice((10, 15, 20)),
            word_limit=rng.choice((500, 750, 1000)), status=status,
            score="" if status != "won" else f"{rng.randint(12, 20)} out of 20 for social value",
            stories_chosen=bool(story), story_ids=[story["id"]] if story else [],
            answer_text=answer, answer_generated=answer, answer_notes=[],
            answer_story_ids=[story["id"]] if story and drafted else [],
            answer_generated_at=stamp if drafted else "", answer_updated_at=stamp if drafted else "",
            created_at=stamp, updated_at=stamp, deleted_at=None,
        ))
        if status in ("submitted", "won", "lost") and answer:
            section["submissions"].append({
                "id": new_id(), "tender_id": tender_id, "text": answer, "words": len(answer.split()),
                "word_limit": section["tenders"][-1]["word_limit"], "submitted_on": deadline.isoformat(),
                "commitments": [{key: value for key, value in item.items() if key != "deleted_at"} for item in commitments],
                "story_ids": [story["id"]] if story else [], "created_at": stamp, "updated_at": stamp,
            })


def big_dump(scale: float = 1.0, seed: int = 2026) -> dict:
    """The big file's records as a dump (without the evidence files, which are added afterwards)."""
    from svdesk.store.demo import demo_dump

    rng = random.Random(seed)
    new_id = _Ids(rng)
    data = demo_dump()
    _measures(data, rng, new_id, scale)
    indicator_ids = [item["id"] for item in data["measures"]["indicators"]]
    stories = _stories(data, rng, new_id, _count(STORIES, scale), indicator_ids)
    _consultations(data, rng, new_id, _count(CONSULTATIONS, scale))
    _tenders(data, rng, new_id, _count(TENDERS, scale), indicator_ids, stories)
    return data


def _add_evidence(path: Path, data: dict, total_bytes: int, rng: random.Random) -> int:
    """Evidence files (distinct bytes, so distinct SHA-256s) on readings and stories, in one transaction."""
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace

    readings = [item["id"] for item in data["measures"]["readings"]]
    stories = [item["id"] for item in data["stories"]["stories"]]
    workspace = Workspace.around(open_file(path, backup=False))
    added = 0
    try:
        with workspace.file.write("evidence"):
            number = 0
            while added < total_bytes:
                # Sizes like real scans and photos: mostly a few hundred KB, some a few MB.
                size = min(total_bytes - added, int(rng.choice((120, 300, 450, 700, 1500, 3500)) * 1024 * rng.uniform(0.8, 1.2)))
                size = max(size, 64)
                kind, owner = (("readings", rng.choice(readings)) if number % 3 else ("stories", rng.choice(stories)))
                name = (f"register-{number:04d}.pdf" if kind == "readings" else f"photo-{number:04d}.jpg")
                body = rng.randbytes(size)
                header = b"%PDF-1.4\n" if name.endswith(".pdf") else b"\xff\xd8\xff\xe0"
                workspace.attachments.add(kind, owner, name, header + body, role="photo" if kind == "stories" else "evidence",
                                          note="Generated for the benchmark.")
                added += size
                number += 1
        workspace.file.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        workspace.close()
    return added


def make_big_file(path: Path, scale: float = 1.0, seed: int = 2026) -> Path:
    """Writes the big file at ``path`` (which must not exist) and returns it."""
    from svdesk.store.dump import load_file

    path = Path(path)
    data = big_dump(scale, seed)
    load_file(data, path)
    _add_evidence(path, data, max(64 * 1024, int(EVIDENCE_BYTES * scale)), random.Random(seed + 1))
    return path


def describe(path: Path) -> dict:
    """Counts and size of a big file, for the benchmark's header."""
    import sqlite3

    with sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True) as conn:
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("indicators", "readings", "stories", "tenders", "commitments", "consultations",
                                "attachments")}
        counts["evidence_mb"] = round(conn.execute("SELECT coalesce(sum(size), 0) FROM blobs").fetchone()[0] / 1024 / 1024, 1)
        counts["story_words_avg"] = round(conn.execute(
            "SELECT avg(length(before || ' ' || what_we_did || ' ' || after || ' ' || quote || ' ' || why_it_matters) - "
            "length(replace(before || ' ' || what_we_did || ' ' || after || ' ' || quote || ' ' || why_it_matters, ' ', '')) + 1) "
            "FROM stories").fetchone()[0] or 0)
    conn.close()
    counts["file_mb"] = round(Path(path).stat().st_size / 1024 / 1024, 1)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    make_big_file(args.out, args.scale, args.seed)
    print(f"wrote {args.out} in {time.perf_counter() - started:.1f} s: {describe(args.out)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
