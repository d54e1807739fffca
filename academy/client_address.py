"""The client's address as every counter sees it: behind the load balancer, the proxies' count
taken into account (django-axes, allauth, django-ratelimit, the API's limits)."""

import ipaddress

from django.conf import settings


def get_client_ip(request):
    """Return the client's address, behind as many proxies as ALLAUTH_TRUSTED_PROXY_COUNT says.

    The same count drives allauth's rate limits, so both see the same address.
    """
    proxy_count = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded_for = request.headers.get("x-forwarded-for")
    if proxy_count and forwarded_for:
        addresses = [address.strip() for address in forwarded_for.split(",")]
        if len(addresses) >= proxy_count:
            return addresses[-proxy_count]
    return request.META.get("REMOTE_ADDR")


def client_address(group, request):
    """The rate-limit key "ip", but seen through the load balancer as axes and allauth see it.

    django-ratelimit's own "ip" reads REMOTE_ADDR, which behind the load balancer is the
    balancer's, so everybody would share one counter. IPv6 counts per /64 network, as one
    household or one script gets a whole network.
    """
    address = get_client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
