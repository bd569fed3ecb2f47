-- Module: inbound
-- Names that say what the columns hold: Chatwoot's own delivery id is not one of our deliveries, and an
-- event's type is not the event.
ALTER TABLE events RENAME COLUMN delivery_id TO chatwoot_delivery_id;
ALTER TABLE events RENAME CONSTRAINT events_delivery_id_key TO events_chatwoot_delivery_id_key;
ALTER TABLE events RENAME COLUMN event TO event_type;

-- What other modules may read of the events (delivery: a claimed delivery's body; the dashboard: events
-- per minute). The table stays inbound's; a simple view costs nothing, the planner reads through it.
CREATE VIEW stored_events AS
SELECT id, event_type, account_id, conversation_id, message_id, chatwoot_delivery_id, signature, received_at, body, stored_by
FROM events;
