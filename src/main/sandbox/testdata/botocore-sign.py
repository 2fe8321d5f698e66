"""Signs requests with botocore, an independent SigV4 implementation, for the sandbox tests.

stdin: JSON list of {method, url, headers: [[name, value]], body (utf-8 text),
       accessKeyId, secretAccessKey, sessionToken?, region, service, presignExpires?}
stdout: JSON list of {canonicalRequest, url, headers: [[name, value]], body} exactly as signed; the caller
        sends them unchanged. Secrets only pass through stdin, never argv.
"""
import json
import sys

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def capturing(base):
    """Keeps the canonical request botocore signed, so tests can compare it with the sandbox's."""

    class Capturing(base):
        captured = ""

        def canonical_request(self, request):
            self.captured = super().canonical_request(request)
            return self.captured

    return Capturing


def sign(spec):
    credentials = Credentials(spec["accessKeyId"], spec["secretAccessKey"], spec.get("sessionToken"))
    body = spec.get("body", "").encode("utf-8")
    request = AWSRequest(method=spec["method"], url=spec["url"], headers=dict(spec.get("headers", [])), data=body)
    expires = spec.get("presignExpires")
    if expires is not None:
        auth = capturing(SigV4QueryAuth)(credentials, spec["service"], spec["region"], expires=expires)
    else:
        auth = capturing(SigV4Auth)(credentials, spec["service"], spec["region"])
    auth.add_auth(request)
    return {
        "canonicalRequest": auth.captured,
        "url": request.url,
        "headers": [[name, value] for name, value in request.headers.items()],
        "body": body.decode("utf-8"),
    }


json.dump([sign(spec) for spec in json.load(sys.stdin)], sys.stdout)
