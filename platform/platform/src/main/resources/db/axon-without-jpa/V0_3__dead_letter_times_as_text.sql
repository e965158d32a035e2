-- Only for services without JPA (JdbcDeadLetterQueueAutoConfiguration adds this location).
-- Axon's JDBC dead-letter queue writes and reads its three times as ISO-8601 text
-- (2026-12-07T00:11:24.450Z) and claims letters by comparing that text; its JPA queue, which
-- db/axon's dead_letter_entry was made for, maps them to DATETIME(6). A service that leaves JPA
-- keeps its dead letters: each stored time becomes the same text the JDBC queue would write.
-- The DATETIMEs were written by Hibernate in the JVM's zone; ./shop and the tests run in UTC, which
-- the appended 'Z' states. Runs on MariaDB/MySQL and on H2 in MySQL mode.
ALTER TABLE dead_letter_entry MODIFY COLUMN enqueued_at VARCHAR(255) NOT NULL;
ALTER TABLE dead_letter_entry MODIFY COLUMN last_touched VARCHAR(255);
ALTER TABLE dead_letter_entry MODIFY COLUMN processing_started VARCHAR(255);
UPDATE dead_letter_entry SET enqueued_at = CONCAT(REPLACE(LEFT(enqueued_at, 23), ' ', 'T'), 'Z');
UPDATE dead_letter_entry SET last_touched = CONCAT(REPLACE(LEFT(last_touched, 23), ' ', 'T'), 'Z')
    WHERE last_touched IS NOT NULL;
UPDATE dead_letter_entry SET processing_started = CONCAT(REPLACE(LEFT(processing_started, 23), ' ', 'T'), 'Z')
    WHERE processing_started IS NOT NULL;
