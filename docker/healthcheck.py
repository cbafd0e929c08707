"""Container health check for the web service: GET /health/ as the reverse proxy would.

Production redirects plain-http requests to https and refuses unknown Host headers, so the
check sends X-Forwarded-Proto: https and a Host taken from ALLOWED_HOSTS. Standard library
only (the image has no curl). Exit status 0 when /health/ answers 200.
"""

import os
import sys
import urllib.request


def host() -> str:
    for item in os.environ.get("ALLOWED_HOSTS", "").split(","):
        item = item.strip().lstrip(".")
        if item and item != "*":
            return item
    return "localhost"


def main() -> int:
    request = urllib.request.Request(
        "http://127.0.0.1:8000/health/",
        headers={"Host": host(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except Exception as error:  # any failure is "unhealthy"; say why in the health log
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
