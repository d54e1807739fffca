from axes.backends import AxesStandaloneBackend


class RequestlessLoginAxesBackend(AxesStandaloneBackend):
    """Let Django's test client log in, for the test settings only.

    Client.login() calls authenticate() without a request, which axes refuses; every login
    form of the site passes the request, and the other settings keep the strict backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
