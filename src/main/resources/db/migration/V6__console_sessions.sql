-- Admin console logins are sessions too, kept in the same table so that ending a user's sessions
-- (password change, deactivation, deletion, "log out everywhere") ends them on every node. The
-- channel keeps them apart: an API token never opens the console, a console cookie never calls the
-- API, and the one-active-session rule counts API sessions only.
ALTER TABLE sessions ADD COLUMN channel VARCHAR(8) DEFAULT 'api' NOT NULL;
