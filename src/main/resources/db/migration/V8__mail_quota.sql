-- Mails that someone asks for (a reset link, another verification link), counted per normalised
-- address and kind whether or not an account has the address: an address without an account gets
-- a notice instead of a link, within the same cap, so the cap never tells which addresses are
-- registered. In the database, so the cap holds on every node. Each row counts the mails of the
-- hour that began with the first of them; this replaces counting the tokens of the last hour.
CREATE TABLE mail_quota (
    email_key    VARCHAR(320) NOT NULL,
    purpose      VARCHAR(16)  NOT NULL,
    window_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    mails        INT          NOT NULL,
    PRIMARY KEY (email_key, purpose)
);
