"""Signs requests with botocore's SigV4Auth, an independent signer, for Signet's differential test.

Reads one JSON object per line on stdin:
  {"id", "method", "url" (no query), "params": [[k, v], ...] (decoded), "headers": [[k, v], ...],
   "body": base64, "region", "service", "akid", "secret", "token" (or null), "date": "YYYYmmddTHHMMSSZ"}
and prints one JSON line per request: {"id", "authorization"}.
"""
import base64
import datetime
import json
import sys
import types

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

_now = {"value": datetime.datetime(2015, 8, 30, 12, 36, 0)}


class _FixedDateTime(datetime.datetime):
    """add_auth reads the clock with datetime.datetime.utcnow(); this pins it per request."""

    @classmethod
    def utcnow(cls):
        return _now["value"]


botocore.auth.datetime = types.SimpleNamespace(datetime=_FixedDateTime)
# Newer botocore reads the clock through this helper instead.
if hasattr(botocore.auth, "get_current_datetime"):
    botocore.auth.get_current_datetime = lambda *args, **kwargs: _now["value"]


def sign(spec):
    _now["value"] = datetime.datetime.strptime(spec["date"], "%Y%m%dT%H%M%SZ")
    request = AWSRequest(
        method=spec["method"],
        url=spec["url"],
        data=base64.b64decode(spec["body"]),
        params=[tuple(pair) for pair in spec["params"]],
    )
    # Assigning to HTTPHeaders appends, so repeated names stay repeated (botocore joins them).
    for name, value in spec["headers"]:
        request.headers[name] = value
    credentials = Credentials(spec["akid"], spec["secret"], spec["token"])
    botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
    return request.headers["Authorization"]


for line in sys.stdin:
    if line.strip():
        spec = json.loads(line)
        print(json.dumps({"id": spec["id"], "authorization": sign(spec)}), flush=False)
sys.stdout.flush()
