-- The saga inspection library's journal (saga-inspection/README.md): one row per saga, its
-- timeline and its pending deadlines. Written by the application's sagas in the transaction of
-- their handling. Version 0.50: below every application's own migrations (V1 and up) and above
-- the platform's Axon tables (db/axon, 0.1 and up); with flyway out-of-order it also applies to a
-- schema whose own migrations ran already.

CREATE TABLE saga_inspection_saga (
    saga_id          VARCHAR(64)  NOT NULL,
    saga_type        VARCHAR(128) NOT NULL,
    business_key     VARCHAR(255) NOT NULL,
    state            VARCHAR(32)  NOT NULL,
    current_step     VARCHAR(64)  NOT NULL,
    started_at       DATETIME(6)  NOT NULL,
    last_activity_at DATETIME(6)  NOT NULL,
    due_at           DATETIME(6)  NULL,
    PRIMARY KEY (saga_id)
);
CREATE INDEX saga_inspection_saga_key ON saga_inspection_saga (business_key, started_at);
CREATE INDEX saga_inspection_saga_state_activity ON saga_inspection_saga (state, last_activity_at);
CREATE INDEX saga_inspection_saga_type_state ON saga_inspection_saga (saga_type, state);

CREATE TABLE saga_inspection_timeline (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    saga_id      VARCHAR(64)   NOT NULL,
    at           DATETIME(6)   NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    message_name VARCHAR(255),
    service      VARCHAR(64),
    detail       VARCHAR(2000),
    PRIMARY KEY (id)
);
CREATE INDEX saga_inspection_timeline_saga ON saga_inspection_timeline (saga_id, id);

CREATE TABLE saga_inspection_deadline (
    deadline_id   VARCHAR(255) NOT NULL,
    saga_id       VARCHAR(64)  NOT NULL,
    deadline_name VARCHAR(64)  NOT NULL,
    due_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (deadline_id)
);
CREATE INDEX saga_inspection_deadline_saga ON saga_inspection_deadline (saga_id, deadline_name, due_at);
