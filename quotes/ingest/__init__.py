"""The ingest path: articles with their quotes in (files, the write API, PolNeAR, a generated
corpus) and out (exports).

- ``payload``: the article payload's shape and the checks of its fields (``PayloadError``).
- ``catalog``: the people, organizations, roles, publishers, topics and articles a payload
  refers to, looked up and created.
- ``plans``: a payload checked and resolved (``parse_article``) into what will be written.
- ``writer``: whole articles written in bulk (COPY), one transaction per call.
- ``article``: one article (``import_article``; ``create_article``, the service behind
  ``POST /articles/``: the writer's permissions and history).
- ``batch``: files (``BatchImporter``), validated line by line, written in batches.
- ``polnear``, ``generation``, ``exporting``: the PolNeAR reader, the synthetic corpus, exports.
"""

from .article import ArticleImport, create_article, import_article
from .batch import BatchImporter, Reject, Summary, read_lines
from .catalog import Catalog
from .payload import PayloadError
from .plans import ArticlePlan, QuotePlan, parse_article
from .writer import analyze_after_bulk_write, write_articles

__all__ = [
    "ArticleImport",
    "ArticlePlan",
    "BatchImporter",
    "Catalog",
    "PayloadError",
    "QuotePlan",
    "Reject",
    "Summary",
    "analyze_after_bulk_write",
    "create_article",
    "import_article",
    "parse_article",
    "read_lines",
    "write_articles",
]
