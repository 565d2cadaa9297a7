from django.core.validators import RegexValidator

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", "A Wikidata id is Q followed by digits, e.g. Q43723."
)
country_code_validator = RegexValidator(
    r"^[A-Z]{2}$", "Use the two-letter ISO 3166-1 code in capitals, e.g. IL, US, QA."
)
