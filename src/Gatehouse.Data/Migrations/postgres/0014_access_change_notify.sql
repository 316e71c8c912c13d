-- Version 14 (PostgreSQL): the access notification also says what the write touched, so the other nodes patch those
-- members, scopes or roles into the organization they hold instead of reading and compiling it whole:
-- pg_notify('gatehouse_access', '{organization id}:{access version}:{what it touched}'). A write sets access_change in
-- the same UPDATE that moves access_version; this trigger, now BEFORE the update, puts it in the notification and empties
-- it, so nothing is stored, and a write that does not set it announces the version alone (the other nodes then compile
-- the organization whole, as before). The notification is still delivered on commit.
ALTER TABLE organizations ADD COLUMN access_change text NULL;

DROP TRIGGER organizations_access_version_notify ON organizations;

CREATE OR REPLACE FUNCTION gatehouse_notify_access_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.access_version IS DISTINCT FROM NEW.access_version THEN
        PERFORM pg_notify('gatehouse_access', NEW.id::text || ':' || NEW.access_version::text || COALESCE(':' || NEW.access_change, ''));
    END IF;
    NEW.access_change := NULL;
    RETURN NEW;
END
$$;

CREATE TRIGGER organizations_access_version_notify
    BEFORE UPDATE OF access_version, access_change ON organizations
    FOR EACH ROW
    EXECUTE FUNCTION gatehouse_notify_access_version();
