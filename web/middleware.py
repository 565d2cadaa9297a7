"""The site's not-found page in development too."""

from django.conf import settings

from config.middleware import API_PREFIX

from .views import not_found


class DesignedNotFoundMiddleware:
    """With ``DEBUG``, a 404 outside ``/api/`` answers the site's designed page, as production
    does, instead of Django's technical page. It sits above ``CommonMiddleware``, so an address
    missing its slash is still redirected first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not request.path.startswith(API_PREFIX)
        ):
            return not_found(request)
        return response
