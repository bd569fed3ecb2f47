-- Module: delivery
-- An attempt's class is its outcome, 2xx included: not an error class.
ALTER TABLE delivery_attempts RENAME COLUMN error_class TO outcome_class;

-- What other modules may read of the deliveries: the ones still under way, which inbound's retention
-- must not delete the events of.
CREATE VIEW pending_deliveries AS
SELECT id, event_id, destination FROM deliveries WHERE status = 'PENDING';
