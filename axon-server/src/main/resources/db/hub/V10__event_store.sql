-- The hub's event store. One script for MariaDB/MySQL (InnoDB) and H2 in MySQL mode.
-- Versions V10-V19 are the event store's, so migrations of other hub parts do not collide.

-- Contexts get a small number so every event row and index entry carries 2 bytes, not a name.
CREATE TABLE hub_context (
    id   SMALLINT     NOT NULL,
    name VARCHAR(255) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_hub_context_name (name)
) ENGINE = InnoDB;

-- One row per event: the protobuf Event exactly as the client sent it, plus the columns the
-- hub looks events up by. global_index is the tracking token, gapless from 0 per context.
-- aggregate_id is the UTF-8 of the identifier (binary: identifiers are case-sensitive); NULL
-- for events that belong to no aggregate. The unique key is the last line of defence for the
-- optimistic concurrency check the writer does in memory.
CREATE TABLE hub_event (
    context_id      SMALLINT        NOT NULL,
    global_index    BIGINT          NOT NULL,
    aggregate_id    VARBINARY(1024) NULL,
    sequence_number BIGINT          NULL,
    time_stamp      BIGINT          NOT NULL,
    event           LONGBLOB        NOT NULL,
    PRIMARY KEY (context_id, global_index),
    UNIQUE KEY uk_hub_event_aggregate (context_id, aggregate_id, sequence_number),
    KEY ix_hub_event_time (context_id, time_stamp)
) ENGINE = InnoDB;

CREATE TABLE hub_snapshot (
    context_id      SMALLINT        NOT NULL,
    aggregate_id    VARBINARY(1024) NOT NULL,
    sequence_number BIGINT          NOT NULL,
    time_stamp      BIGINT          NOT NULL,
    event           LONGBLOB        NOT NULL,
    PRIMARY KEY (context_id, aggregate_id, sequence_number)
) ENGINE = InnoDB;

-- Events scheduled for later publication (EventScheduler service). A row is deleted in the same
-- transaction that appends its event, so a due event is published exactly once.
CREATE TABLE hub_scheduled_event (
    token      VARCHAR(64) NOT NULL,
    context_id SMALLINT    NOT NULL,
    due_at     BIGINT      NOT NULL,
    event      LONGBLOB    NOT NULL,
    PRIMARY KEY (token),
    KEY ix_hub_scheduled_due (due_at)
) ENGINE = InnoDB;
