"""A TypeScript client generated from the schema (openapi-typescript + openapi-fetch, what a
React or Vue frontend uses) type-checks a small program that uses it without casts
(tests/typescript/client.ts): one media type per operation, every field a response always
carries required, null only where it may be null. Beside the Python client test
(test_schema.py)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

NPM = shutil.which("npm")
FOLDER = Path(__file__).resolve().parents[1] / "typescript"

pytestmark = pytest.mark.skipif(
    NPM is None, reason="npm is not installed: the typed-client check needs Node.js 20+ and npm"
)


def run(*command: str) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=FOLDER, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def node_modules():
    """``npm ci`` from package-lock.json, once and again whenever the lock file changes."""
    installed = FOLDER / "node_modules" / ".package-lock.json"
    lock = FOLDER / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        run(NPM, "ci", "--no-audit", "--no-fund")
    return FOLDER / "node_modules"


def test_a_typescript_client_generated_from_the_schema_type_checks(node_modules, db):
    generated = FOLDER / "generated"
    generated.mkdir(exist_ok=True)
    schema = generated / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    run("node", str(node_modules / "openapi-typescript" / "bin" / "cli.js"), str(schema),
        "--output", str(generated / "schema.d.ts"))  # fmt: skip
    run("node", str(node_modules / "typescript" / "bin" / "tsc"), "--project", "tsconfig.json")
