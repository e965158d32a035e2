-- Each stored saga's version, raised by every update: a saga store that keeps sagas in memory
-- (CachingJdbcSagaStore) updates or deletes only the version it loaded, so a saga changed
-- meanwhile by another instance (a deadline fired there) is handled again instead of overwritten.
ALTER TABLE saga_entry ADD COLUMN entry_version BIGINT NOT NULL DEFAULT 0;
