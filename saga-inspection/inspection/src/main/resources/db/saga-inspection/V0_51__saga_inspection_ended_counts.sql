-- How many ended sagas of each type and state the journal keeps, so that the counts the gauge
-- takes every 30 s and the dashboard shows need not read every saga kept (docs/performance.md,
-- "History"). Kept in the saga's transaction by JdbcSagaJournal.ended and by the retention's
-- deletes. A type and state is spread over slots (by saga id) so that sagas ending at the same
-- time on several segments or instances do not queue for one row's lock; the count is the sum.
CREATE TABLE saga_inspection_ended (
    saga_type VARCHAR(128) NOT NULL,
    state     VARCHAR(32)  NOT NULL,
    slot      SMALLINT     NOT NULL,
    sagas     BIGINT       NOT NULL,
    PRIMARY KEY (saga_type, state, slot)
);

-- The sagas that ended before this version, in slot 0.
INSERT INTO saga_inspection_ended (saga_type, state, slot, sagas)
SELECT saga_type, state, 0, COUNT(*) FROM saga_inspection_saga WHERE state <> 'ACTIVE' GROUP BY saga_type, state;
