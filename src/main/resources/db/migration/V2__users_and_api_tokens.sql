CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('ADMIN', 'AGENT', 'VIEWER')),
    created_at    timestamptz NOT NULL,
    disabled_at   timestamptz
);

-- A token is shown once as sb_<key_id>_<secret>; only the SHA-256 of the whole token is kept.
-- key_id finds the row, the hash is compared in constant time.
CREATE TABLE api_tokens (
    id           uuid        PRIMARY KEY,
    key_id       text        NOT NULL UNIQUE,
    token_hash   bytea       NOT NULL,
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('ADMIN', 'AGENT', 'VIEWER')),
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
