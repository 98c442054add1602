#!/usr/bin/env python3
"""Writes a manage.py dumpdata file of N users of the seed's model, for import and login benchmarks.

    bench/generate-dumpdata.py 1000000 /tmp/users-1m.json
    bench/generate-dumpdata.py 1000000 /tmp/users-1m.json --password-hash 'argon2$argon2id$…' --all-active

By default the password hashes are real Django hashes taken from the shared sample and reused,
since import-django keeps hashes as they are and never computes one, and every 50th user is
inactive. --password-hash gives every user that one hash instead (bench/login-bound.sh passes a
Keyhold Argon2id hash of a known password, so any user can log in); --all-active makes every user
active. User pk is always user{pk}@example.com.
"""
import argparse
import json
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("count", type=int, help="how many users")
parser.add_argument("target", type=Path, help="the file to write")
parser.add_argument("--password-hash", help="one encoded hash for every user, instead of the sample's")
parser.add_argument("--all-active", action="store_true", help="every user active (default: every 50th is not)")
options = parser.parse_args()

if options.password_hash:
    hashes = [options.password_hash]
else:
    sample_file = Path(__file__).resolve().parent.parent.parent / "shared" / "django-dumpdata-sample.json"
    hashes = [record["fields"]["password"] for record in json.loads(sample_file.read_text())]
encoded_hashes = [json.dumps(h) for h in hashes]

# One record, as json.dumps writes it, with the varying values left as fields to fill: formatting
# a template is several times faster than dumping a dict per user, which matters at a million.
template = json.dumps({"model": "users.customuser", "pk": 0, "fields": {
    "password": "@password",
    "last_login": "@last_login",
    "is_superuser": "@superuser",
    "first_name": "",
    "last_name": "",
    "is_staff": "@superuser",
    "is_active": "@active",
    "date_joined": "2026-01-01T00:00:00.000Z",
    "name": "@name",
    "email": "@email",
    "phone": "",
    "gender": "",
    "session_token": "0",
    "created_at": "2026-01-01T00:00:00.000Z",
    "updated_at": "2026-01-01T00:00:00.000Z",
    "groups": [],
    "user_permissions": [],
}})
template = template.replace("{", "{{").replace("}", "}}").replace('"pk": 0', '"pk": {pk}')
for field in ("password", "last_login", "superuser", "active", "name"):
    template = template.replace(f'"@{field}"', "{" + field + "}")
template = template.replace('"@email"', '"user{pk}@example.com"')

with options.target.open("w") as out:
    out.write("[")
    for pk in range(1, options.count + 1):
        out.write(("\n" if pk == 1 else ",\n") + template.format(
            pk=pk,
            password=encoded_hashes[pk % len(hashes)],
            last_login="null" if pk % 3 else '"2026-11-20T08:00:00.000Z"',
            superuser="true" if pk == 1 else "false",
            active="true" if options.all_active or pk % 50 != 0 else "false",
            name="null" if pk % 7 == 0 else f'"User {pk}"',
        ))
    out.write("\n]\n")
