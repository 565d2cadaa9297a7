"""The README must stay true: its curl examples run against a live server on the seed, and
what they print must be what the README shows; its configuration table names every
environment variable the code reads."""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
README_HOST = "http://127.0.0.1:8000"

# Fields whose values differ from run to run; the README's values for them are not compared.
VOLATILE_FIELDS = {"history_date"}

# Read by the code but not the operator's to set: Django's own, and the marker the WSGI and
# ASGI entry points set for web processes.
UNDOCUMENTED_VARIABLES = {"DJANGO_SETTINGS_MODULE", "WHOSAID_WEB_PROCESS"}

# The code that reads the environment (bench/ documents its own in bench/README.md).
CONFIGURATION_SOURCES = ["config", "actors", "quotes", "web", "gunicorn.conf.py"]

BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\n", re.DOTALL | re.MULTILINE)


@dataclass
class Example:
    title: str
    commands: str
    language: str
    output: str


def readme_blocks() -> list[tuple[str, str, int, int]]:
    text = README.read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), m.start(), m.end()) for m in BLOCK.finditer(text)]


def readme_examples() -> list[Example]:
    """Each ``sh`` block that calls curl, with the ``json`` or ``text`` block right after it."""
    text = README.read_text(encoding="utf-8")
    blocks = readme_blocks()
    examples = []
    for (language, body, _, end), following in zip(blocks, [*blocks[1:], None], strict=True):
        if language != "sh" or "curl " not in body:
            continue
        if (
            following is None
            or following[0] not in {"json", "text"}
            or text[end : following[2]].strip()
        ):
            raise AssertionError(f"A curl example without its output right after it:\n{body}")
        title = next(
            (line.lstrip("# ") for line in body.splitlines() if line.startswith("#")), body
        )
        examples.append(Example(title, body, following[0], following[1]))
    return examples


def json_values(text: str) -> list:
    """The JSON values printed one after the other (curl and jq print several)."""
    decoder = json.JSONDecoder()
    values, position = [], 0
    while (position := skip_space(text, position)) < len(text):
        value, position = decoder.raw_decode(text, position)
        values.append(value)
    return values


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def without_volatile(value):
    if isinstance(value, dict):
        return {
            key: without_volatile(item) for key, item in value.items() if key not in VOLATILE_FIELDS
        }
    if isinstance(value, list):
        return [without_volatile(item) for item in value]
    return value


EXAMPLES = readme_examples()


def test_the_readme_has_the_tour_examples():
    titles = " ".join(example.title.lower() for example in EXAMPLES)
    for topic in ["search", "filter", "citation", "error", "article"]:
        assert topic in titles, f"No README example about {topic!r}"


@pytest.fixture
def readme_server(live_server, settings):
    """The live server on the seed, its search index built, and a superuser's token: the
    state ``make run`` and the README's token command leave behind."""
    from quotes.search import indexer

    missing = [tool for tool in ("curl", "jq") if not shutil.which(tool)]
    if missing:
        pytest.fail(
            f"The README's examples need {' and '.join(missing)}: apt-get install -y curl jq"
        )

    call_command("loaddata", "seed", verbosity=0)
    indexer.rebuild(settings.SEARCH_INDEX_DIR)
    token = Token.objects.create(user=UserFactory(is_superuser=True, is_staff=True))
    return {
        **os.environ,
        "API": f"{live_server.url}/api/v1",
        "TOKEN": token.key,
    }, live_server.url


@pytest.mark.django_db(transaction=True, reset_sequences=True)
@pytest.mark.parametrize("example", EXAMPLES, ids=[example.title for example in EXAMPLES])
def test_readme_example_prints_what_the_readme_shows(example, readme_server):
    environment, url = readme_server
    commands = example.commands.replace(README_HOST, url)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", commands],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed, shown = result.stdout.replace(url, README_HOST), example.output
    if example.language == "json":
        assert without_volatile(json_values(printed)) == without_volatile(json_values(shown))
    else:
        assert printed.strip() == shown.strip()


def variables_read_by_the_code() -> set[str]:
    pattern = re.compile(
        r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|env_(?:bool|int|list))\(?\s*["']([A-Z_]+)["']"""
    )
    names = set()
    for source in CONFIGURATION_SOURCES:
        path = ROOT / source
        for file in [path] if path.is_file() else path.rglob("*.py"):
            names |= set(pattern.findall(file.read_text(encoding="utf-8")))
    return names - UNDOCUMENTED_VARIABLES


def test_the_configuration_scan_finds_what_settings_and_gunicorn_read():
    assert {"DATABASE_URL", "SEARCH_INDEX_DIR", "WEB_THREADS"} <= variables_read_by_the_code()


def test_the_configuration_table_names_every_variable_the_code_reads():
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Configuration") :]
    table = table[: table.index("\n## ", 1)]
    documented = set(re.findall(r"^\|[^|]*", table, re.MULTILINE))
    documented = {name for cell in documented for name in re.findall(r"`([A-Z_]+)`", cell)}
    assert variables_read_by_the_code() - documented == set()
