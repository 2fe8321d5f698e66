"""Signs requests with botocore's SigV4Auth, an independent signer, for Signet's differential test.

Reads one JSON object per line on stdin:
  {"id", "method", "url" (no query), "params": [[k, v], ...] (decoded), "headers": [[k, v], ...],
   "body": base64, "region", "service", "akid", "secret", "token" (or null), "date": "YYYYmmddTHHMMSSZ",
   optional "presign_expires" (seconds: sign in the query string), "unsigned_payload" (S3: UNSIGNED-PAYLOAD)}
and prints one JSON line per request: {"id", "authorization", "url"}. Service "s3" signs with
botocore's S3 signers (path as sent, x-amz-content-sha256, presigned URLs sign UNSIGNED-PAYLOAD).
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
    if spec.get("unsigned_payload"):
        request.context["client_config"] = types.SimpleNamespace(s3={"payload_signing_enabled": False})
    credentials = Credentials(spec["akid"], spec["secret"], spec["token"])
    s3 = spec["service"] == "s3"
    expires = spec.get("presign_expires")
    if expires is not None:
        signer = botocore.auth.S3SigV4QueryAuth if s3 else botocore.auth.SigV4QueryAuth
        signer(credentials, spec["service"], spec["region"], expires=expires).add_auth(request)
    else:
        signer = botocore.auth.S3SigV4Auth if s3 else botocore.auth.SigV4Auth
        signer(credentials, spec["service"], spec["region"]).add_auth(request)
    return request.headers.get("Authorization", ""), request.url


for line in sys.stdin:
    if line.strip():
        spec = json.loads(line)
        authorization, url = sign(spec)
        print(json.dumps({"id": spec["id"], "authorization": authorization, "url": url}), flush=False)
sys.stdout.flush()
