-- Where a staff member is told of customer replies on threads assigned to them.
ALTER TABLE users ADD COLUMN email text;
