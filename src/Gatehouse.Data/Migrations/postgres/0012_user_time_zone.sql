-- Version 12 (PostgreSQL): the time zone a person chose for the console's times (an IANA name such as Europe/Berlin);
-- null shows them in UTC, as before.
ALTER TABLE users ADD COLUMN time_zone TEXT NULL;
