"""Random, valid-looking secrets for every family of the secrets rule pack.

Each generator takes a ``random.Random`` and returns a ``Case``: the text a scanner sees and
the part of it that must be masked (the whole token, or for keyed forms such as
``AccountKey=...`` only the value). GitHub classic tokens and npm tokens carry a correct
CRC32/base62 checksum (``github_checksum_ok``).

Standard library only. ``python3 corpus/tools/secret_samples.py -n 3`` prints three samples
per family as JSON lines; ``--negatives`` prints the hard negatives instead.

The formats follow SECRETS_PACK.md; nothing here is a real credential.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import string
import zlib
from typing import Callable, NamedTuple

DIGITS = string.digits
HEX = "0123456789abcdef"
UPPER_ALNUM = string.ascii_uppercase + string.digits
ALNUM = string.ascii_letters + string.digits
#: base62 in the order GitHub and npm encode their checksums: digits, capitals, small letters.
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B64URL = ALNUM + "_-"
B64 = ALNUM + "+/"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


class Case(NamedTuple):
    """One sample: `text` as a scanner sees it, `secret` the span that must be masked."""

    family: str
    rule: str
    type: str
    text: str
    secret: str


def pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def base62(n: int, width: int = 6) -> str:
    """`n` in base62 (BASE62 order), left-padded with `0` to `width` characters."""
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = BASE62[r] + out
    return out.rjust(width, "0")


def checksummed(prefix: str, rng: random.Random, entropy: int = 30) -> str:
    """`prefix` + `entropy` base62 characters + base62(CRC32 of those characters), 6 wide."""
    body = pick(rng, ALNUM, entropy)
    return prefix + body + base62(zlib.crc32(body.encode()))


def github_checksum_ok(token: str) -> bool:
    """Whether a `gh?_`/`npm_` token's last 6 characters are base62(CRC32(payload)), where the
    payload is everything between the first `_` and those 6 characters."""
    head, sep, rest = token.partition("_")
    if not sep or len(rest) < 7 or not all(c in BASE62 for c in rest):
        return False
    return base62(zlib.crc32(rest[:-6].encode())) == rest[-6:]


def b64json(rng: random.Random, fields: dict) -> str:
    """Base64 (no padding) of a small JSON object, as JWT-like vendor tokens embed."""
    raw = json.dumps(fields, separators=(",", ":")).encode()
    return base64.b64encode(raw).decode().rstrip("=")


# --- generators: each returns (text, secret); the family table below names rule and type ---


def github_classic(rng):
    t = checksummed(rng.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]), rng)
    return t, t


def github_fine_grained(rng):
    t = "github_pat_" + "11" + pick(rng, UPPER_ALNUM, 20) + "_" + pick(rng, ALNUM, 59)
    return t, t


def gitlab(rng):
    kind = rng.randrange(8)
    if kind == 0:
        t = "glpat-" + pick(rng, B64URL, 20)
    elif kind == 1:  # routable: base64url payload, '.', 2-char version, 7-char base36 CRC
        t = "glpat-" + pick(rng, B64URL, rng.randint(27, 60)) + "." + "01" + pick(rng, DIGITS + "abcdefghijklmnopqrstuvwxyz", 7)
    elif kind == 2:
        t = "glrt-t" + rng.choice("123") + "_" + pick(rng, B64URL, 27) + ".01" + pick(rng, DIGITS + string.ascii_lowercase, 7)
    elif kind == 3:
        t = "glptt-" + pick(rng, HEX, 40)
    elif kind == 4:
        t = "GR1348941" + pick(rng, B64URL, 20)
    elif kind == 5:
        t = "glcbt-" + pick(rng, ALNUM, rng.randint(1, 5)) + "_" + pick(rng, B64URL, 20)
    else:
        p, n = rng.choice([("gldt-", 20), ("glrt-", 20), ("glft-", 20), ("glimt-", 25), ("glagent-", 50),
                           ("gloas-", 64), ("glsoat-", 20), ("glffct-", 20)])
        t = p + pick(rng, B64URL, n)
    return t, t


def stripe(rng):
    p = rng.choice(["sk_live_", "sk_test_", "rk_live_", "rk_test_"])
    t = p + (pick(rng, ALNUM, 24) if rng.random() < 0.3 else "51" + pick(rng, ALNUM, 97))
    return t, t


def slack(rng):
    team = pick(rng, DIGITS, rng.randint(10, 13))
    kind = rng.randrange(7)
    if kind == 0:
        t = f"xoxb-{team}-{pick(rng, DIGITS, rng.randint(10, 13))}-{pick(rng, ALNUM, 24)}"
    elif kind == 1:
        t = f"xoxp-{team}-{pick(rng, DIGITS, 13)}-{pick(rng, DIGITS, 13)}-{pick(rng, HEX, 32)}"
    elif kind == 2:
        t = f"xoxa-2-{team}-{pick(rng, DIGITS, 11)}-{pick(rng, DIGITS, 13)}-{pick(rng, HEX, 18)}"
    elif kind == 3:
        t = f"xox{rng.choice('sr')}-{team}-{pick(rng, DIGITS, 9)}-{pick(rng, DIGITS, 10)}-{pick(rng, HEX, 10)}"
    elif kind == 4:
        t = "xoxe.xox" + rng.choice("bp") + "-1-" + pick(rng, ALNUM, rng.randint(163, 166))
    elif kind == 5:
        t = "xoxe-1-" + pick(rng, ALNUM, 146)
    else:
        t = f"xapp-1-A{pick(rng, UPPER_ALNUM, 10)}-{pick(rng, DIGITS, 13)}-{pick(rng, HEX, 64)}"
    return t, t


def slack_webhook(rng):
    path = f"T{pick(rng, UPPER_ALNUM, rng.randint(8, 10))}/B{pick(rng, UPPER_ALNUM, rng.randint(8, 10))}/{pick(rng, ALNUM, 24)}"
    kind = rng.choice(["services", "services", "workflows", "triggers"])
    if kind != "services":
        path = f"T{pick(rng, UPPER_ALNUM, 10)}/A{pick(rng, UPPER_ALNUM, 10)}/{pick(rng, DIGITS, 18)}/{pick(rng, ALNUM, 24)}"
    return f"https://hooks.slack.com/{kind}/{path}", path


def discord_webhook(rng):
    path = pick(rng, "123456789", 1) + pick(rng, DIGITS, 18) + "/" + pick(rng, B64URL, 68)
    host = rng.choice(["discord.com", "discordapp.com"])
    return f"https://{host}/api/webhooks/{path}", path


def google(rng):
    kind = rng.randrange(3)
    if kind == 0:
        t = "AIza" + "Sy" + pick(rng, B64URL, 33)
    elif kind == 1:
        t = "GOCSPX-" + pick(rng, B64URL, 28)
    else:
        t = "ya29." + "a0" + pick(rng, B64URL, rng.randint(150, 250))
    return t, t


def openai(rng):
    kind = rng.randrange(3)
    if kind == 0:
        t = "sk-" + pick(rng, ALNUM, 20) + "T3BlbkFJ" + pick(rng, ALNUM, 20)
    else:
        n = rng.choice([58, 74])
        t = "sk-" + rng.choice(["proj", "svcacct", "admin"]) + "-" + pick(rng, B64URL, n) + "T3BlbkFJ" + pick(rng, B64URL, n)
    return t, t


def anthropic(rng):
    kind = rng.randrange(3)
    if kind == 0:
        t = "sk-ant-api03-" + pick(rng, B64URL, 93) + "AA"
    elif kind == 1:
        t = "sk-ant-admin01-" + pick(rng, B64URL, 93) + "AA"
    else:
        t = "sk-ant-" + rng.choice(["oat01", "ort01"]) + "-" + pick(rng, B64URL, 93) + "AA"
    return t, t


def huggingface(rng):
    t = rng.choice(["hf_", "api_org_"]) + pick(rng, string.ascii_letters, 34)
    return t, t


def perplexity(rng):
    t = "pplx-" + pick(rng, ALNUM, 48)
    return t, t


def aws_secret(rng):
    value = pick(rng, B64, 40)
    form = rng.randrange(4)
    if form == 0:
        text = f"aws_secret_access_key = {value}"
    elif form == 1:
        text = f"export AWS_SECRET_ACCESS_KEY={value}"
    elif form == 2:
        text = f'"SecretAccessKey": "{value}",'
    else:
        text = f"awsSecretAccessKey: '{value}'"
    return text, value


def azure_storage(rng):
    kind = rng.randrange(3)
    if kind == 0:
        key = pick(rng, B64, 86) + "=="
        return (f"DefaultEndpointsProtocol=https;AccountName=acct{pick(rng, DIGITS, 4)};AccountKey={key};"
                "EndpointSuffix=core.windows.net"), key
    if kind == 1:
        key = pick(rng, B64, 43) + "="
        return (f"Endpoint=sb://ns{pick(rng, DIGITS, 3)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
                f"SharedAccessKey={key}"), key
    raw = pick(rng, B64, 43) + "="
    sig = raw.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    return f"https://acct.blob.core.windows.net/c/file.txt?sv=2022-11-02&ss=b&srt=co&sp=r&se=2030-01-01&sig={sig}", sig


def azure_client_secret(rng):
    t = pick(rng, ALNUM + "_~.", 3) + rng.choice(DIGITS) + "Q~" + pick(rng, ALNUM + "_~.-", 34)
    return t, t


def hashicorp(rng):
    kind = rng.randrange(3)
    if kind == 0:
        t = "hvs." + "CAESI" + pick(rng, B64URL, 90)
    elif kind == 1:
        t = "hvb." + "AAAAAQ" + pick(rng, B64URL, rng.randint(140, 200))
    else:
        t = pick(rng, ALNUM, 14) + ".atlasv1." + pick(rng, ALNUM + "_=-", 67)
    return t, t


def digitalocean(rng):
    t = rng.choice(["dop_v1_", "doo_v1_", "dor_v1_"]) + pick(rng, HEX, 64)
    return t, t


def heroku(rng):
    if rng.random() < 0.5:
        t = "HRKU-AA" + pick(rng, B64URL, 58)
        return t, t
    u = f"{pick(rng, HEX, 8)}-{pick(rng, HEX, 4)}-{pick(rng, HEX, 4)}-{pick(rng, HEX, 4)}-{pick(rng, HEX, 12)}"
    return rng.choice([f"HEROKU_API_KEY={u}", f'"heroku_api_key": "{u}"', f"heroku.token = '{u}'"]), u


def flyio(rng):
    if rng.random() < 0.4:
        t = "fo1_" + pick(rng, B64URL, 43)
        return t, t
    t = rng.choice(["fm1a_", "fm1r_", "fm2_"]) + pick(rng, B64, rng.randint(100, 600)) + rng.choice(["", "=", "=="])
    return "FlyV1 " + t, t


def databricks(rng):
    t = "dapi" + pick(rng, HEX, 32) + rng.choice(["", "", "-2", "-3"])
    return t, t


def doppler(rng):
    kind = rng.choice(["pt", "st", "ct", "sa", "scim", "audit", "st-env"])
    if kind == "st-env":
        t = "dp.st." + rng.choice(["dev", "stg", "prd", "ci_cd"]) + "." + pick(rng, ALNUM, 43)
    else:
        t = f"dp.{kind}." + pick(rng, ALNUM, 43)
    return t, t


def pulumi(rng):
    t = "pul-" + pick(rng, HEX, 40)
    return t, t


def onepassword(rng):
    if rng.random() < 0.5:
        body = b64json(rng, {"signInAddress": "my.1password.com", "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256",
                             "iterations": 650000, "salt": pick(rng, B64URL, 22)}, "email": pick(rng, "abcdefghijklmnopqrstuvwxyz", 13)
                             + "@1passwordserviceaccounts.com", "srpX": pick(rng, HEX, 64), "muk": {"alg": "A256GCM",
                             "ext": True, "k": pick(rng, B64URL, 43), "key_ops": ["encrypt", "decrypt"], "kty": "oct", "kid": "mp"},
                             "secretKey": "A3-" + pick(rng, UPPER_ALNUM, 6), "throttleSecret": {"seed": pick(rng, HEX, 64),
                             "uuid": pick(rng, UPPER_ALNUM, 26)}, "deviceUuid": pick(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 26)})
        t = "ops_" + body
        return t, t
    g = lambda n: pick(rng, UPPER_ALNUM, n)  # noqa: E731
    mid = g(11) if rng.random() < 0.5 else g(6) + "-" + g(5)
    t = f"A3-{g(6)}-{mid}-{g(5)}-{g(5)}-{g(5)}"
    return t, t


def atlassian(rng):
    t = "ATATT3" + "xFfGF0" + pick(rng, B64URL, 171) + "=" + pick(rng, "0123456789ABCDEF", 8)
    return t, t


def linear(rng):
    t = "lin_api_" + pick(rng, ALNUM, 40)
    return t, t


def postman(rng):
    t = "PMAK-" + pick(rng, HEX, 24) + "-" + pick(rng, HEX, 34)
    return t, t


def shopify(rng):
    t = rng.choice(["shpat_", "shpss_", "shpca_", "shppa_"]) + pick(rng, HEX, 32)
    return t, t


def square(rng):
    kind = rng.randrange(3)
    if kind == 0:
        t = "EAAA" + pick(rng, B64URL, 60)
    elif kind == 1:
        t = "sq0atp-" + pick(rng, B64URL, 22)
    else:
        t = "sq0csp-" + pick(rng, B64URL, 43)
    return t, t


def notion(rng):
    t = "ntn_" + pick(rng, DIGITS, 11) + pick(rng, ALNUM, 35)
    return t, t


def grafana(rng):
    if rng.random() < 0.5:
        t = "glsa_" + pick(rng, ALNUM, 32) + "_" + pick(rng, HEX, 8)
        return t, t
    body = b64json(rng, {"o": pick(rng, DIGITS, 6), "n": "stack-" + pick(rng, DIGITS, 6) + "-hm-read",
                         "k": pick(rng, ALNUM, 24), "m": {"r": "prod-us-east-0"}})
    t = "glc_" + body + rng.choice(["", "=", "=="])
    return t, t


def newrelic(rng):
    t = rng.choice(["NRAK-" + pick(rng, UPPER_ALNUM, 27), "NRII-" + pick(rng, ALNUM + "-", 31) + rng.choice(ALNUM)])
    return t, t


def sentry(rng):
    if rng.random() < 0.5:
        t = "sntryu_" + pick(rng, HEX, 64)
        return t, t
    body = b64json(rng, {"iat": rng.randint(1_600_000_000, 1_900_000_000) + rng.random(), "url": "https://sentry.io",
                         "region_url": "https://us.sentry.io", "org": pick(rng, "abcdefghijklmnopqrstuvwxyz", rng.randint(4, 12))})
    t = "sntrys_" + body + "_" + pick(rng, B64, 43)
    return t, t


def dynatrace(rng):
    t = "dt0c01." + pick(rng, UPPER_ALNUM, 24) + "." + pick(rng, UPPER_ALNUM, 64)
    return t, t


def twilio(rng):
    t = rng.choice(["AC", "SK"]) + pick(rng, HEX, 32)
    return t, t


def sendgrid(rng):
    t = "SG." + pick(rng, B64URL, 22) + "." + pick(rng, B64URL, 43)
    return t, t


def brevo(rng):
    t = rng.choice(["xkeysib-", "xsmtpsib-"]) + pick(rng, HEX, 64) + "-" + pick(rng, ALNUM, 16)
    return t, t


def mailgun(rng):
    value = pick(rng, HEX, 32)
    return rng.choice([f"curl -s --user 'api:key-{value}'", f"MAILGUN_API_KEY=key-{value}", f"key-{value}"]), value


def mailchimp(rng):
    t = pick(rng, HEX, 32) + "-us" + str(rng.randint(1, 21))
    return t, t


def telegram(rng):
    t = pick(rng, "123456789", 1) + pick(rng, DIGITS, rng.randint(7, 9)) + ":AA" + pick(rng, B64URL, 33)
    return rng.choice([t, f"https://api.telegram.org/bot{t}/getMe", f"TELEGRAM_BOT_TOKEN={t}"]), t


def discord_bot(rng):
    uid = str(rng.randint(10 ** 17, 10 ** 19 - 1)).encode()
    t = base64.b64encode(uid).decode().rstrip("=") + "." + pick(rng, B64URL, 6) + "." + pick(rng, B64URL, 38)
    return rng.choice([f"DISCORD_TOKEN={t}", f'"discord_bot_token": "{t}"', f"discord.token: {t}"]), t


def npm(rng):
    t = checksummed("npm_", rng)
    return t, t


def pypi(rng):
    t = "pypi-AgEIcHlwaS5vcmc" + pick(rng, B64URL, rng.randint(50, 200))
    return t, t


def rubygems(rng):
    t = "rubygems_" + pick(rng, HEX, 48)
    return t, t


def age(rng):
    t = "AGE-SECRET-KEY-1" + pick(rng, BECH32.upper(), 58)
    return t, t


#: (family, rule, finding type, generator), in the order of SECRETS_PACK.md.
FAMILIES: list[tuple[str, str, str, Callable[[random.Random], tuple[str, str]]]] = [
    ("github_classic", "github_token", "API_TOKEN", github_classic),
    ("github_fine_grained", "github_token", "API_TOKEN", github_fine_grained),
    ("gitlab", "gitlab_token", "API_TOKEN", gitlab),
    ("slack", "slack_token", "API_TOKEN", slack),
    ("slack_webhook", "webhook_url", "API_TOKEN", slack_webhook),
    ("discord_webhook", "webhook_url", "API_TOKEN", discord_webhook),
    ("stripe", "stripe_key", "API_TOKEN", stripe),
    ("google", "google_api_key", "API_TOKEN", google),
    ("openai", "openai_key", "API_TOKEN", openai),
    ("anthropic", "anthropic_key", "API_TOKEN", anthropic),
    ("huggingface", "ai_token", "API_TOKEN", huggingface),
    ("perplexity", "ai_token", "API_TOKEN", perplexity),
    ("aws_secret", "aws_secret_key", "AWS_SECRET_KEY", aws_secret),
    ("azure_storage", "azure_key", "API_TOKEN", azure_storage),
    ("azure_client_secret", "azure_key", "API_TOKEN", azure_client_secret),
    ("hashicorp", "hashicorp_token", "API_TOKEN", hashicorp),
    ("digitalocean", "cloud_token", "API_TOKEN", digitalocean),
    ("heroku", "cloud_token", "API_TOKEN", heroku),
    ("flyio", "cloud_token", "API_TOKEN", flyio),
    ("databricks", "cloud_token", "API_TOKEN", databricks),
    ("doppler", "cloud_token", "API_TOKEN", doppler),
    ("pulumi", "cloud_token", "API_TOKEN", pulumi),
    ("onepassword", "cloud_token", "API_TOKEN", onepassword),
    ("atlassian", "saas_token", "API_TOKEN", atlassian),
    ("linear", "saas_token", "API_TOKEN", linear),
    ("postman", "saas_token", "API_TOKEN", postman),
    ("shopify", "saas_token", "API_TOKEN", shopify),
    ("square", "saas_token", "API_TOKEN", square),
    ("notion", "saas_token", "API_TOKEN", notion),
    ("grafana", "monitoring_token", "API_TOKEN", grafana),
    ("newrelic", "monitoring_token", "API_TOKEN", newrelic),
    ("sentry", "monitoring_token", "API_TOKEN", sentry),
    ("dynatrace", "monitoring_token", "API_TOKEN", dynatrace),
    ("twilio", "messaging_token", "API_TOKEN", twilio),
    ("sendgrid", "messaging_token", "API_TOKEN", sendgrid),
    ("brevo", "messaging_token", "API_TOKEN", brevo),
    ("mailgun", "messaging_token", "API_TOKEN", mailgun),
    ("mailchimp", "messaging_token", "API_TOKEN", mailchimp),
    ("telegram", "messaging_token", "API_TOKEN", telegram),
    ("discord_bot", "messaging_token", "API_TOKEN", discord_bot),
    ("npm", "package_token", "API_TOKEN", npm),
    ("pypi", "package_token", "API_TOKEN", pypi),
    ("rubygems", "package_token", "API_TOKEN", rubygems),
    ("age", "age_secret_key", "PRIVATE_KEY", age),
]


def cases(rng: random.Random, per_family: int = 1) -> list[Case]:
    """`per_family` samples of every family."""
    out = []
    for family, rule, type_, gen in FAMILIES:
        for _ in range(per_family):
            text, secret = gen(rng)
            assert secret in text, family
            out.append(Case(family, rule, type_, text, secret))
    return out


def all_samples(rng: random.Random) -> list[tuple[str, str]]:
    """One (finding type, token text) pair per family."""
    return [(c.type, c.text) for c in cases(rng)]


#: Strings that look close to a secret but must match no rule of the pack: (why, text).
HARD_NEGATIVES: list[tuple[str, str]] = [
    ("sk_test in prose", "Use an sk_test key while developing, never sk_live."),
    ("sk_test_ with a short placeholder", "STRIPE_KEY=sk_test_example"),
    ("task_test_ is no Stripe key", 'nonMatchingToken := "task_test_rdg04rnlqka47mq7bqtpczo81gy3x1"'),
    ("publishable Stripe key is public", "pk_live_51H8sZ2KZbXkqJXyPQwERTYuiopASDFghjk"),
    ("publishable Stripe test key", "pk_test_TYooMQauvdEDq54NiTphI7jx"),
    ("ghp_ with too few chars", "ghp_abc123"),
    ("ghp_ with 35 chars", "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3f"),
    # A 37-character `ghp_` token fails the checksum but looks random: masked by decision
    # (fail closed: SecretRules), so it is not a negative.
    ("ghp_ inside a word", "xghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG"),
    ("github_pat_ placeholder too short", "github_pat_XXXXXXXX"),
    ("AKIA inside a word", "TAKIAIOSFODNN7EXAMPLE1"),
    ("ASIA in capitals prose", "TODAYINASIAASACKOFRICEFELLOVER"),
    ("glpat- too short", "glpat-1234567890"),
    ("GitLab runner prefix alone", "GR1348941"),
    ("Slack placeholder", "xoxb-your-bot-token-here"),
    ("Slack digits only", "xoxp-1234567890"),
    ("Slack short groups", "xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d"),
    ("xoxo in a file name", "https://indieweb.org/images/3/35/2018-250-xoxo-indieweb-1.jpg"),
    ("xoxa in a repository name", "https://github.com/xoxa-nyc/xoxa-nyc.github.io/blob/master/README.md"),
    ("Slack webhook path too short", "https://hooks.slack.com/services/T000/B000/XXXX"),
    ("AIza too short", "apiKey: AIzaSyA1234"),
    ("AIza too long", "AIzaTesb6Tscfcni8vIpWZqNCXFDFslJtVSvFDqabcd123"),
    ("OpenAI-like without the marker", "sk-proj-settings-for-the-main-deployment-environment-and-more"),
    ("sk- short", "sk-1234567890abcdef"),
    ("Anthropic key too short", "sk-ant-api03-abc123xyz-456de-klMnopqrstuvwx-3456yza789bcde-1234fghijklmnopAA"),
    ("Anthropic key with the wrong tail",
     "sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzBB"),
    ("hf_ identifier", "hf_hub_download(repo_id, filename)"),
    ("hf_ inside an identifier", "_kHMSymptomhf_generatedByHomeAppForDebuggingPurposesKey,"),
    ("dapi with 31 hex", "dapi" + "0123456789abcdef0123456789abcde"),
    ("dapi with a non-hex tail", "DATABRICKS_TOKEN=dapi123456789012345678a9bc01234defg5"),
    ("monkey- is no Mailgun key", "monkey-0123456789abcdef0123456789abcdef"),
    ("SG. Java-ish name", "SG.com.example.app"),
    ("AccountKey placeholder", "AccountKey=<your-account-key>;"),
    ("SAS sig too short", "https://example.com/file?sig=abc"),
    ("TASK + hex is no Twilio SID", "TASK0123456789abcdef0123456789abcdef"),
    ("Twilio-like with 31 hex", "SK" + "0123456789abcdef0123456789abcde"),
    ("bare UUID (Heroku needs its key)", "request id c16d7b16-2f88-3040-1291-34c48224af79"),
    ("pul- inside a word", '<img src="./assets/vipul-f0eb1acf0da84c06a50c5b2c59932001997786b176dec02bd16128ee9ea83628.png">'),
    ("dop_v1_ with 63 hex", "dop_v1_" + "0123456789abcdef" * 3 + "0123456789abcde"),
    ("AGE key too short", "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQ"),
    ("AGE key in lower case", "age-secret-key-1" + "q" * 58),
    ("NRAK- too short", "NRAK-ABC123"),
    ("ATATT3 too short", "ATATT3xFfGF0abcdef"),
    ("Telegram docs-style 4-digit id", "8739:Aj20qjwpx_jkm4ca5fqwizoqa88zeg8sjj8"),
    ("Telegram-like inside an XML type", '<xsd:element type="clm38134:AgencyIdentificationCodeContentType"/>'),
    ("Telegram id too long", "00414542842086567:Apbb3z6bze1of4qczrm4sfbwu4n75a0clbv"),
    ("sentry user token 63 hex", "sntryu_0a9083e193004d23f00ade876c250b9724905bc4516d06b789fb7d7f2e25c53"),
    ("glc_ in C code", "void GLC_StateBeginUnderwaterAliasModelCaustics(texture_ref base_texture)"),
    ("Azure-like CloudFront signature", "CloudFront-Signature: Ixn4bF1LLrLcB8XG-t5bZbIB0vfwSF2s4gkef~PcNBdx73MVvZD3v8DZ5GzcqNrybMi"),
    ("Azure-like tilde run", "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"),
    ("sha256 digest with eaaa", "aws-cli@sha256:eaaa7b11777babe28e6133a8b19ff71cea687e0d7f05158dee95a71f76ce3d00"),
    ("fo1_ after a capital", 'value="7SWa-Fo1_hsC6oovfBsJFLGPUl2EhkSWPbJhWANwgaJWBDl1vxd9VNqXTNAefsJqzIRYaZEfYZLffa31rw8zJA"'),
    ("Doppler prefix alone", "see dp.pt. docs"),
    ("PyPI prefix with a short body", "pypi-AgEIcHlwaS5vcmcshort"),
    ("aws secret key name without a value", "aws_secret_access_key = <redacted>"),
    ("hvs. short", "hvs.short"),
    ("ops_ short", "ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6..."),
    ("A3- secret key placeholder in lower case", "A3-xXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=3, help="samples per family")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--negatives", action="store_true", help="print the hard negatives instead")
    args = ap.parse_args()
    if args.negatives:
        for why, text in HARD_NEGATIVES:
            print(json.dumps({"why": why, "text": text}))
        return
    rng = random.Random(args.seed)
    for c in cases(rng, args.n):
        print(json.dumps(c._asdict()))


if __name__ == "__main__":
    main()
