-- Native support threads: raised from the portal, worked by staff, followed by customers through links.
CREATE TABLE threads (
    id                uuid        PRIMARY KEY,
    code              text        NOT NULL UNIQUE,   -- SB-7KQ2: what people quote
    subject           text        NOT NULL,
    query_type        text        NOT NULL,
    priority          text        NOT NULL CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),
    status            text        NOT NULL CHECK (status IN ('OPEN', 'PENDING', 'RESOLVED', 'CLOSED')),
    requester_name    text        NOT NULL,
    requester_email   text        NOT NULL,
    requester_phone   text,
    reference         text,                          -- an order or assignment id the customer gave
    assignee          text,                          -- a username
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    first_response_at timestamptz,                   -- the first external staff reply
    resolved_at       timestamptz,
    closed_at         timestamptz
);
CREATE INDEX threads_status_updated_idx ON threads (status, updated_at DESC);
CREATE INDEX threads_resolved_idx ON threads (resolved_at) WHERE status = 'RESOLVED';

CREATE TABLE thread_messages (
    id          uuid        PRIMARY KEY,
    thread_id   uuid        NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    author_kind text        NOT NULL CHECK (author_kind IN ('CUSTOMER', 'STAFF', 'SYSTEM')),
    author_name text        NOT NULL,
    visibility  text        NOT NULL CHECK (visibility IN ('EXTERNAL', 'INTERNAL')),
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    CHECK (visibility = 'EXTERNAL' OR author_kind <> 'CUSTOMER')
);
CREATE INDEX thread_messages_thread_idx ON thread_messages (thread_id, created_at);

-- Every change of status, assignee or priority: who, when, from, to.
CREATE TABLE thread_changes (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id  uuid        NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    changed_at timestamptz NOT NULL,
    changed_by text        NOT NULL,
    field      text        NOT NULL CHECK (field IN ('status', 'assignee', 'priority')),
    old_value  text,
    new_value  text
);
CREATE INDEX thread_changes_thread_idx ON thread_changes (thread_id, id);

-- A customer's way into one thread without an account. Only the SHA-256 of the token is kept.
CREATE TABLE customer_links (
    id           uuid        PRIMARY KEY,
    thread_id    uuid        NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE,
    permission   text        NOT NULL CHECK (permission IN ('VIEW', 'REPLY')),
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz,
    use_count    integer     NOT NULL DEFAULT 0
);
CREATE INDEX customer_links_thread_idx ON customer_links (thread_id);
