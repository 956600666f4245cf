-- Written the safe way: a short lock_timeout and a nullable column. The index on it is built
-- concurrently in V2_1, a migration of its own: Flyway refuses a file that mixes statements that
-- cannot run in a transaction with ones that can.
SET lock_timeout = '2s';
ALTER TABLE pages ADD COLUMN http_status integer;
