-- Module: account
-- Raised by every password change: a session carries the number it logged in with and ends when it is old.
ALTER TABLE users ADD COLUMN credentials_version integer NOT NULL DEFAULT 1;
-- The name customers see on this person's replies; null: the team's name from the settings.
ALTER TABLE users ADD COLUMN display_name text;
