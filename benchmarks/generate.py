"""Generate a workspace of N realistic assessments (for benchmarks)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

COUNTRIES = ["US", "DE", "IE", "RU", "TR", "GE", "AE", "KZ", "GB", "FR", "NL", "UZ"]
GROUNDS = ["adequacy", "consent", "contract"]
DATA = ["identity", "contact", "online_identifiers", "usage", "device", "orders"]
AS_OF = dt.date(2026, 11, 22)
"""The date bench_check.py judges as of."""


def assessment_text(i: int, transfers: int, rng: random.Random) -> str:
    created = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
    lines = [
        "schema_version = 1",
        f'id = "bench-{i:06d}"',
        f'title = "Ölkələrarası ötürmə {i} — analytics and support"',
        'status = "draft"',
        'jurisdiction = "az"',
        f"created = {created.isoformat()}",
        f"next_review = {(created + dt.timedelta(days=365)).isoformat()}",
        "",
        "[operator]",
        'name = "Nümunə MMC"',
        'tin = "1234567891"',
        'address = "Bakı, Nizami küç. 10"',
        "",
        "[processing]",
        'purposes = ["Vebsayt statistikası", "Müştəri dəstəyi"]',
        'subjects = ["Vebsayt istifadəçiləri", "Müştərilər"]',
        f"data = {DATA!r}".replace("'", '"'),
        "special = []",
        "az_citizens = true",
        'primary_storage = "AZ"',
    ]
    for j in range(transfers):
        country = rng.choice(COUNTRIES)
        ground = rng.choice(GROUNDS)
        start = created + dt.timedelta(days=30 + rng.randrange(400))
        lines += [
            "",
            "[[transfers]]",
            f'id = "recipient-{j}"',
            f'country = "{country}"',
            f"start = {start.isoformat()}",
            'data = ["identity", "online_identifiers"]',
            f'ground = "{ground}"',
            "national_security_risk = false",
            "",
            "[transfers.recipient]",
            f'name = "Recipient {j} Ltd"',
            'kind = "legal_entity"',
            'role = "processor"',
            'address = "Somewhere 1"',
        ]
        if ground == "consent":
            lines += ["", "[transfers.consent]", "written = true", 'reference = "RF-3 v2"']
        if ground == "contract":
            lines += ["", "[transfers.contract]", "subject_is_party = true", 'reference = "Oferta, 4"']
        # steps done are dated on or before the benchmark's as-of date, as in real files
        obtained = start - dt.timedelta(days=40)
        if obtained <= AS_OF:
            lines += ["", "[transfers.recipient_info]", f"obtained = {obtained.isoformat()}", 'measures = "ISO 27001"']
        sent = start - dt.timedelta(days=20)
        if rng.random() < 0.7 and sent <= AS_OF:
            lines += ["", "[transfers.notification]", f"sent = {sent.isoformat()}", 'reference = "2026/1"', "separate = true"]
    return "\n".join(lines) + "\n"


def generate_workspace(root: Path, n: int, transfers: int = 3, seed: int = 7) -> Path:
    rng = random.Random(seed)
    (root / "data" / "assessments").mkdir(parents=True, exist_ok=True)
    (root / "xborder.toml").write_text('[operator]\nname = "Nümunə MMC"\n', encoding="utf-8")
    for i in range(n):
        path = root / "data" / "assessments" / f"bench-{i:06d}.toml"
        path.write_text(assessment_text(i, transfers, rng), encoding="utf-8")
    return root


def use_catalogue(root: Path, recipients: int = 200) -> Path:
    """Turn the generated workspace's recipients into references to `recipients` shared
    catalogue entries (data/recipients/r-NNN.toml): each transfer of a file names another."""
    import re

    folder = root / "data" / "recipients"
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(recipients):
        (folder / f"r-{k:03d}.toml").write_text(
            f'schema_version = 1\nid = "r-{k:03d}"\n\n[recipient]\nname = "Recipient {k} Ltd"\n'
            'kind = "legal_entity"\nrole = "processor"\naddress = "Somewhere 1"\n'
            'agreement = "DPA 2026"\n',
            encoding="utf-8",
        )
    block = re.compile(r'\[transfers\.recipient\]\nname = "Recipient (\d+) Ltd"\nkind = "legal_entity"\n'
                       r'role = "processor"\naddress = "Somewhere 1"\n')
    for i, path in enumerate(sorted((root / "data" / "assessments").glob("*.toml"))):
        text = path.read_text(encoding="utf-8")
        text = block.sub(
            lambda m, i=i: f'[transfers.recipient]\nref = "r-{(i * 7 + int(m.group(1))) % recipients:03d}"\n', text
        )
        path.write_text(text, encoding="utf-8")
    return root
