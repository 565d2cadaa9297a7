"""``Cache-Control`` under ``/api/``: what a browser or a CDN may keep, and for how long.

An anonymous read (``GET``/``HEAD`` answered 200 or 301) is the same for every anonymous
reader: public for ``API_CACHE_SECONDS``, varying on ``Authorization`` and ``Cookie`` so that
no cache hands it to a signed-in user. A signed-in user's reads may show drafts and are theirs
alone: private and never stored. Writes and errors are never stored either. A response that
sets its own ``Cache-Control`` (the downloads) keeps it.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

CACHEABLE_STATUSES = {200, 301}


def is_user_specific(request) -> bool:
    user = getattr(request, "user", None)
    return "Authorization" in request.headers or bool(user and user.is_authenticated)


def set_cache_control(request, response) -> None:
    if request.method not in {"GET", "HEAD"} or response.status_code not in CACHEABLE_STATUSES:
        patch_cache_control(response, no_store=True)
    elif is_user_specific(request):
        patch_cache_control(response, private=True, no_store=True)
    else:
        seconds = settings.API_CACHE_SECONDS
        if seconds > 0:
            patch_cache_control(response, public=True, max_age=seconds)
        else:
            patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["Authorization", "Cookie"])


class CacheControlMiddleware:
    """Sets the API's ``Cache-Control``; listed after ``ConditionalGetMiddleware`` so that a
    304 carries the same header as the 200 it stands for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/") and not response.has_header("Cache-Control"):
            set_cache_control(request, response)
        return response
