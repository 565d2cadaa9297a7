"""JSON no later step can store or answer is a 400 at the parser, never a 500."""

import io

import pytest

from config.api.parsers import MAX_JSON_DEPTH, depth_exceeds
from config.wsgi import application
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


def post_raw(client, path, body: bytes):
    return client.generic("POST", path, body, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        b'{"name": "\\ud800"}',
        b'{"\\ud800": "Ada"}',
        b'{"name": "Ada", "aliases": ["\\udfff"]}',
    ],
    ids=["in a value", "in a key", "in a nested value"],
)
def test_a_lone_surrogate_anywhere_is_a_400(editor_api, body):
    response = post_raw(editor_api, PEOPLE, body)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_a_number_beyond_a_double_is_a_400(editor_api):
    ArticleFactory()
    response = post_raw(editor_api, "/api/v1/quotes/", b'{"article": 1e400, "text": "x"}')
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_nan_is_not_json(editor_api):
    assert post_raw(editor_api, PEOPLE, b'{"name": NaN}').status_code == 400


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1_000, 100_000])
def test_json_nested_deeper_than_the_limit_is_a_400(editor_api, depth):
    body = b'{"name": ' + b"[" * depth + b"]" * depth + b"}"
    response = post_raw(editor_api, PEOPLE, body)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_json_nested_up_to_the_limit_is_parsed():
    document = [[]]
    for _ in range(MAX_JSON_DEPTH - 2):
        document = [document]
    assert not depth_exceeds(document, MAX_JSON_DEPTH)
    assert depth_exceeds([document], MAX_JSON_DEPTH)


def call_wsgi(method, path, body: bytes, headers: dict):
    """A request straight through config.wsgi's application, as gunicorn hands it over."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        **headers,
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])

    content = b"".join(application(environ, start_response))
    return answer["status"], content


@pytest.fixture
def editor_token(editor_api):
    from rest_framework.authtoken.models import Token

    return Token.objects.get(user=editor_api.user).key


@pytest.mark.django_db(transaction=True)
def test_a_chunked_body_over_the_limit_is_a_413(editor_token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = b'{"name": "' + b"x" * 10_000 + b'"}'
    status, content = call_wsgi(
        "POST",
        PEOPLE,
        body,
        {
            "CONTENT_TYPE": "application/json",
            "HTTP_TRANSFER_ENCODING": "chunked",
            "HTTP_AUTHORIZATION": f"Token {editor_token}",
        },
    )
    assert status == 413, content
    assert b"larger than 1,000 bytes" in content


@pytest.mark.django_db(transaction=True)
def test_a_chunked_body_within_the_limit_is_read(editor_token):
    status, content = call_wsgi(
        "POST",
        PEOPLE,
        b'{"name": "Ada Lovelace"}',
        {
            "CONTENT_TYPE": "application/json",
            "HTTP_TRANSFER_ENCODING": "chunked",
            "HTTP_AUTHORIZATION": f"Token {editor_token}",
        },
    )
    assert status == 201, content


def test_an_article_posted_with_more_quotes_than_the_bound_is_a_400(editor_api):
    from quotes.ingest.article import MAX_QUOTES

    payload = {
        "publisher": "nobody",
        "title": "T",
        "published_on": "2023-12-20",
        "body": "x",
        "quotes": [{"text": "x"}] * (MAX_QUOTES + 1),
    }
    response = editor_api.post("/api/v1/articles/", payload)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["quotes"]
