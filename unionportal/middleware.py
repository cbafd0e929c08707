import re
import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from unionportal.logs import current_request_id


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the user picked another language in the header.

    The browser's Accept-Language is ignored on purpose: federation offices share PCs whose
    browsers are often set to English, and the portal's default must be the same for all.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()


class RequestIdMiddleware:
    """Tag each request with an id: in the ``X-Request-ID`` response header and in its logs.

    The reverse proxy may already have chosen one (``X-Request-ID``); it is kept when it is a
    short token of safe characters, so that the proxy's and the portal's lines match. Anything
    else — too long, spaces, control characters that could forge log lines — is replaced by
    a fresh random id.
    """

    HEADER = "X-Request-ID"
    SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(self.HEADER, "")
        request_id = offered if self.SANE.fullmatch(offered) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[self.HEADER] = request_id
        return response
