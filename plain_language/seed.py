"""The first language advice list, in the network's own words. Editors change it in the admin
(Snippets, Language advice); the data migration adds these once and never again."""

SERVICE_LED = "service-led"
JARGON = "jargon"

FIRST_ADVICE = [
    (
        "service user",
        SERVICE_LED,
        "the person, or their name (with their agreement)",
        "People are more than the services they use; naming the person keeps the story about them.",
    ),
    (
        "client",
        SERVICE_LED,
        "the person, or the person we worked with",
        "It frames the relationship as a transaction rather than working together.",
    ),
    (
        "placed",
        SERVICE_LED,
        "moved to, chose to live at, or now lives at",
        "People are not objects to be put somewhere; say what they chose, or what happened to them.",
    ),
    (
        "placement",
        SERVICE_LED,
        "home, or where the person lives or spends their day",
        "Say what the place means to the person, not how the service arranged it.",
    ),
    (
        "non-compliant",
        SERVICE_LED,
        "describe what happened and the person's reasons, e.g. “chose not to take the tablets because…”",
        "It blames the person and hides the reason, which is often the key to what matters to them.",
    ),
    (
        "non-compliance",
        SERVICE_LED,
        "describe the decision and the reasons behind it",
        "It blames the person and hides the reason, which is often the key to what matters to them.",
    ),
    (
        "challenging behaviour",
        SERVICE_LED,
        "distress, or what the person was trying to tell us",
        "Behaviour is communication; describing the need behind it points to what might help.",
    ),
    (
        "suffers from",
        SERVICE_LED,
        "has, lives with, or has a diagnosis of",
        "Many people do not see their condition as suffering; let them say how it feels.",
    ),
    (
        "suffering from",
        SERVICE_LED,
        "living with",
        "Many people do not see their condition as suffering; let them say how it feels.",
    ),
    (
        "sufferer",
        SERVICE_LED,
        "a person living with (the condition)",
        "It defines someone by a condition; put the person first.",
    ),
    (
        "care package",
        SERVICE_LED,
        "the support the person chose, or what helps them live the life they want",
        "It describes what the service delivers; outcomes are about the difference it makes.",
    ),
    (
        "refused",
        SERVICE_LED,
        "chose not to, or said no to",
        "People have the right to decide; “refused” makes a choice sound like a problem.",
    ),
    (
        "wheelchair-bound",
        SERVICE_LED,
        "wheelchair user, or uses a wheelchair",
        "A wheelchair gives freedom to move; it does not tie anyone down.",
    ),
    (
        "elderly",
        SERVICE_LED,
        "older people, or the person's age if it matters",
        "It lumps people together and can sound frail; be specific.",
    ),
    (
        "bed blocker",
        SERVICE_LED,
        "a person waiting to go home, or waiting for support to be arranged",
        "The delay is the system's, not the person's.",
    ),
    (
        "vulnerable adult",
        SERVICE_LED,
        "an adult who may be at risk of harm, and what the risk is",
        "Say what the risk is; most people are not vulnerable in every part of their life.",
    ),
    (
        "wandering",
        SERVICE_LED,
        "walking, or going out, with the reason if you know it",
        "People usually walk with a purpose; finding it can show what matters to them.",
    ),
    (
        "attention-seeking",
        SERVICE_LED,
        "looking for contact, or needing company",
        "Wanting attention is a human need, not a fault.",
    ),
    (
        "in receipt of",
        JARGON,
        "gets, or has",
        "Short everyday words are easier for everyone to read.",
    ),
    (
        "signposted",
        JARGON,
        "told about, or put in touch with",
        "Say what was actually done, in everyday words.",
    ),
    (
        "signposting",
        JARGON,
        "telling people about, or putting people in touch with",
        "Say what was actually done, in everyday words.",
    ),
    (
        "multi-disciplinary team",
        JARGON,
        "the team of different professionals (name them)",
        "Readers outside the service may not know the term; say who was there.",
    ),
    (
        "stakeholder",
        JARGON,
        "the people involved, or name them",
        "Naming the people shows who took part and whose voice counted.",
    ),
    (
        "utilise",
        JARGON,
        "use",
        "A short word says the same thing.",
    ),
    (
        "facilitate",
        JARGON,
        "help, run, or make possible",
        "A plainer word says what was done.",
    ),
    (
        "going forward",
        JARGON,
        "from now on, or next",
        "Plain words are easier to read and to translate.",
    ),
    (
        "capacity building",
        JARGON,
        "learning new skills, or growing confidence",
        "Say what grew, and for whom.",
    ),
]
