#!/usr/bin/env python3
"""Writes a manage.py dumpdata file of N users of the seed's model, for import benchmarks.

    bench/generate-dumpdata.py 1000000 /tmp/users-1m.json

Password hashes are real Django hashes taken from the shared sample and reused, since
import-django keeps hashes as they are and never computes one.
"""
import json
import sys
from pathlib import Path

count = int(sys.argv[1])
target = Path(sys.argv[2])
sample = json.loads((Path(__file__).resolve().parent.parent.parent / "shared" / "django-dumpdata-sample.json").read_text())
hashes = [record["fields"]["password"] for record in sample]

with target.open("w") as out:
    out.write("[")
    for pk in range(1, count + 1):
        fields = {
            "password": hashes[pk % len(hashes)],
            "last_login": None if pk % 3 else "2026-11-20T08:00:00.000Z",
            "is_superuser": pk == 1,
            "first_name": "",
            "last_name": "",
            "is_staff": pk == 1,
            "is_active": pk % 50 != 0,
            "date_joined": "2026-01-01T00:00:00.000Z",
            "name": None if pk % 7 == 0 else f"User {pk}",
            "email": f"user{pk}@example.com",
            "phone": "",
            "gender": "",
            "session_token": "0",
            "created_at": "2026-01-01T00:00:00.000Z",
            "updated_at": "2026-01-01T00:00:00.000Z",
            "groups": [],
            "user_permissions": [],
        }
        out.write(("\n" if pk == 1 else ",\n") + json.dumps({"model": "users.customuser", "pk": pk, "fields": fields}))
    out.write("\n]\n")
