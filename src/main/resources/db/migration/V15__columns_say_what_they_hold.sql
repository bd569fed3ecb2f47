-- Names that say what the columns hold, in the words of DESIGN.md: Chatwoot's own delivery id is not one
-- of our deliveries; an event's type is not the event; an attempt's class is its outcome, 2xx included.
ALTER TABLE events RENAME COLUMN delivery_id TO chatwoot_delivery_id;
ALTER TABLE events RENAME CONSTRAINT events_delivery_id_key TO events_chatwoot_delivery_id_key;
ALTER TABLE events RENAME COLUMN event TO event_type;
ALTER TABLE delivery_attempts RENAME COLUMN error_class TO outcome_class;

-- An email that will not be tried again is DEAD, like a delivery.
ALTER TABLE emails DROP CONSTRAINT emails_status_check;
UPDATE emails SET status = 'DEAD' WHERE status = 'FAILED';
ALTER TABLE emails ADD CONSTRAINT emails_status_check CHECK (status IN ('PENDING', 'SENT', 'DEAD'));
