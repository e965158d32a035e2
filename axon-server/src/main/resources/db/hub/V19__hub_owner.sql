-- Who holds the event store of this schema: written by the hub that holds the database lock
-- (GET_LOCK, see StoreLock), read by a second hub that finds the lock taken, to name the first.
-- One row; replaced by each hub that takes the lock. Numbered at the top of the event store's
-- range (V10-V19) so that its other migrations keep the numbers below.
CREATE TABLE hub_owner (
    id            SMALLINT     NOT NULL,
    node_name     VARCHAR(255) NOT NULL,
    host_name     VARCHAR(255) NOT NULL,
    pid           BIGINT       NOT NULL,
    started_at    BIGINT       NOT NULL,
    connection_id BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
