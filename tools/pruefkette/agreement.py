#!/usr/bin/env python3
"""Runs `hfk pruefen` and verify.py side by side on a file with real activity and on tampered
copies of it; they must agree with each other and with what each tampering should show.
Also opens the file with the README's recipe (sqlcipher3, the key from `hfk datenschluessel`).

Usage: agreement.py HFK_BINARY   (run by `make test-outside`).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import sqlcipher3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import verify

ADMIN = "Andrea-Maria Petrlić-Woelke"
PASSWORD = "Kiefernwald-Uckermark-Fähre-42"


def hfk(binary, *args, stdin=PASSWORD + "\n"):
    return subprocess.run([binary, *args], input=stdin, capture_output=True, text=True)


def open_db(path, key):
    db = sqlcipher3.connect(path, isolation_level=None)
    db.execute('PRAGMA key = "%s";' % key)
    return db


def rust_says(binary, path):
    out = hfk(binary, "pruefen", path, "--benutzer", ADMIN)
    broken = re.search(r"Prüfkette unterbrochen bei Eintrag (\d+)", out.stdout)
    if out.returncode == 0 and not broken:
        return "intakt"
    if out.returncode == 1 and broken:
        return "unterbrochen %s" % broken.group(1)
    raise SystemExit("hfk pruefen: %d\n%s%s" % (out.returncode, out.stdout, out.stderr))


def python_says(path, key):
    out = subprocess.run([sys.executable, verify.__file__, path], input=key + "\n",
                         capture_output=True, text=True)
    words = out.stdout.split()
    if out.returncode == 0 and words[0] == "intakt":
        return "intakt"
    if out.returncode == 1 and words[0] == "unterbrochen":
        return "unterbrochen %s" % words[1]
    raise SystemExit("verify.py: %d\n%s%s" % (out.returncode, out.stdout, out.stderr))


def rehash_from(db, first, signer):
    """Recomputes every row from `first` on and signs it with `signer` (an insider's key)."""
    public = signer.public_key().public_bytes_raw().hex()
    prev = db.execute("SELECT row_hash FROM audit_log WHERE id = ?", (first - 1,)).fetchone()[0]
    names = ["id", "at", "user_id", "username", "entity", "entity_id", "action",
             "payload_digest", "prev_hash"]
    for values in db.execute("SELECT %s FROM audit_log WHERE id >= ? ORDER BY id"
                             % ", ".join(names), (first,)).fetchall():
        row = dict(zip(names, values))
        row["prev_hash"] = prev
        new = verify.row_hash(row)
        signature = signer.sign(("hfk-akte/audit/v1:" + new).encode()).hex()
        db.execute("UPDATE audit_log SET prev_hash = ?, row_hash = ?, signer_key = ?, signature = ?"
                   " WHERE id = ?", (prev, new, public, signature, row["id"]))
        prev = new


def append_in_name_of(db, user_id, signer):
    """Registers `signer` for `user_id`, signed by itself, and appends a row in that name."""
    public = signer.public_key().public_bytes_raw().hex()
    name = db.execute("SELECT username FROM users WHERE id = ?", (user_id,)).fetchone()[0]
    for entity, action, entity_id in [("signing_key", "register", "%d:%s" % (user_id, public)),
                                      ("case", "open", "HFK-2026-001")]:
        last_id, prev = db.execute(
            "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        fields = '{"after":null,"before":null}'
        row = {"id": last_id + 1, "at": "2026-12-03T10:00:00+00:00", "user_id": user_id,
               "username": name, "entity": entity, "entity_id": entity_id, "action": action,
               "payload_digest": verify.sha256_hex(fields), "prev_hash": prev}
        new = verify.row_hash(row)
        signature = signer.sign(("hfk-akte/audit/v1:" + new).encode()).hex()
        db.execute("INSERT INTO audit_log (id, at, user_id, username, entity, entity_id, action,"
                   " payload_digest, prev_hash, row_hash, signer_key, signature)"
                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (row["id"], row["at"], user_id, name, entity, entity_id, action,
                    row["payload_digest"], prev, new, public, signature))
        db.execute("INSERT INTO audit_payload (audit_id, fields) VALUES (?, ?)", (row["id"], fields))


TAMPERINGS = {
    "unverändert": (None, "intakt"),
    "Eintrag 5 verändert": (lambda db: db.execute(
        "UPDATE audit_log SET action = 'delete' WHERE id = 5"), "unterbrochen 5"),
    "Felder von Eintrag 6 verändert": (lambda db: db.execute(
        "UPDATE audit_payload SET fields = '{}' WHERE audit_id = 6"), "unterbrochen 6"),
    "Eintrag 7 gelöscht": (lambda db: db.execute(
        "DELETE FROM audit_payload WHERE audit_id = 7") and db.execute(
        "DELETE FROM audit_log WHERE id = 7"), "unterbrochen 8"),
    "ab Eintrag 4 neu berechnet und mit eigenem Schlüssel signiert": (
        lambda db: db.execute("UPDATE audit_log SET action = 'delete' WHERE id = 4")
        and rehash_from(db, 4, Ed25519PrivateKey.generate()), "unterbrochen 4"),
    "Signatur von Eintrag 3 entfernt": (lambda db: db.execute(
        "UPDATE audit_log SET signer_key = '', signature = '' WHERE id = 3"), "unterbrochen 3"),
    "Felder von Eintrag 6 ohne Löschlauf gelöscht": (lambda db: db.execute(
        "UPDATE audit_payload SET fields = NULL WHERE audit_id = 6"), "unterbrochen 6"),
    "die letzten 3 Einträge abgeschnitten": (lambda db: db.execute(
        "DELETE FROM audit_payload WHERE audit_id > (SELECT max(id) - 3 FROM audit_log)")
        and db.execute("DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)"),
        "unterbrochen LAST-2"),
    "neuer Schlüssel im Namen der Verwaltung, Eintrag angehängt": (
        lambda db: append_in_name_of(db, 1, Ed25519PrivateKey.generate()), "unterbrochen LAST+2"),
}


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="pruefkette-")
    original = os.path.join(work, "akte.hfk")
    out = hfk(binary, "neue-akte", original, "--benutzer", ADMIN,
              stdin="%s\n%s\n" % (PASSWORD, PASSWORD))
    assert out.returncode == 0, out.stderr
    for args in [["beispielfaelle", original, "--benutzer", ADMIN, "--faelle", "12"],
                 ["einstellung", original, "idle_lock_minutes", "15", "--benutzer", ADMIN]]:
        out = hfk(binary, *args)
        assert out.returncode == 0, out.stderr
    out = hfk(binary, "datenschluessel", original, "--benutzer", ADMIN)
    assert out.returncode == 0, out.stderr
    key = re.search(r"x'[0-9a-f]{64}'", out.stdout).group(0)

    # The README's recipe for opening the file without this program.
    db = open_db(original, key)
    cases = db.execute("SELECT number, status FROM cases").fetchall()
    assert len(cases) == 12, cases
    last = db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    db.close()
    print("Rezept der README: %d Fälle mit sqlcipher3 %s gelesen" % (len(cases), sqlcipher3.sqlite_version))

    failures = 0
    for name, (tamper, expected) in TAMPERINGS.items():
        expected = expected.replace("LAST-2", str(last - 2)).replace("LAST+2", str(last + 2))
        copy = os.path.join(work, "kopie.hfk")
        shutil.copyfile(original, copy)
        shutil.copyfile(original + ".keys", copy + ".keys")
        if tamper:
            db = open_db(copy, key)
            tamper(db)
            db.close()
        rust, python = rust_says(binary, copy), python_says(copy, key)
        ok = rust == python == expected
        failures += not ok
        print("%s %s: hfk %s, verify.py %s, erwartet %s"
              % ("ok  " if ok else "FEHL", name, rust, python, expected))
        os.remove(copy)
        os.remove(copy + ".keys")
    shutil.rmtree(work)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
