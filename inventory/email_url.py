"""EMAIL_URL: where outgoing mail goes, as one URL (README "Production").

A handful of schemes, so that a typo is refused at start-up rather than found when
the first message is lost:

- ``smtp://user:password@host:25``: SMTP without encryption (default port 25);
- ``smtp+tls://...`` or ``submission://...``: SMTP with STARTTLS (default port 587);
- ``smtps://...``: SMTP over TLS from the first byte (default port 465);
- ``console://``: messages are written to standard output (development);
- ``dummy://``: no mail is sent.

User name and password are percent-decoded, so ``%40`` in a password is an ``@``.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
DUMMY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

# scheme: (default port, STARTTLS, implicit TLS)
SMTP_SCHEMES = {
    "smtp": (25, False, False),
    "smtp+tls": (587, True, False),
    "submission": (587, True, False),
    "smtps": (465, False, True),
}
OTHER_SCHEMES = {"console": CONSOLE_BACKEND, "dummy": DUMMY_BACKEND}


NO_SERVER = {
    "EMAIL_HOST": "localhost",
    "EMAIL_PORT": 25,
    "EMAIL_HOST_USER": "",
    "EMAIL_HOST_PASSWORD": "",
    "EMAIL_USE_TLS": False,
    "EMAIL_USE_SSL": False,
}


def parse_email_url(url):
    """The Django EMAIL_* settings that `url` stands for, as a dict of all seven."""
    parts = urlsplit(url.strip())
    if parts.scheme in OTHER_SCHEMES and not (parts.netloc or parts.path or parts.query):
        return {"EMAIL_BACKEND": OTHER_SCHEMES[parts.scheme], **NO_SERVER}
    if parts.scheme not in SMTP_SCHEMES:
        raise _malformed(url, "the scheme must be " + ", ".join(_schemes()))
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise _malformed(url, "it takes no path or query string")
    if not parts.hostname:
        raise _malformed(url, "it names no host")
    default_port, use_tls, use_ssl = SMTP_SCHEMES[parts.scheme]
    port = _port(parts, url) or default_port
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


def _port(parts, url):
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise _malformed(url, "the port must be a number from 1 to 65535")
    return port


def _schemes():
    return [f"{scheme}://" for scheme in (*SMTP_SCHEMES, *OTHER_SCHEMES)]


def _malformed(url, reason):
    """The message names the URL without its password, which would end up in logs."""
    shown = urlsplit(url.strip())
    if shown.password:
        shown = shown._replace(netloc=shown.netloc.replace(f":{shown.password}@", ":***@"))
    return ImproperlyConfigured(f"EMAIL_URL is malformed ({reason}): {shown.geturl()!r}.")
