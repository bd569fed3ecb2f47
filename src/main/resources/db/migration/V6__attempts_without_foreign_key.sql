-- delivery_attempts is an append-only log written for every attempt; its foreign key cost about a
-- third of the statement that records results. Attempts are only ever written for claimed deliveries,
-- and retention deletes old attempts itself.
ALTER TABLE delivery_attempts DROP CONSTRAINT delivery_attempts_delivery_id_fkey;
