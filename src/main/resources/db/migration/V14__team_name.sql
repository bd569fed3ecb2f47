-- Module: settings
-- The name customers see on staff replies when the staff member has no display name of their own.
ALTER TABLE settings ADD COLUMN team_name text NOT NULL DEFAULT 'Support team';
