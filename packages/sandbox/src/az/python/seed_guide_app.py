"""Seed guide 001, step 7: the application code, as the guide writes it for Python.

Run with /usr/bin/python3 in the environment the workload identity webhook gave the pod
(AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST) and its
KEYVAULT_URL. The guide's snippet uses `os` without importing it; the import is the only line
added, besides printing the value it read.
"""
import os

from azure.identity import DefaultAzureCredential
from azure.keyvault.secrets import SecretClient

credential = DefaultAzureCredential()
client = SecretClient(vault_url=os.environ["KEYVAULT_URL"], credential=credential)
secret = client.get_secret("my-secret")

print(secret.value)
