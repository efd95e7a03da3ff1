from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import translate_url


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """After sign-in, open the platform in the language the person chose last time."""
        url = super().get_login_redirect_url(request)
        user = request.user
        preferred = user.preferred_language if user.is_authenticated else ""
        return translate_url(url, preferred) if preferred else url
