-- The time index (context_id, time_stamp) was only read by GetTokenAt, a rare call, yet every
-- append paid for it: one more B-tree entry (about 30 bytes with its record header and the
-- primary key it carries) per event, in the redo log and in the pages flushed. GetTokenAt now
-- finds its token by a binary search over the primary key instead (see EventTable.firstTokenAt).
-- Numbered 19.1: V19 is already applied where the hub runs, and Flyway refuses an older version
-- that arrives after a newer one.
DROP INDEX ix_hub_event_time ON hub_event;
