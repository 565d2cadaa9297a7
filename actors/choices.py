from django.db import models


class OrganizationClassification(models.TextChoices):
    GOVERNMENT_BODY = "government_body", "Government body"
    ARMED_GROUP = "armed_group", "Armed group"
    POLITICAL_PARTY = "political_party", "Political party"
    INTELLIGENCE_AGENCY = "intelligence_agency", "Intelligence agency"
    MILITARY = "military", "Military"
    INTERNATIONAL_ORGANIZATION = "international_organization", "International organization"
    NGO = "ngo", "NGO"
    NEWS_ORGANIZATION = "news_organization", "News organization"
    COMPANY = "company", "Company"
    OTHER = "other", "Other"


class AliasKind(models.TextChoices):
    SURNAME = "surname", "Surname"
    TRANSLITERATION = "transliteration", "Transliteration"
    NICKNAME = "nickname", "Nickname"
    FORMER_NAME = "former_name", "Former name"
    ABBREVIATION = "abbreviation", "Abbreviation"
    DESCRIPTION = "description", "Description used in the press"
    OTHER = "other", "Other"
