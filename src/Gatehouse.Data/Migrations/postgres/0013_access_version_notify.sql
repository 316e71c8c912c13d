-- Version 13 (PostgreSQL): the database tells every node that access in an organization changed, as
-- pg_notify('gatehouse_access', '{organization id}:{access version}'), whenever the organization's access version moves.
-- A write used to send it itself, one more round trip while it held the organization's lock; now the notification
-- rides on the save that moves the version, and is delivered on commit as before. SQLite has one node: nothing to tell.
CREATE FUNCTION gatehouse_notify_access_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gatehouse_access', NEW.id::text || ':' || NEW.access_version::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER organizations_access_version_notify
    AFTER UPDATE OF access_version ON organizations
    FOR EACH ROW WHEN (OLD.access_version IS DISTINCT FROM NEW.access_version)
    EXECUTE FUNCTION gatehouse_notify_access_version();
