-- Failed logins per normalised email, whether or not an account has that address, so a lock
-- never tells which addresses are registered. In the database, so a lock holds on every node.
-- lock_level counts the locks so far: each lock lasts twice as long as the one before.
CREATE TABLE login_throttle (
    email_key    VARCHAR(320) NOT NULL PRIMARY KEY,
    failures     INT          NOT NULL,
    lock_level   INT          NOT NULL,
    locked_until TIMESTAMP(6) WITH TIME ZONE
);
