"""A corpus of social value questions written by the svdesk team in the styles UK buyers use
(central government model questions after PPN 06/20, councils, housing associations, the NHS):
lettered and numbered parts, bullets, "should include:" lists, asks inside prose, word and page
limits. None is copied from a tender document.

Each entry: ``text``; ``parts`` — (a phrase from the part, its expected kind) in the buyer's
order; and the facts the question states (``words``, ``pages``, ``weight``).
"""

QUESTIONS = [
    # -- central government, model-question style ---------------------------------------------------
    dict(id="cg-employment", words=500, weight=10, text="""Social Value: Tackling economic inequality (10%)
Using no more than 500 words, describe the commitment your organisation will make to create employment opportunities for people facing barriers to work through this contract. Your response should include:
(a) your method statement, stating how you will achieve the commitment;
(b) a timed project plan, including milestones and by when each will be met;
(c) how you will monitor, measure and report on your commitments to the Authority.""",
         parts=[("method statement", "method"), ("timed project plan", "timeline"), ("monitor, measure", "monitoring")]),
    dict(id="cg-climate", words=750, weight=None, text="""Fighting climate change
Describe how you will reduce greenhouse gas emissions in the performance of the contract and explain how you will influence staff, suppliers and customers to support environmental protection. How will you measure and report your progress? Maximum 750 words.""",
         parts=[("greenhouse gas emissions", "environment"), ("influence staff, suppliers", "environment"), ("measure and report", "monitoring")]),
    dict(id="cg-wellbeing", words=500, weight=5, text="""This question carries a weighting of 5% of the total score.
Please describe how you will improve the health and wellbeing of the workforce delivering the contract, including:
• the actions you will take and who will be responsible for them;
• how you will identify and respond to staff wellbeing needs;
• the key performance indicators you will report against.
Word limit: 500 words""",
         parts=[("actions you will take", "method"), ("staff wellbeing needs", "equality"), ("key performance indicators", "monitoring")]),
    dict(id="cg-equal-opps", words=500, weight=None, text="""Equal opportunity
Describe the commitment your organisation will make to reduce the disability employment gap in the contract workforce. Set out the steps you will take and the timescales for each. Explain how you will report progress. (maximum 500 words)""",
         parts=[("disability employment gap", "equality"), ("steps you will take and the timescales", "timeline"), ("report progress", "monitoring")]),
    dict(id="cg-covid-recovery", words=None, weight=None, pages="2 sides of A4", text="""COVID-19 recovery and community resilience
Your response (up to 2 sides of A4) should address:
1. The support you will offer to local community groups and charities recovering from the pandemic
2. How the commitment will be delivered, by whom and by when
3. How you will evidence the difference it makes""",
         parts=[("local community groups", "partners"), ("by whom and by when", "timeline"), ("evidence the difference", "monitoring")]),
    dict(id="cg-supply-chain", words=300, weight=None, text="""Describe how you will create opportunities for SMEs, VCSEs and mutuals in your supply chain for this contract and state the number of subcontracts you expect to award to them (max. 300 words)""",
         parts=[("opportunities for SMEs", "partners"), ("number of subcontracts", "commitments")]),
    dict(id="cg-cyber-skills", words=1000, weight=None, text="""1,000 word limit
a) Describe the training and skills opportunities you will create for people in the contract workforce, including apprenticeships.
b) State how many apprenticeship starts you will deliver in each contract year.
c) Provide an example of similar skills programmes you have delivered on previous contracts, with the outcomes achieved.""",
         parts=[("training and skills opportunities", "employment"), ("how many apprenticeship starts", "commitments"), ("example of similar skills", "track_record")]),
    dict(id="cg-fair-work", words=400, weight=None, text="""Fair work: please confirm whether all staff working on the contract will be paid at least the Real Living Wage, and describe your approach to secure contracts and worker voice. Explain how you will ensure the same standards across your supply chain. No more than 400 words.""",
         parts=[("real living wage", "equality"), ("same standards across your supply chain", "partners")]),
    dict(id="cg-risks", words=500, weight=None, text="""Social value delivery plan
(i) Set out the social value outcomes you will deliver and the measurable targets for each.
(ii) Identify the main risks to delivering these outcomes and how you will mitigate them.
(iii) Describe the governance and reporting arrangements, including the frequency of reports.
Maximum 500 words""",
         parts=[("measurable targets", "commitments"), ("main risks", "risks"), ("governance and reporting", "monitoring")]),
    dict(id="cg-additional", words=600, weight=None, text="""The Authority is seeking social value that is additional to the core requirement. Please describe the benefits you will deliver over and above the core contract, and explain why they are not already part of the services specified. Provide the financial value of each benefit and the basis on which it has been calculated. 600 words maximum.""",
         parts=[("over and above the core contract", "additionality"), ("not already part", "additionality"), ("financial value of each benefit", "value")]),
    # -- councils ----------------------------------------------------------------------------------
    dict(id="council-local-jobs", words=750, weight=15, text="""Social Value (15%)
The Council wants this contract to benefit residents of the borough. In no more than 750 words:
(a) describe how many jobs, apprenticeships and work placements you will create for local residents;
(b) explain how you will work with the Council's employment and skills service to recruit them;
(c) give an example from a past contract where you delivered local employment, with the results.""",
         parts=[("how many jobs", "employment"), ("recruit them", "employment"), ("example from a past contract", "track_record")]),
    dict(id="council-vcse", words=500, weight=None, text="""Describe how you will support voluntary and community groups in the district, in quantity and value (for example volunteer hours, donations, pro bono support). State which groups will benefit and how you will report the support given. Maximum 500 words.""",
         parts=[("in quantity and value", "value"), ("which groups will benefit", "local_need"), ("report the support", "monitoring")]),
    dict(id="council-wellbeing-area", words=500, weight=None, text="""Over and above the core contract, what will you do for the well-being of the area? Your answer should explain the local need your proposal responds to, who will benefit, and how you will know it has worked. (500 words max)""",
         parts=[("well-being of the area", "additionality"), ("local need your proposal", "local_need"), ("know it has worked", "monitoring")]),
    dict(id="council-green", words=300, weight=5, text="""Environment (weighting 5%)
Please set out the measures you will take to reduce carbon emissions and waste in delivering this service, including travel and vehicles. Maximum 300 words.""",
         parts=[("reduce carbon emissions", "environment")]),
    dict(id="council-young-people", words=500, weight=None, text="""Tell us how your organisation will support young people not in education, employment or training (NEET) in the city.
Your response should include:
- the number of young people you will support each year
- the activities and support you will provide
- the milestones you will report to us
- an example of this work you have already delivered
Maximum 500 words""",
         parts=[("number of young people", "commitments"), ("activities and support", "method"), ("milestones", "timeline"), ("already delivered", "track_record")]),
    dict(id="council-charter", words=1000, weight=None, text="""With reference to the Council's Social Value Charter, describe the social value you will deliver under the following themes:
1. Local employment
2. Buy local: spend with local suppliers and social enterprises
3. Partners in communities
4. Green and sustainable
For each theme, state your commitments, the numbers you will achieve and how they will be measured. 1000 words maximum.""",
         parts=[("Local employment", "employment"), ("Buy local", "partners"), ("Partners in communities", "partners"), ("Green and sustainable", "environment"), ("state your commitments", "commitments")]),
    dict(id="council-prose-only", words=250, weight=None, text="""What social value will you bring to the residents of Small Heath through this contract? 250 words.""",
         parts=[("residents of Small Heath", "local_need")]),
    dict(id="council-inline-letters", words=600, weight=None, text="""Please provide details of your social value offer, covering (a) employment and training for local people, (b) support for local voluntary organisations and (c) how you will report progress to the Council every quarter. Answers must not exceed 600 words.""",
         parts=[("employment and training", "employment"), ("voluntary organisations", "partners"), ("report progress", "monitoring")]),
    dict(id="council-digital", words=400, weight=None, text="""Digital inclusion
Describe how you will help residents who are digitally excluded to get online, and explain how you will target those most in need. State the number of residents you expect to support. Word count: 400""",
         parts=[("digitally excluded", "local_need"), ("target those most in need", "local_need"), ("number of residents", "commitments")]),
    dict(id="council-timeline", words=500, weight=None, text="""Provide a delivery timetable for your social value commitments over the life of the contract, showing key milestones in year one. Explain who in your organisation is accountable for delivery. Maximum of 500 words.""",
         parts=[("delivery timetable", "timeline"), ("accountable for delivery", "monitoring")]),
    dict(id="council-equality", words=500, weight=None, text="""Equality, diversity and inclusion
a. How will you make sure opportunities created by the contract reach people with protected characteristics and under-represented groups?
b. What barriers do these groups face locally, and how will your approach remove them?
Limit 500 words.""",
         parts=[("protected characteristics", "equality"), ("barriers", "equality")]),
    dict(id="council-past-example", words=500, weight=None, text="""Give an example from a past contract of social value you delivered for a public sector client. Tell us what was achieved, over what period, and how it was evidenced. Maximum 500 words.""",
         parts=[("example from a past contract", "track_record"), ("what was achieved", "track_record"), ("how it was evidenced", "monitoring")]),
    # -- housing associations --------------------------------------------------------------------------
    dict(id="ha-residents", words=500, weight=10, text="""Community investment (10% of the quality score)
Describe the community investment you will deliver for our residents, including:
i. training and employment opportunities for residents;
ii. support for tenant-led community projects;
iii. your approach to measuring the value created, including any financial proxies you use.
Maximum 500 words.""",
         parts=[("training and employment", "employment"), ("tenant-led community projects", "local_need"), ("financial proxies", "value")]),
    dict(id="ha-estate", words=300, weight=None, text="""Our estates have high levels of fuel poverty and social isolation. How will your proposal address these needs on the estates you will work on? (300 words max)""",
         parts=[("address these needs", "local_need")]),
    dict(id="ha-volunteering", words=400, weight=None, text="""Please state:
• the number of staff volunteering hours you will give to resident projects each year;
• the value you place on an hour of volunteering and where that value comes from;
• how residents will be involved in choosing the projects.
Up to 400 words.""",
         parts=[("volunteering hours", "commitments"), ("value you place", "value"), ("residents will be involved", "local_need")]),
    dict(id="ha-retrofit", words=750, weight=None, text="""Retrofit programme social value
1) Describe the local labour and apprenticeship commitments for the retrofit works.
2) Explain how the works will reduce residents' energy bills and carbon emissions.
3) Set out how you will report against these commitments monthly.
Responses should be no more than 750 words.""",
         parts=[("local labour and apprenticeship", "employment"), ("energy bills and carbon", "environment"), ("report against these commitments", "monitoring")]),
    dict(id="ha-additional", words=500, weight=None, text="""What will you deliver in addition to the contract specification that benefits our tenants? Please explain why this is additional and not something you would do anyway, and give its estimated value in pounds. Maximum 500 words.""",
         parts=[("in addition to the contract", "additionality"), ("why this is additional", "additionality"), ("estimated value in pounds", "value")]),
    dict(id="ha-bullets-only", words=None, weight=None, text="""• Apprenticeships for residents
• Work experience for young people
• Donations to the residents' hardship fund
• Reporting every quarter to the resident panel""",
         parts=[("Apprenticeships", "employment"), ("Work experience", "employment"), ("hardship fund", "partners"), ("Reporting every quarter", "monitoring")]),
    # -- NHS -----------------------------------------------------------------------------------------
    dict(id="nhs-net-zero", words=500, weight=10, text="""Net Zero and social value (10%)
Describe how you will support the NHS's net zero commitment through this contract, and explain how you will reduce emissions from travel and waste. Provide the key performance indicators you will report to the Trust, and how often. Maximum 500 words.""",
         parts=[("net zero commitment", "environment"), ("emissions from travel", "environment"), ("key performance indicators", "monitoring")]),
    dict(id="nhs-health-inequalities", words=750, weight=None, text="""Tackling health inequalities
(a) Describe how your service will improve access for communities with the poorest health outcomes in the area.
(b) Explain how you will work with local voluntary and community sector partners.
(c) Set out the measurable outcomes you will achieve and by when.
(d) Identify the risks to achieving them and how you will manage those risks.
750 words maximum""",
         parts=[("poorest health outcomes", "local_need"), ("voluntary and community sector partners", "partners"), ("measurable outcomes", "commitments"), ("risks", "risks")]),
    dict(id="nhs-workforce", words=500, weight=None, text="""How will you create employment opportunities for local people, including those with learning disabilities, in delivering this service? Please include the number of roles and the support you will give them. Maximum 500 words""",
         parts=[("employment opportunities for local people", "employment"), ("number of roles", "commitments")]),
    dict(id="nhs-anchor", words=600, weight=None, text="""As an anchor institution the Trust wants to spend locally. Please describe:
1. how you will use local suppliers and social enterprises;
2. the proportion of contract spend you expect to go to them;
3. how you will evidence that spend each year.
Your response must not exceed 600 words.""",
         parts=[("local suppliers", "partners"), ("proportion of contract spend", "commitments"), ("evidence that spend", "monitoring")]),
    dict(id="nhs-volunteers", words=300, weight=None, text="""Please give details of any volunteering you will do for patient groups or local health charities, and state the number of hours and their value. Up to 300 words.""",
         parts=[("volunteering", "partners"), ("number of hours and their value", "value")]),
    # -- mixed styles ---------------------------------------------------------------------------------
    dict(id="mix-criteria", words=500, weight=20, text="""Social Value - 20% weighting
Describe your social value proposal for this contract. Your response should address:
• commitments and targets
• how you will deliver them
• how you will measure and report them

Evaluation criteria
A score of 5 (excellent) will be given where the response is specific, measurable and relevant to the local area.
Maximum 500 words.""",
         parts=[("commitments and targets", "commitments"), ("how you will deliver", "method"), ("measure and report", "monitoring")]),
    dict(id="mix-numbered-paren", words=800, weight=None, text="""(1) Provide your approach to recruiting ex-offenders and care leavers.
(2) Describe the mentoring you will offer to local schools.
(3) Explain how you will reduce single-use plastics on site.
(4) State the KPIs you propose and the frequency of reporting.
Your answer should be no more than 800 words.""",
         parts=[("ex-offenders and care leavers", "employment"), ("mentoring", "partners"), ("single-use plastics", "environment"), ("KPIs", "monitoring")]),
    dict(id="mix-lead-in-prose", words=500, weight=None, text="""The contract will be delivered across Walsall and Wolverhampton. Please explain how you will deliver social value for people living in these areas, and demonstrate your experience of delivering similar commitments elsewhere. Maximum 500 words.""",
         parts=[("people living in these areas", "local_need"), ("experience of delivering similar", "track_record")]),
    dict(id="mix-quantity-value", words=500, weight=None, text="""Describe the support you will give to voluntary, community and social enterprise organisations, in quantity and value, over the life of the contract. Maximum 500 words.""",
         parts=[("in quantity and value", "value")]),
    dict(id="mix-risk-remedial", words=400, weight=None, text="""a) What could go wrong in delivering your social value commitments?
b) What corrective action will you take if targets are not met?
Limit of 400 words""",
         parts=[("What could go wrong", "risks"), ("corrective action", "risks")]),
    dict(id="mix-welsh-english", words=500, weight=None, text="""Gwerth cymdeithasol / Social value
Describe how you will support Welsh-speaking communities and the use of the Welsh language in delivering the contract. Disgrifiwch sut y byddwch yn cefnogi cymunedau lleol. Maximum 500 words.""",
         parts=[("Welsh-speaking communities", "local_need")]),
    dict(id="mix-modern-slavery", words=300, weight=None, text="""Explain how you will identify and address modern slavery risks in your supply chain for this contract. 300 words maximum.""",
         parts=[("modern slavery", "equality")]),
    dict(id="mix-should-include-colon", words=600, weight=None, text="""Skills and employment
Please describe your proposals. You should include:
- apprenticeships (number and level)
- work placements for students
- careers talks in local schools
- how progress will be tracked and reported to us
Maximum 600 words""",
         parts=[("apprenticeships", "employment"), ("work placements", "employment"), ("careers talks", "employment"), ("tracked and reported", "monitoring")]),
    dict(id="mix-long-prose", words=1000, weight=None, text="""The Council declared a climate emergency in 2019 and has set a target of net zero by 2030. It also wants to see more local people in good jobs. Describe how your organisation will contribute to both aims through this contract. Explain the actions you will take in the first year. State the number of local people you will employ. Tell us how you will report to the Council. Maximum 1,000 words.""",
         parts=[("contribute to both aims", "method"), ("first year", "timeline"), ("number of local people", "commitments"), ("report to the Council", "monitoring")]),
]


def score(parse) -> dict:
    """How many expected parts ``parse(text)`` finds (a parsed part holding the phrase) and
    classifies (that part has the expected kind); and the facts it reads right. ``misses`` lists
    what went wrong, for people tuning the vocabulary."""
    expected = found = classified = facts_right = facts_total = 0
    misses = []
    for question in QUESTIONS:
        parsed = parse(question["text"])
        used = set()
        for phrase, kind in question["parts"]:
            expected += 1
            match = next((index for index, part in enumerate(parsed.parts)
                          if index not in used and phrase.lower() in part.text.lower()), None)
            if match is None:
                misses.append(f"{question['id']}: no part holds “{phrase}”")
                continue
            used.add(match)
            found += 1
            if parsed.parts[match].kind == kind:
                classified += 1
            else:
                misses.append(f"{question['id']}: “{phrase}” is {parsed.parts[match].kind}, expected {kind}")
        for name, value in (("word_limit", question.get("words")), ("weighting", question.get("weight")),
                            ("page_limit", question.get("pages", ""))):
            facts_total += 1
            got = getattr(parsed.facts, name)
            if (got or None) == (value or None):
                facts_right += 1
            else:
                misses.append(f"{question['id']}: {name} is {got!r}, expected {value!r}")
    return {"questions": len(QUESTIONS), "parts": expected, "found": found, "classified": classified,
            "found_pct": 100 * found / expected, "classified_pct": 100 * classified / expected,
            "facts_pct": 100 * facts_right / facts_total, "misses": misses}
