-- System settings people change at run time (ADMIN, through the API and the pages): one row.
CREATE TABLE settings (
    id              boolean     PRIMARY KEY DEFAULT true CHECK (id),
    support_email   text,
    whatsapp_number text        CHECK (whatsapp_number ~ '^[0-9]{8,15}$'),
    portal_base_url text,
    whatsapp_bubble boolean     NOT NULL DEFAULT false,
    query_types     text[]      NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL
);
INSERT INTO settings (query_types, updated_at, updated_by)
VALUES (ARRAY['General question', 'Order or booking', 'Billing', 'Technical problem', 'Account'], now(), 'system');

-- Who changed which setting, from what, to what.
CREATE TABLE settings_changes (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at timestamptz NOT NULL,
    changed_by text        NOT NULL,
    field      text        NOT NULL,
    old_value  text,
    new_value  text
);
CREATE INDEX settings_changes_changed_at_idx ON settings_changes (changed_at);
