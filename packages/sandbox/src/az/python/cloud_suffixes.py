"""Reads the sandbox's cloud metadata (api-version 2022-09-01: one cloud) and maps it with
az's own reader of ARM cloud metadata, printing the DNS suffixes az would use.

Usage: cloud_suffixes.py <arm endpoint>; the CA comes from REQUESTS_CA_BUNDLE.
"""
import json
import sys

import requests
from azure.cli.core.cloud import _arm_to_cli_mapper

metadata = requests.get(
    sys.argv[1].rstrip("/") + "/metadata/endpoints",
    params={"api-version": "2022-09-01"},
).json()
cloud = _arm_to_cli_mapper(metadata)
print(json.dumps({"served": metadata["suffixes"], "keyvault_dns": cloud.suffixes.keyvault_dns}))
