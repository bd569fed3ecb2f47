-- Module: email
-- An email that will not be tried again is DEAD, like a delivery.
ALTER TABLE emails DROP CONSTRAINT emails_status_check;
UPDATE emails SET status = 'DEAD' WHERE status = 'FAILED';
ALTER TABLE emails ADD CONSTRAINT emails_status_check CHECK (status IN ('PENDING', 'SENT', 'DEAD'));
