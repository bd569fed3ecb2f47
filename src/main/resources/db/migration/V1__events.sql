-- One row per inbound Chatwoot webhook as received. The body is kept byte-for-byte (bytea, not
-- jsonb) because the signature covers those exact bytes and the agent receives them unchanged.
CREATE TABLE events (
    id              uuid        PRIMARY KEY,
    dedupe_key      text        NOT NULL,
    delivery_id     text,
    event           text        NOT NULL,
    account_id      bigint,
    conversation_id bigint,
    message_id      bigint,
    signature       text        NOT NULL CHECK (signature IN ('verified', 'unchecked', 'invalid')),
    received_at     timestamptz NOT NULL,
    body            bytea       NOT NULL,
    CONSTRAINT events_dedupe_key_key UNIQUE (dedupe_key),
    CONSTRAINT events_delivery_id_key UNIQUE (delivery_id)
);

CREATE INDEX events_received_at_idx ON events (received_at);
CREATE INDEX events_conversation_idx ON events (account_id, conversation_id) WHERE conversation_id IS NOT NULL;
