"""Checks the secrets rule pack (SECRETS_PACK.md) with real PCRE2, as the engine runs it.

For every rule: the pattern compiles and JIT-compiles in byte mode (no options, as
PCRE2Code does), its lookbehind is at most 8 characters, it is bounded (the longest match,
derived from the pattern, is finite: that is the rule's maxLength), every generated sample of its
families (secret_samples.py) is found with exactly the expected span masked (the `mask` group
when it matched, else the whole match) and starts at a stated anchor, and no hard negative
matches any rule. A validated rule runs as the engine runs it: `(?:pattern)(?C1)`, the
validator deciding inside a PCRE2 callout on the match so far.

With --gitleaks-cases, each rule is also run on gitleaks' own true/false positive examples
(the `tps`/`fps` of cmd/generate/config/rules/*.go), extracted by --build-gitleaks-cases.

    python3 corpus/tools/check_secret_patterns.py                  # pack checks
    python3 corpus/tools/check_secret_patterns.py --markdown       # the rule table
    python3 corpus/tools/check_secret_patterns.py --check-swift    # the engine holds these patterns
    python3 corpus/tools/check_secret_patterns.py --build-gitleaks-cases /tmp/gl.jsonl \\
        --gitleaks-repo /path/to/gitleaks.git --reggen-repo /path/to/reggen.git   # needs go
    python3 corpus/tools/check_secret_patterns.py --gitleaks-cases /tmp/gl.jsonl
    python3 corpus/tools/check_secret_patterns.py --swift-main /tmp/main.swift && \\
        swiftc -O /tmp/main.swift Sources/ScanCore/Validators/TokenChecksum.swift -o /tmp/tc && /tmp/tc

Standard library only; needs libpcre2-8 (libpcre2-8-0). Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import zlib
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secret_samples as S  # noqa: E402

# --- the pack ---------------------------------------------------------------------------

#: The separator between a key name and its value in keyed forms: the rest of the key
#: (`_API_KEY`, `Token`, ` string` of a Go declaration), an optional closing quote (maybe escaped, for JSON inside a JSON
#: string), an operator (`=`, `:`, `=>`, `:=`, `::=`, `.=`, `?=`, `,`, `>` of an XML tag) and
#: an optional opening quote. Bounded: at most 24 + 2 + 4 + 3 + 8 + 2 bytes.
KEYSEP = r"""[A-Za-z0-9_. \t-]{0,24}\\?["'\x60]?[ \t]{0,4}(?:=>|:{1,3}=|[.?]?=|[:,>])[ \t\r\n]{0,8}\\?["'\x60]?"""
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
DISCORD_BOT = r"[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}"

#: Each rule: name, finding type, anchors (literal, how far after the match start it may
#: sit, whether it is matched case-insensitively), the pattern, the validator (or None).
#: "token" is TokenChecksum.accepts: the CRC32/base62 check for gh?_ and npm_ tokens,
#: otherwise a placeholder check (at least 4 distinct bytes among the last 16).
RULES: list[dict] = [
    dict(name="github_token", type="API_TOKEN", validator="token",
         anchors=[("ghp_", 0), ("gho_", 0), ("ghu_", 0), ("ghs_", 0), ("ghr_", 0), ("github_pat_", 0)],
         pattern=r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82,244})(?![A-Za-z0-9_])"),
    dict(name="gitlab_token", type="API_TOKEN", validator="token",
         anchors=[(p, 0) for p in ["glpat-", "gldt-", "glrt-", "glft-", "glimt-", "glsoat-", "glffct-", "glagent-",
                                    "gloas-", "glptt-", "glcbt-", "GR1348941"]],
         pattern=r"(?<![A-Za-z0-9_-])(?:gl(?:pat|dt|rt|ft|imt|soat|ffct|agent|oas)-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{9})?"
                 r"|glptt-[0-9a-f]{40}|glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20,64}|GR1348941[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"),
    dict(name="slack_token", type="API_TOKEN", validator="token",
         anchors=[(p, 0) for p in ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xoxe.", "xapp-"]],
         pattern=r"(?<![A-Za-z0-9_-])(?:xox[abeoprs]-(?:[0-9]{1,2}-)?[0-9]{6,14}(?:-[0-9]{6,14}){0,3}-[A-Za-z0-9]{8,64}"
                 r"|xox[ar]-(?:[0-9]-)?[A-Za-z0-9]{8,48}|xoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,170}"
                 r"|xapp-[0-9]-[A-Za-z0-9]{8,14}-[0-9]{8,16}-[A-Za-z0-9]{16,128})(?![A-Za-z0-9_-])"),
    dict(name="webhook_url", type="API_TOKEN", validator="token",
         anchors=[("hooks.slack.com/", 0), ("discord.com/api/", 0), ("discordapp.com/api/", 0)],
         pattern=r"(?<![A-Za-z0-9.-])(?:hooks\.slack\.com/(?:services|workflows|triggers)/|discord(?:app)?\.com/api/(?:v[0-9]{1,2}/)?webhooks/)"
                 r"(?<mask>[A-Za-z0-9_+/-]{40,200})(?![A-Za-z0-9_+/-])"),
    dict(name="stripe_key", type="API_TOKEN", validator="token",
         anchors=[(p, 0) for p in ["sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"]],
         pattern=r"(?<![A-Za-z0-9_])[rs]k_(?:live|test|prod)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])"),
    dict(name="google_api_key", type="API_TOKEN", validator="token",
         anchors=[("AIza", 0), ("GOCSPX-", 0), ("ya29.", 0)],
         pattern=r"(?<![A-Za-z0-9_-])(?:AIza[A-Za-z0-9_-]{35}|GOCSPX-[A-Za-z0-9_-]{28}|ya29\.[A-Za-z0-9_-]{30,2048})(?![A-Za-z0-9_-])"),
    dict(name="openai_key", type="API_TOKEN", validator="token",
         anchors=[("sk-", 0)],
         pattern=r"(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])"),
    dict(name="anthropic_key", type="API_TOKEN", validator="token",
         anchors=[("sk-ant-", 0)],
         pattern=r"(?<![A-Za-z0-9_-])sk-ant-(?:(?:api03|admin01)-[A-Za-z0-9_-]{93}AA|(?:oat|ort|sid)01-[A-Za-z0-9_-]{40,200})(?![A-Za-z0-9_-])"),
    dict(name="ai_token", type="API_TOKEN", validator="token",
         anchors=[("hf_", 0), ("api_org_", 0), ("pplx-", 0)],
         pattern=r"(?<![A-Za-z0-9_-])(?:hf_[A-Za-z]{34}|api_org_[A-Za-z]{34}|pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])"),
    dict(name="aws_secret_key", type="AWS_SECRET_KEY", validator="token",
         anchors=[("aws", 0, True), ("secret", 0, True)],
         pattern=r"(?<![A-Za-z0-9])(?i:aws_?secret_?(?:access_?)?key|secret_?access_?key)" + KEYSEP
                 + r"(?<mask>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
    dict(name="azure_key", type="API_TOKEN", validator="token",
         anchors=[("AccountKey=", 0), ("SharedAccessKey=", 0), ("sig=", 0), ("Q~", 4)],
         pattern=r"(?:(?<![A-Za-z0-9])(?:AccountKey|SharedAccessKey)=|(?<=[?&])sig=)(?<mask>[A-Za-z0-9%+/]{40,128}(?:=|%3[Dd]){0,2})(?![A-Za-z0-9%+/=])"
                 r"|(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"),
    dict(name="hashicorp_token", type="API_TOKEN", validator="token",
         anchors=[("hvs.", 0), ("hvb.", 0), (".atlasv1.", 14)],
         pattern=r"(?<![A-Za-z0-9_-])(?:hv[sb]\.[A-Za-z0-9_-]{24,400}|[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])"),
    dict(name="cloud_token", type="API_TOKEN", validator="token",
         anchors=[(p, 0) for p in ["dop_v1_", "doo_v1_", "dor_v1_", "HRKU-AA", "fo1_", "fm1a_", "fm1r_", "fm2_", "dapi", "dp.",
                                    "pul-", "ops_eyJ", "A3-"]] + [("heroku", 0, True)],
         pattern=r"(?:(?<![A-Za-z0-9_-])(?:do[opr]_v1_[a-f0-9]{64}|HRKU-AA[A-Za-z0-9_-]{58}|fo1_[A-Za-z0-9_-]{43}"
                 r"|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,2000}={0,3}|dapi[a-f0-9]{32}(?:-[0-9])?"
                 r"|dp\.(?:pt|st|ct|sa|scim|audit)\.(?:[a-z0-9_-]{1,32}\.)?[A-Za-z0-9]{40,44}|pul-[a-f0-9]{40}"
                 r"|ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}"
                 r"|A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})"
                 r"|(?<![A-Za-z0-9])(?i:heroku)" + KEYSEP + r"(?<mask>" + UUID + r"))(?![A-Za-z0-9_-])"),
    dict(name="saas_token", type="API_TOKEN", validator="token",
         anchors=[(p, 0) for p in ["ATATT3", "lin_api_", "PMAK-", "shpat_", "shpss_", "shpca_", "shppa_", "EAAA", "sq0atp-",
                                    "sq0csp-", "ntn_"]],
         pattern=r"(?<![A-Za-z0-9_-])(?:ATATT3[A-Za-z0-9_=-]{186}|lin_api_[A-Za-z0-9]{40}|PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}"
                 r"|shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}|(?:EAAA|sq0atp-)[A-Za-z0-9_-]{22,60}|sq0csp-[A-Za-z0-9_-]{43}"
                 r"|ntn_[0-9]{11}[A-Za-z0-9]{35})(?![A-Za-z0-9_=+/-])"),
    dict(name="monitoring_token", type="API_TOKEN", validator="token",
         anchors=[(p, 0) for p in ["glc_", "glsa_", "NRAK-", "NRII-", "sntrys_eyJ", "sntryu_", "dt0c01."]],
         pattern=r"(?<![A-Za-z0-9_-])(?:glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|NRAK-[A-Za-z0-9]{27}"
                 r"|NRII-[A-Za-z0-9-]{32}|sntrys_eyJ[A-Za-z0-9+/]{40,600}={0,2}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64}"
                 r"|dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64})(?![A-Za-z0-9_+/=-])"),
    dict(name="messaging_token", type="API_TOKEN", validator="token",
         anchors=[("AC", 0), ("SK", 0), ("SG.", 0), ("xkeysib-", 0), ("xsmtpsib-", 0), ("key-", 0), ("-us", 32), (":A", 16),
                  ("discord", 0, True)],
         pattern=r"(?|(?<![A-Za-z0-9_-])(?:(?:AC|SK)[0-9a-f]{32}|SG\.[A-Za-z0-9_.=-]{66}|x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}"
                 r"|[0-9a-f]{32}-us[0-9]{1,2})"
                 r"|(?<![A-Za-z0-9_-])key-(?<mask>[0-9a-f]{32})"
                 r"|(?:(?<=bot)|(?<![A-Za-z0-9_:-]))[0-9]{5,16}:A[A-Za-z0-9_-]{34}"
                 r"|(?<![A-Za-z0-9])(?i:discord)" + KEYSEP + r"(?<mask>" + DISCORD_BOT + r"))(?![A-Za-z0-9_-])"),
    dict(name="package_token", type="API_TOKEN", validator="token",
         anchors=[("npm_", 0), ("pypi-AgEIcHlwaS5vcmc", 0), ("rubygems_", 0)],
         pattern=r"(?<![A-Za-z0-9_-])(?:npm_[A-Za-z0-9]{36}|pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}|rubygems_[a-f0-9]{48})(?![A-Za-z0-9_-])"),
    dict(name="age_secret_key", type="PRIVATE_KEY", validator="token",
         anchors=[("AGE-SECRET-KEY-1", 0)],
         pattern=r"(?<![A-Za-z0-9_-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9_-])"),
]

#: Rules already in BuiltinRules.swift that gitleaks also covers (compared, not changed).
EXISTING: list[dict] = [
    dict(name="aws_access_key", type="AWS_ACCESS_KEY", validator=None, anchors=[("AKIA", 0), ("ASIA", 0), ("ABIA", 0), ("ACCA", 0), ("A3T", 0)],
         pattern=r"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])"),
    dict(name="private_key", type="PRIVATE_KEY", validator=None, anchors=[("BEGIN", 5)], stated=8192,
         pattern=r"-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY( BLOCK|)-----[\s\S]{1,8100}?-----END \1PRIVATE KEY\2-----"),
    dict(name="jwt", type="JWT", validator=None, anchors=[("eyJ", 0)],
         pattern=r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,2000}\.eyJ[A-Za-z0-9_-]{5,4000}\.[A-Za-z0-9_-]{0,1000}(?![A-Za-z0-9_-])"),
]

#: gitleaks rule id -> the rule here that covers it (None: not shipped, see SECRETS_PACK.md).
GITLEAKS_MAP = {
    "github-pat": "github_token", "github-oauth": "github_token", "github-app-token": "github_token",
    "github-refresh-token": "github_token", "github-fine-grained-pat": "github_token",
    "gitlab-pat": "gitlab_token", "gitlab-pat-routable": "gitlab_token", "gitlab-deploy-token": "gitlab_token",
    "gitlab-runner-authentication-token": "gitlab_token", "gitlab-runner-authentication-token-routable": "gitlab_token",
    "gitlab-ptt": "gitlab_token", "gitlab-rrt": "gitlab_token", "gitlab-cicd-job-token": "gitlab_token",
    "gitlab-feature-flag-client-token": "gitlab_token", "gitlab-feed-token": "gitlab_token",
    "gitlab-incoming-mail-token": "gitlab_token", "gitlab-kubernetes-agent-token": "gitlab_token",
    "gitlab-oauth-app-secret": "gitlab_token", "gitlab-scim-token": "gitlab_token",
    "stripe-access-token": "stripe_key",
    "slack-bot-token": "slack_token", "slack-user-token": "slack_token", "slack-app-token": "slack_token",
    "slack-config-access-token": "slack_token", "slack-config-refresh-token": "slack_token",
    "slack-legacy-bot-token": "slack_token", "slack-legacy-workspace-token": "slack_token", "slack-legacy-token": "slack_token",
    "slack-webhook-url": "webhook_url",
    "gcp-api-key": "google_api_key",
    "openai-api-key": "openai_key",
    "anthropic-api-key": "anthropic_key", "anthropic-admin-api-key": "anthropic_key",
    "huggingface-access-token": "ai_token", "huggingface-organization-api-token": "ai_token", "perplexity-api-key": "ai_token",
    "azure-ad-client-secret": "azure_key",
    "vault-service-token": "hashicorp_token", "vault-batch-token": "hashicorp_token", "hashicorp-tf-api-token": "hashicorp_token",
    "digitalocean-pat": "cloud_token", "digitalocean-access-token": "cloud_token", "digitalocean-refresh-token": "cloud_token",
    "heroku-api-key": "cloud_token", "heroku-api-key-v2": "cloud_token", "flyio-access-token": "cloud_token",
    "databricks-api-token": "cloud_token", "doppler-api-token": "cloud_token", "pulumi-api-token": "cloud_token",
    "1password-secret-key": "cloud_token", "1password-service-account-token": "cloud_token",
    "atlassian-api-token": "saas_token", "linear-api-key": "saas_token", "postman-api-token": "saas_token",
    "shopify-access-token": "saas_token", "shopify-custom-access-token": "saas_token",
    "shopify-private-app-access-token": "saas_token", "shopify-shared-secret": "saas_token",
    "square-access-token": "saas_token", "notion-api-token": "saas_token",
    "grafana-cloud-api-token": "monitoring_token", "grafana-service-account-token": "monitoring_token",
    "new-relic-user-api-key": "monitoring_token", "new-relic-insert-key": "monitoring_token",
    "sentry-org-token": "monitoring_token", "sentry-user-token": "monitoring_token", "dynatrace-api-token": "monitoring_token",
    "twilio-api-key": "messaging_token", "sendgrid-api-token": "messaging_token", "sendinblue-api-token": "messaging_token",
    "mailgun-private-api-token": "messaging_token", "mailchimp-api-key": "messaging_token",
    "telegram-bot-api-token": "messaging_token",
    "npm-access-token": "package_token", "pypi-upload-token": "package_token", "rubygems-api-token": "package_token",
    "age-secret-key": "age_secret_key",
    "aws-access-token": "aws_access_key", "private-key": "private_key", "jwt": "jwt",
}

# --- validators (the Python twins of Sources/ScanCore/Validators/TokenChecksum.swift) ------

CHECKSUMMED = re.compile(rb"(?:gh[pousr]|npm)_[A-Za-z0-9]{36,251}")


def looks_random(value: bytes) -> bool:
    """At least 4 distinct bytes among the last 16: refuses `xxxx…`, `XXXX-XXXX`, `123123…`."""
    return len(set(value[-16:])) >= 4


def token_validator(value: bytes) -> bool:
    """A valid GitHub/npm checksum accepts whatever the bytes; anything else (a failed
    checksum included: fail closed) must not look like a placeholder."""
    if CHECKSUMMED.fullmatch(value) and S.github_checksum_ok(value.decode()):
        return True
    return looks_random(value)


VALIDATORS = {"token": token_validator}

# --- PCRE2 through ctypes ---------------------------------------------------------------

_lib = ctypes.CDLL(ctypes.util.find_library("pcre2-8") or "libpcre2-8.so.0")
_lib.pcre2_compile_8.restype = ctypes.c_void_p
_lib.pcre2_compile_8.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint32, ctypes.POINTER(ctypes.c_int),
                                 ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p]
_lib.pcre2_jit_compile_8.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
_lib.pcre2_match_data_create_from_pattern_8.restype = ctypes.c_void_p
_lib.pcre2_match_data_create_from_pattern_8.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
_lib.pcre2_match_8.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_uint32,
                               ctypes.c_void_p, ctypes.c_void_p]
_lib.pcre2_get_ovector_pointer_8.restype = ctypes.POINTER(ctypes.c_size_t)
_lib.pcre2_get_ovector_pointer_8.argtypes = [ctypes.c_void_p]
_lib.pcre2_pattern_info_8.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p]
_lib.pcre2_substring_number_from_name_8.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
_lib.pcre2_get_error_message_8.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]
_lib.pcre2_match_context_create_8.restype = ctypes.c_void_p
_lib.pcre2_match_context_create_8.argtypes = [ctypes.c_void_p]
_lib.pcre2_set_callout_8.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]


class CalloutBlock(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("callout_number", ctypes.c_uint32), ("capture_top", ctypes.c_uint32),
                ("capture_last", ctypes.c_uint32), ("offset_vector", ctypes.POINTER(ctypes.c_size_t)),
                ("mark", ctypes.c_void_p), ("subject", ctypes.c_void_p), ("subject_length", ctypes.c_size_t),
                ("start_match", ctypes.c_size_t), ("current_position", ctypes.c_size_t)]


CALLOUT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(CalloutBlock), ctypes.c_void_p)
PCRE2_INFO_MAXLOOKBEHIND = 15
PCRE2_JIT_COMPLETE = 1
PCRE2_ERROR_NOMATCH = -1


class Pattern:
    """A compiled, JIT-compiled byte-mode pattern; with a validator, `(?:p)(?C1)` as the engine."""

    def __init__(self, pattern: str, validator=None):
        self.validator = validator
        src = (f"(?:{pattern})(?C1)" if validator else pattern).encode()
        err, off = ctypes.c_int(), ctypes.c_size_t()
        self.code = _lib.pcre2_compile_8(src, len(src), 0, ctypes.byref(err), ctypes.byref(off), None)
        if not self.code:
            buf = ctypes.create_string_buffer(256)
            _lib.pcre2_get_error_message_8(err.value, buf, 256)
            raise ValueError(f"{buf.value.decode()} at offset {off.value}")
        self.jitted = _lib.pcre2_jit_compile_8(self.code, PCRE2_JIT_COMPLETE) == 0
        self.md = _lib.pcre2_match_data_create_from_pattern_8(self.code, None)
        n = _lib.pcre2_substring_number_from_name_8(self.code, b"mask")
        self.mask_group = n if n > 0 else None
        lb = ctypes.c_uint32()
        _lib.pcre2_pattern_info_8(self.code, PCRE2_INFO_MAXLOOKBEHIND, ctypes.byref(lb))
        self.max_lookbehind = lb.value
        self.mctx = None
        if validator:
            def cb(block, _data, v=validator):
                b = block.contents
                value = ctypes.string_at(b.subject + b.start_match, b.current_position - b.start_match)
                return 0 if v(value) else 1
            self._cb = CALLOUT(cb)  # kept alive with the pattern
            self.mctx = _lib.pcre2_match_context_create_8(None)
            _lib.pcre2_set_callout_8(self.mctx, ctypes.cast(self._cb, ctypes.c_void_p), None)

    def finditer(self, subject: bytes):
        """(whole, masked) spans of successive non-overlapping matches."""
        pos = 0
        while pos <= len(subject):
            rc = _lib.pcre2_match_8(self.code, subject, len(subject), pos, 0, self.md, self.mctx)
            if rc == PCRE2_ERROR_NOMATCH:
                return
            if rc < 0:
                raise RuntimeError(f"pcre2_match error {rc}")
            ov = _lib.pcre2_get_ovector_pointer_8(self.md)
            whole = (ov[0], ov[1])
            masked = whole
            g = self.mask_group
            if g is not None and g < rc and ov[2 * g] != ctypes.c_size_t(-1).value and ov[2 * g + 1] > ov[2 * g]:
                masked = (ov[2 * g], ov[2 * g + 1])
            yield whole, masked
            pos = whole[1] if whole[1] > whole[0] else whole[1] + 1


# --- maxLength, derived from the pattern (Python's parser; PCRE-only syntax translated) ----

def max_length(pattern: str) -> int | None:
    """The longest match in bytes, or None when unbounded."""
    import re._parser as sre_parse  # Python 3.11+
    p = pattern.replace("(?|", "(?:")
    k = 0

    def rename(_m):
        nonlocal k
        k += 1
        return f"(?P<mask{k}>"
    p = re.sub(r"\(\?<mask>", rename, p)
    p = re.sub(r"\(\?<([A-Za-z_]\w*)>", r"(?P<\1>", p)
    lo, hi = sre_parse.parse(p).getwidth()
    return None if hi >= sre_parse.MAXREPEAT or hi >= 1 << 30 else hi


# --- checks -----------------------------------------------------------------------------

CONTEXTS = ["{}", "token: {}\n", '"{}"', "x {}, y", "({})", "'{}';"]


def anchored_ok(rule: dict, whole: bytes) -> bool:
    for a in rule["anchors"]:
        lit, back = a[0].encode(), a[1]
        fold = len(a) > 2 and a[2]
        hay = whole.lower() if fold else whole
        i = hay.find(lit.lower() if fold else lit)
        if 0 <= i <= back:
            return True
    return False


def check_pack(per_family: int, seed: int) -> bool:
    ok = True
    compiled = {}
    print(f"== rules ({len(RULES)} new, {len(EXISTING)} existing compared)")
    for r in RULES + EXISTING:
        pat = Pattern(r["pattern"], VALIDATORS.get(r["validator"]))
        compiled[r["name"]] = pat
        # A backreference has no width Python's parser can bound; such a rule states its own.
        ml = max_length(r["pattern"]) or r.get("stated")
        r["maxLength"] = ml
        problems = []
        if not pat.jitted:
            problems.append("no JIT")
        if pat.max_lookbehind > 8:
            problems.append(f"lookbehind {pat.max_lookbehind}")
        if ml is None:
            problems.append("unbounded")
        if problems:
            ok = False
        print(f"  {r['name']:<17} maxLength {ml!s:>5}  lookbehind {pat.max_lookbehind}  jit {'yes' if pat.jitted else 'NO'}"
              f"  mask {'yes' if pat.mask_group else 'no '}  {'FAIL ' + ', '.join(problems) if problems else 'ok'}")

    rng = random.Random(seed)
    samples = S.cases(rng, per_family)
    fam_stats = defaultdict(lambda: [0, 0])
    overlaps = Counter()
    failures = []
    for c in samples:
        r = next(x for x in RULES if x["name"] == c.rule)
        pat = compiled[c.rule]
        for ctx in CONTEXTS:
            subject = ctx.format(c.text).encode()
            base = subject.find(c.text.encode())
            want = (base + c.text.find(c.secret), base + c.text.find(c.secret) + len(c.secret))
            hits = list(pat.finditer(subject))
            good = [h for h in hits if h[1] == want]
            st = fam_stats[c.family]
            st[1] += 1
            if good and anchored_ok(r, subject[good[0][0][0]:good[0][0][1]]):
                st[0] += 1
            else:
                failures.append((c.family, subject[:160], hits))
            for other in RULES:
                if other["name"] != c.rule:
                    for w, m in compiled[other["name"]].finditer(subject):
                        if m[0] < want[1] and want[0] < m[1]:
                            overlaps[(c.family, other["name"])] += 1
    print(f"== samples: {per_family} per family x {len(CONTEXTS)} contexts")
    for fam, (good, total) in fam_stats.items():
        if good != total:
            ok = False
        print(f"  {fam:<20} {good}/{total}")
    for fam, subj, hits in failures[:10]:
        print(f"  FAIL {fam}: {subj!r} -> {hits}")
    for (fam, other), n in sorted(overlaps.items()):
        print(f"  overlap: {fam} sample also matched by {other} ({n})")
        ok = False

    # Overlaps with the other built-in rules (read from BuiltinRules.swift): informational,
    # since the engine resolves them by priority and start position.
    builtin = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Sources/ScanCore/Rules/BuiltinRules.swift")
    if os.path.exists(builtin):
        src = open(builtin).read()
        others = [(m[0], Pattern(m[1])) for m in re.findall(r'Rule\(name: "(\w+)", type: "\w+",\s*pattern: #"(.*?)"#', src)
                  if m[0] not in {r["name"] for r in RULES}]
        seen = Counter()
        for c in samples:
            subject = c.text.encode()
            for name, pat in others:
                for w, m in pat.finditer(subject):
                    i = c.text.find(c.secret)
                    if m[0] < i + len(c.secret) and i < m[1]:
                        seen[(c.family, name, m[0] == i)] += 1
        for (fam, name, same), n in sorted(seen.items()):
            print(f"  note: {fam} samples overlap {name} ({n}{', same start' if same else ''})")
    print(f"== hard negatives ({len(S.HARD_NEGATIVES)})")
    bad = 0
    for why, text in S.HARD_NEGATIVES:
        for r in RULES + EXISTING:
            hits = list(compiled[r["name"]].finditer(text.encode()))
            if hits:
                bad += 1
                print(f"  FAIL {why!r}: {r['name']} matched {[text[w[0]:w[1]] for w, _ in hits]}")
    print(f"  {len(S.HARD_NEGATIVES) - bad}/{len(S.HARD_NEGATIVES)} refused by every rule")
    ok &= bad == 0

    # The checksum itself: every generated checksummed token passes, each with one flipped
    # character fails.
    rng = random.Random(seed + 1)
    n_ok = n_flip = 0
    for _ in range(1000):
        t = S.checksummed(rng.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"]), rng)
        n_ok += S.github_checksum_ok(t)
        i = rng.randrange(4, len(t))
        flipped = t[:i] + rng.choice([ch for ch in S.ALNUM if ch != t[i]]) + t[i + 1:]
        n_flip += not S.github_checksum_ok(flipped)
    print(f"== checksum: {n_ok}/1000 generated tokens pass, {n_flip}/1000 with one flipped character fail")
    ok &= n_ok == 1000 and n_flip == 1000
    return ok


def check_gitleaks(path: str) -> None:
    cases = [json.loads(line) for line in open(path)]
    by_rule = {r["name"]: r for r in RULES + EXISTING}
    plain = {n: Pattern(r["pattern"]) for n, r in by_rule.items()}
    validated = {n: Pattern(r["pattern"], VALIDATORS.get(r["validator"])) for n, r in by_rule.items() if r["validator"]}
    agg = defaultdict(lambda: Counter())
    unmapped = []
    missed = defaultdict(list)
    for c in cases:
        ours = GITLEAKS_MAP.get(c["rule"])
        tps, fps = c.get("tps") or [], c.get("fps") or []
        if ours is None:
            unmapped.append((c["rule"], len(tps), len(fps)))
            continue
        a = agg[ours]
        for t in tps:
            hit = next(plain[ours].finditer(t.encode()), None) is not None
            a["tp"] += 1
            a["tp_hit"] += hit
            if ours in validated:
                a["tp_hit_v"] += next(validated[ours].finditer(t.encode()), None) is not None
            if not hit:
                missed[ours].append((c["rule"], t))
        for f in fps:
            a["fp"] += 1
            a["fp_refused"] += next(plain[ours].finditer(f.encode()), None) is None
            if ours in validated:
                a["fp_refused_v"] += next(validated[ours].finditer(f.encode()), None) is None
    print("== gitleaks tps/fps (regex alone | with the rule's validator)")
    tot = Counter()
    for name in [r["name"] for r in RULES + EXISTING]:
        a = agg.get(name)
        if not a:
            continue
        if name not in {r["name"] for r in EXISTING}:
            tot.update(a)
        v = name in validated
        print(f"  {name:<17} tps {a['tp_hit']:>4}/{a['tp']:<4}" + (f" | {a['tp_hit_v']:>4}" if v else "       ")
              + f"   fps refused {a['fp_refused']:>3}/{a['fp']:<3}" + (f" | {a['fp_refused_v']:>3}" if v else ""))
    print(f"  {'new rules':<17} tps {tot['tp_hit']:>4}/{tot['tp']:<4} | {tot['tp_hit_v']:>4}   "
          f"fps refused {tot['fp_refused']:>3}/{tot['fp']:<3} | {tot['fp_refused_v']:>3}")
    for name, lst in missed.items():
        kinds = Counter(r for r, _ in lst)
        print(f"  missed by {name}: " + ", ".join(f"{k} {n}" for k, n in kinds.items())
              + f"; e.g. {lst[0][1][:110]!r}")
    print(f"  gitleaks rules not shipped here: {len(unmapped)} "
          f"({sum(t for _, t, _ in unmapped)} tps, {sum(f for _, _, f in unmapped)} fps)")


# --- extracting gitleaks' tps/fps -------------------------------------------------------

GO_CONFIG = """package config

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/regexp"
)

type AllowlistMatchCondition int

const (
	AllowlistMatchOr AllowlistMatchCondition = iota
	AllowlistMatchAnd
)

type Allowlist struct {
	Description    string
	MatchCondition AllowlistMatchCondition
	Commits        []string
	Paths          []*regexp.Regexp
	RegexTarget    string
	Regexes        []*regexp.Regexp
	StopWords      []string
}

func (a *Allowlist) ContainsStopWord(s string) (bool, string) {
	if a == nil {
		return false, ""
	}
	for _, w := range a.StopWords {
		if w != "" && strings.Contains(strings.ToLower(s), w) {
			return true, w
		}
	}
	return false, ""
}

type Required struct {
	RuleID        string
	WithinLines   *int
	WithinColumns *int
}

type Rule struct {
	RuleID        string
	Description   string
	Entropy       float64
	SecretGroup   int
	Regex         *regexp.Regexp
	Path          *regexp.Regexp
	Tags          []string
	Keywords      []string
	Allowlists    []*Allowlist
	RequiredRules []*Required
	SkipReport    bool
}
"""

GO_VALIDATE = """package utils

import "github.com/zricethezav/gitleaks/v8/config"

type Case struct {
	RuleID string   `json:"rule"`
	Regex  string   `json:"regex"`
	TPs    []string `json:"tps"`
	FPs    []string `json:"fps"`
}

var Cases []Case

func Validate(rule config.Rule, tps []string, fps []string) *config.Rule {
	re := ""
	if rule.Regex != nil {
		re = rule.Regex.String()
	}
	Cases = append(Cases, Case{RuleID: rule.RuleID, Regex: re, TPs: tps, FPs: fps})
	return &rule
}

func ValidateWithPaths(rule config.Rule, tps map[string]string, fps map[string]string) *config.Rule {
	c := Case{RuleID: rule.RuleID}
	for _, v := range tps {
		c.TPs = append(c.TPs, v)
	}
	for _, v := range fps {
		c.FPs = append(c.FPs, v)
	}
	Cases = append(Cases, c)
	return &rule
}
"""


def build_gitleaks_cases(out: str, gitleaks: str, reggen: str) -> None:
    """Runs gitleaks' rule constructors (cmd/generate/config/rules) against stub packages
    that record the tps/fps each passes to utils.Validate, and writes them as JSON lines.
    Random secrets come from gitleaks' own reggen-based generator with a fixed seed."""
    show = lambda repo, path: subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"], check=True,  # noqa: E731
                                             capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as d:
        def write(path, text):
            os.makedirs(os.path.dirname(os.path.join(d, path)), exist_ok=True)
            with open(os.path.join(d, path), "w") as f:
                f.write(text)
        write("go.mod", "module github.com/zricethezav/gitleaks/v8\n\ngo 1.19\n")
        files = subprocess.run(["git", "-C", gitleaks, "ls-tree", "-r", "--name-only", "HEAD", "cmd/generate/config/rules"],
                               check=True, capture_output=True, text=True).stdout.split()
        for f in files:
            if f.endswith(".go"):
                write(f, show(gitleaks, f))
        for f in ["cmd/generate/config/utils/generate.go", "cmd/generate/config/utils/patterns.go"]:
            write(f, show(gitleaks, f))
        write("cmd/generate/config/utils/validate.go", GO_VALIDATE)
        write("config/config.go", GO_CONFIG)
        write("regexp/regexp.go", "\n".join(line for line in show(gitleaks, "regexp/stdlib_regex.go").splitlines()
                                             if not line.startswith("//go:build")))
        gen = show(reggen, "reggen.go").replace("rand.New(rand.NewSource(time.Now().UnixNano()))", "sharedRand")
        gen = gen.replace('\t"time"\n', "") + "\nvar sharedRand = rand.New(rand.NewSource(20240601))\n"
        write("reggen/reggen.go", gen)
        write("cmd/generate/secrets/regen.go", show(gitleaks, "cmd/generate/secrets/regen.go")
              .replace("github.com/lucasjones/reggen", "github.com/zricethezav/gitleaks/v8/reggen"))
        calls = re.findall(r"^\s+(rules\.\w+\(\)),", show(gitleaks, "cmd/generate/config/main.go"), re.M)
        write("main/main.go", "package main\n\nimport (\n\t\"encoding/json\"\n\t\"os\"\n\t\"sort\"\n\n"
              "\t\"github.com/zricethezav/gitleaks/v8/cmd/generate/config/rules\"\n"
              "\t\"github.com/zricethezav/gitleaks/v8/cmd/generate/config/utils\"\n)\n\nfunc main() {\n"
              + "".join(f"\t_ = {c}\n" for c in calls)
              + "\te := json.NewEncoder(os.Stdout)\n\te.SetEscapeHTML(false)\n"
              "\tfor _, c := range utils.Cases {\n\t\tsort.Strings(c.TPs)\n\t\tsort.Strings(c.FPs)\n\t\t_ = e.Encode(c)\n\t}\n}\n")
        env = dict(os.environ, GOPROXY="off", GOFLAGS="-mod=mod", GOCACHE=os.path.join(d, ".cache"))
        res = subprocess.run(["go", "run", "./main"], cwd=d, env=env, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(res.stderr)
        with open(out, "w") as f:
            f.write(res.stdout)
        print(f"wrote {len(res.stdout.splitlines())} gitleaks rules' cases ({len(calls)} constructors) to {out}")


SWIFT_RULE = re.compile(r'Rule\(name: "(\w+)", type: "(\w+)",\s*(?://[^\n]*\n\s*)*pattern: #"(.*?)"#', re.S)


def check_swift() -> bool:
    """Whether every rule here (the pack and the existing rules compared with gitleaks) is in
    the engine's sources (SecretRules.swift, BuiltinRules.swift) with the same type and the
    same pattern, byte for byte."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Sources/ScanCore/Rules")
    found = {}
    for name in ("SecretRules.swift", "BuiltinRules.swift"):
        for m in SWIFT_RULE.finditer(open(os.path.join(root, name)).read()):
            found[m[1]] = (m[2], m[3])
    ok = True
    for r in RULES + EXISTING:
        got = found.get(r["name"])
        if got is None:
            print(f"  MISSING {r['name']}: not in Sources/ScanCore/Rules")
            ok = False
        elif got != (r["type"], r["pattern"]):
            print(f"  DIFFERS {r['name']}: " + ("type" if got[0] != r["type"] else "pattern"))
            ok = False
    print(f"== swift: {len(RULES) + len(EXISTING)} rules, {'all equal' if ok else 'NOT equal'}")
    return ok


def markdown() -> None:
    """The rule table of SECRETS_PACK.md, then each pattern on a line of its own."""
    print("| rule | type | anchors: literal (@ furthest offset from the match start) | maxLength | validator |")
    print("| --- | --- | --- | --- | --- |")
    for r in RULES:
        anchors = ", ".join(f"`{a[0]}`" + (f" @{a[1]}" if a[1] else "") + (" (any case)" if len(a) > 2 and a[2] else "")
                            for a in r["anchors"])
        print(f"| `{r['name']}` | {r['type']} | {anchors} | {max_length(r['pattern'])} | {r['validator'] or '-'} |")
    print("\n```text")
    for r in RULES:
        print(f"{r['name']}\n    {r['pattern']}")
    print("```")


def swift_main(path: str) -> None:
    """Writes a main.swift that checks TokenChecksum on tokens made here (valid and
    one-character-flipped checksummed tokens, third-party vectors, placeholders): `accepts`
    against token_validator's verdict, and the checksum alone on every checksum-shaped token."""
    rng = random.Random(42)
    # (token, whether its checksum is valid; None when it has no checksum shape)
    cases = [("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", True), ("ghp_VeilTestPayload0123456789abcde2sfMMo", False)]
    for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"]:
        t = S.checksummed(p, rng)
        i = rng.randrange(4, len(t))
        cases += [(t, True), (t[:i] + ("A" if t[i] != "A" else "B") + t[i + 1:], False)]
    cases += [("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", True), ("ghp_M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V3", False),
              ("ghp_" + "x" * 36, False),
              ("github_pat_11" + S.pick(rng, S.UPPER_ALNUM, 20) + "_" + S.pick(rng, S.ALNUM, 59), None),
              ("github_pat_" + "x" * 22 + "_" + "x" * 59, None), ("glpat-XXXXXXXXXXX-XXXXXXXX", None),
              ("GR134894112312312312312312312", None), ("sntryu_" + S.pick(rng, S.HEX, 64), None),
              ("xoxb-" + "1" * 12 + "-" + S.pick(rng, S.ALNUM, 24), None)]
    for t, checksum in cases:
        shaped = CHECKSUMMED.fullmatch(t.encode()) is not None
        assert shaped == (checksum is not None), t
        if shaped:
            assert S.github_checksum_ok(t) == checksum, t
    rows = [f'    ("{t}", {str(token_validator(t.encode())).lower()}, {"nil" if c is None else str(c).lower()}),'
            for t, c in cases]
    lines = ["import Foundation", "", "// Written by check_secret_patterns.py --swift-main; verdicts from token_validator.",
             "let cases: [(String, Bool, Bool?)] = ["] + rows + ["]", """
var failed = 0
for (token, accepts, checksum) in cases {
    let bytes = Array(token.utf8)
    if bytes.withUnsafeBytes({ TokenChecksum.accepts($0) }) != accepts { failed += 1; print("FAIL accepts", token) }
    let shaped = bytes.withUnsafeBytes { TokenChecksum.hasChecksumShape($0) }
    if shaped != (checksum != nil) { failed += 1; print("FAIL shape", token) }
    if let checksum, bytes.withUnsafeBytes({ TokenChecksum.isGitHubToken($0) }) != checksum {
        failed += 1; print("FAIL checksum", token)
    }
}
print("\\(cases.count) tokens, \\(failed) failed")
if failed > 0 { exit(1) }
"""]
    with open(path, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {path} ({len(cases)} tokens)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200, help="samples per family")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--gitleaks-cases")
    ap.add_argument("--build-gitleaks-cases", metavar="OUT")
    ap.add_argument("--gitleaks-repo")
    ap.add_argument("--reggen-repo")
    ap.add_argument("--swift-main", metavar="PATH", help="write a main.swift checking TokenChecksum")
    ap.add_argument("--check-swift", action="store_true", help="only check that the engine's sources hold these patterns")
    args = ap.parse_args()
    if args.check_swift:
        sys.exit(0 if check_swift() else 1)
    if args.swift_main:
        swift_main(args.swift_main)
        return
    if args.markdown:
        markdown()
        return
    if args.build_gitleaks_cases:
        build_gitleaks_cases(args.build_gitleaks_cases, args.gitleaks_repo, args.reggen_repo)
        return
    ok = check_pack(args.n, args.seed)
    if args.gitleaks_cases:
        check_gitleaks(args.gitleaks_cases)
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
