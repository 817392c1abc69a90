#!/usr/bin/env python3
"""An outside verifier of an HFK-Akte audit chain, written from docs/PRUEFKETTE.md alone.

Usage: verify.py NAME.hfk  (the data key as x'…' or 64 hex digits on standard input; the slot
file is NAME.hfk.keys). Prints "intakt N" and exits 0, or "unterbrochen ID GRUND" and exits 1.
Needs the PyPI packages sqlcipher3 and cryptography.
"""

import hashlib
import json
import sys

import sqlcipher3
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

GENESIS = "0" * 64


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signed(public_hex, message, signature_hex):
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(signature_hex), message.encode("ascii"))
        return True
    except (ValueError, InvalidSignature):
        return False


def row_hash(row):
    fields = [row["id"], row["at"], row["user_id"], row["username"], row["entity"],
              row["entity_id"], row["action"], row["payload_digest"], row["prev_hash"]]
    return sha256_hex(json.dumps(fields, ensure_ascii=False, separators=(",", ":")))


class Broken(Exception):
    def __init__(self, row_id, reason):
        super().__init__(reason)
        self.row_id = row_id
        self.reason = reason


def payload_digest(salt, fields):
    """Section 6: SHA-256 of the salt followed by the fields (the fields alone without salt)."""
    return sha256_hex((salt or "") + fields)


def salt_column(db):
    """Files before schema 11 have no salt column."""
    names = [r[1] for r in db.execute("PRAGMA table_info(audit_payload)")]
    return "p.salt" if "salt" in names else "NULL"


def walk(db):
    """Sections 3, 4 and 6 for every row; returns (rows, keys by user id)."""
    rows = db.execute(
        "SELECT l.id, l.at, l.user_id, l.username, l.entity, l.entity_id, l.action,"
        " l.payload_digest, l.prev_hash, l.row_hash, l.signer_key, l.signature,"
        " p.audit_id IS NOT NULL, p.fields, " + salt_column(db) +
        " FROM audit_log l LEFT JOIN audit_payload p ON p.audit_id = l.id ORDER BY l.id")
    names = ["id", "at", "user_id", "username", "entity", "entity_id", "action",
             "payload_digest", "prev_hash", "row_hash", "signer_key", "signature",
             "has_payload", "fields", "salt"]
    keys = {}
    signed_seen = False
    expected_id, expected_prev, count = 1, GENESIS, 0
    for values in rows:
        row = dict(zip(names, values))
        count += 1
        rid = row["id"]
        if rid != expected_id:
            raise Broken(rid, "lücke")
        if row["prev_hash"] != expected_prev:
            raise Broken(rid, "vorgänger")
        if row_hash(row) != row["row_hash"]:
            raise Broken(rid, "hash")
        if not row["has_payload"]:
            raise Broken(rid, "felder-fehlen")
        if row["fields"] is not None and \
                payload_digest(row["salt"], row["fields"]) != row["payload_digest"]:
            raise Broken(rid, "felder-verändert")
        key, signature = row["signer_key"], row["signature"]
        if key is None or signature is None:
            raise Broken(rid, "unsigniert")
        if key == "" and signature == "":
            if signed_seen:
                raise Broken(rid, "unsigniert")
        else:
            signed_seen = True
            if not signed(key, "hfk-akte/audit/v1:" + row["row_hash"], signature):
                raise Broken(rid, "signatur")
            user = row["user_id"]
            registered = None
            if row["entity"] == "signing_key" and row["action"] == "register" and row["entity_id"]:
                owner, _, new_key = row["entity_id"].partition(":")
                if owner.isdigit():
                    registered = (int(owner), new_key)
            own = registered is not None and registered == (user, key)
            if user is None or (not own and key not in keys.get(user, [])):
                raise Broken(rid, "fremder-schlüssel")
            if registered is not None:
                keys.setdefault(registered[0], []).append(registered[1])
        expected_prev, expected_id = row["row_hash"], rid + 1
    findings(db)
    return count, keys


def findings(db):
    """Section 6: changed fields without their row, and erasures no deletion run vouches for."""
    orphan = db.execute(
        "SELECT audit_id FROM audit_payload p WHERE NOT EXISTS"
        " (SELECT 1 FROM audit_log l WHERE l.id = p.audit_id) ORDER BY audit_id LIMIT 1").fetchone()
    if orphan:
        raise Broken(orphan[0], "verwaiste-felder")
    listed, older_than = set(), 0
    runs = db.execute(
        "SELECT l.id, p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id"
        " WHERE l.entity = 'retention' AND l.action = 'delete' ORDER BY l.id")
    for run_id, fields in runs:
        erased = None
        try:
            erased = json.loads(fields)["after"]["erased_rows"] if fields else None
        except (ValueError, KeyError, TypeError):
            erased = None
        if isinstance(erased, list):
            listed.update(i for i in erased if isinstance(i, int))
        else:
            older_than = max(older_than, run_id)
    for (rid,) in db.execute(
            "SELECT audit_id FROM audit_payload WHERE fields IS NULL ORDER BY audit_id"):
        if rid not in listed and rid >= older_than:
            raise Broken(rid, "felder-gelöscht")


def outside(db, slots, count, keys):
    """Section 5: the head in the slot file, then the users' public keys."""
    head = slots.get("chain_head")
    if head:
        known = any(head["signer_key"] in k for k in keys.values())
        message = "hfk-akte/head/v1:%d:%s" % (head["seq"], head["row_hash"])
        if not known or not signed(head["signer_key"], message, head["signature"]):
            raise Broken(head["seq"], "kopf-signatur")
        found = db.execute("SELECT row_hash FROM audit_log WHERE id = ?", (head["seq"],)).fetchone()
        if found is None:
            raise Broken(count + 1, "ende-fehlt")
        if found[0] != head["row_hash"]:
            raise Broken(head["seq"], "ersetzt")
    for slot in slots.get("slots", []):
        owner, signing = slot.get("owner", {}), slot.get("signing")
        if owner.get("type") != "user" or not signing:
            continue
        user = db.execute("SELECT id FROM users WHERE username = ? AND removed_at IS NULL",
                          (owner["username"],)).fetchone()
        if user and keys.get(user[0], [None])[-1] != signing["public_key"]:
            raise Broken(count, "slot-schlüssel")


def main():
    path = sys.argv[1]
    key = sys.stdin.readline().strip()
    if not key.startswith("x'"):
        key = "x'%s'" % key
    db = sqlcipher3.connect("file:%s?mode=ro" % path, uri=True)
    db.execute('PRAGMA key = "%s";' % key)
    with open(path + ".keys", encoding="utf-8") as f:
        slots = json.load(f)
    try:
        count, keys = walk(db)
        outside(db, slots, count, keys)
    except Broken as broken:
        print("unterbrochen %d %s" % (broken.row_id, broken.reason))
        return 1
    print("intakt %d" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
