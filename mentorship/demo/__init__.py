"""The demo college behind `manage.py load_demo`, above every app it fills.

plan.py      what the parts share: the seed, the fixtures under fixtures/demo/, the gender
             endings of fixture texts, the grammar of Russian names (the bench draws its
             names with it too)
people.py    people, consents, the mentor and mentee bases, the demo logins
pairs.py     the programme: pairs and groups of two academic years with their work
surveys.py   waves of the questionnaires, personal links and answers
roadmap.py   the programme's roadmap
kpi.py       the indicators' targets
load.py      the runner: the whole plan, writing it in order, the printed summary

Each part plans in memory first (seeded generators, dates counted from the current academic
year) and then writes through the apps' models and services; load.py ties them together.
"""
