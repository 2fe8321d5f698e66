"""botocore as an independent SSO client, for sso interop tests.

Argument: JSON {profile, oidcEndpoint, portalEndpoint, stsEndpoint}. HOME and AWS_CONFIG_FILE come from
the environment. Loads the profile's SSO token with botocore's own SSOTokenProvider (which
refreshes it, and rewrites the cache file, when it is within 15 minutes of expiry), then gets
role credentials with botocore's SSOCredentialFetcher and asks STS whose they are.
Prints one JSON line.
"""
import json
import sys

from botocore.credentials import SSOCredentialFetcher
from botocore.session import Session
from botocore.tokens import SSOTokenProvider

args = json.loads(sys.argv[1])
session = Session(profile=args["profile"])
create_client = session.create_client


def local_client(service_name, *rest, **kwargs):
    """botocore 1.29 has no configured endpoints: point the SSO clients at the sandbox here."""
    if service_name == "sso-oidc":
        kwargs["endpoint_url"] = args["oidcEndpoint"]
    elif service_name == "sso":
        kwargs["endpoint_url"] = args["portalEndpoint"]
    return create_client(service_name, *rest, **kwargs)


session.create_client = local_client
profile = session.full_config["profiles"][args["profile"]]
sso_session = session.full_config["sso_sessions"][profile["sso_session"]]

provider = SSOTokenProvider(session)
token = provider.load_token().get_frozen_token()
fetcher = SSOCredentialFetcher(
    sso_session["sso_start_url"],
    sso_session["sso_region"],
    profile["sso_role_name"],
    profile["sso_account_id"],
    local_client,
    token_provider=provider,
    cache={},
    sso_session_name=profile["sso_session"],
)
credentials = fetcher.fetch_credentials()
# The role credentials must work: ask the sandbox's STS who they belong to.
sts = create_client(
    "sts",
    region_name=sso_session["sso_region"],
    endpoint_url=args["stsEndpoint"],
    aws_access_key_id=credentials["access_key"],
    aws_secret_access_key=credentials["secret_key"],
    aws_session_token=credentials["token"],
)
caller = sts.get_caller_identity()
print(
    json.dumps(
        {
            "tokenExpiration": token.expiration.isoformat() if token.expiration else None,
            "accessKeyId": credentials["access_key"],
            "hasSecret": bool(credentials["secret_key"]),
            "hasToken": bool(credentials["token"]),
            "expiryTime": credentials["expiry_time"],
            "callerArn": caller["Arn"],
        }
    )
)
