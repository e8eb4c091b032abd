"""Test-wide environment: a fixed CPR encryption key used by the tests only."""

import os

os.environ.setdefault("RESSOURCEMODEL_CPR_KEY", "dGVzdC1rZXktZm9yLWNwci1vbmx5LWluLXRlc3RzLTA=")
