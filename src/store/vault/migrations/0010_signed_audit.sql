-- Signed audit rows: each row carries the acting user's Ed25519 public key and a signature
-- over its row hash (docs/PRUEFKETTE.md). Rows written before this version are marked as
-- unsigned with an empty string; new rows are signed before their transaction commits.
ALTER TABLE audit_log ADD COLUMN signer_key TEXT;
ALTER TABLE audit_log ADD COLUMN signature TEXT;
UPDATE audit_log SET signer_key = '', signature = '';

-- Each user's current public key (the private key is sealed in their key slot).
ALTER TABLE users ADD COLUMN signing_public_key TEXT;
