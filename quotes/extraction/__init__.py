"""Pure-Python, rule-based quote and attribution extraction (no Django, no downloads).

from quotes.extraction import extract, Candidate, Gazetteer, EXTRACTOR_VERSION
candidates = extract(text, article_date=date(2023, 12, 20), gazetteer=gazetteer)

The stages are described in quotes/extraction/README.md.
"""

from .candidate import Candidate
from .gazetteer import Gazetteer, Resolution
from .pipeline import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "Candidate", "Gazetteer", "Resolution", "extract"]
