"""The themes the portal starts with: the thematic fields keep.eu classifies projects by,
named as Interreg programmes name them. Editors may add more in the admin."""

from django.utils.translation import gettext_noop

STARTING_THEMES = [
    ("health", gettext_noop("Health and social care")),
    ("climate", gettext_noop("Climate change and adaptation")),
    ("biodiversity", gettext_noop("Biodiversity and nature protection")),
    ("water", gettext_noop("Water management")),
    ("energy", gettext_noop("Renewable energy and energy efficiency")),
    ("circular-economy", gettext_noop("Circular economy and waste")),
    ("risk-prevention", gettext_noop("Risk prevention and civil protection")),
    ("transport", gettext_noop("Transport and mobility")),
    ("research-innovation", gettext_noop("Research and innovation")),
    ("sme", gettext_noop("SMEs and competitiveness")),
    ("digital", gettext_noop("Digital transition")),
    ("education", gettext_noop("Education and training")),
    ("labour-market", gettext_noop("Labour market and employment")),
    ("social-inclusion", gettext_noop("Social inclusion and equal opportunities")),
    ("culture-tourism", gettext_noop("Culture and sustainable tourism")),
    ("heritage", gettext_noop("Natural and cultural heritage")),
    ("agriculture-fisheries", gettext_noop("Agriculture, food and fisheries")),
    ("maritime", gettext_noop("Maritime and blue economy")),
    ("urban-rural", gettext_noop("Urban and rural development")),
    ("governance", gettext_noop("Cooperation governance and public services")),
    ("people-to-people", gettext_noop("People-to-people and civil society")),
    ("security-migration", gettext_noop("Border management, security and migration")),
]
