"""Pure-Python, rule-based quote and attribution extraction (no Django, no downloads).

from quotes.extraction import extract, Candidate, Gazetteer, EXTRACTOR_VERSION
candidates = extract(text, article_date=date(2023, 12, 20), gazetteer=gazetteer)
"""

from .extractor import EXTRACTOR_VERSION, Candidate, extract
from .gazetteer import Gazetteer, Resolution

__all__ = ["EXTRACTOR_VERSION", "Candidate", "Gazetteer", "Resolution", "extract"]
