-- The order saga's journal for the dashboard (saga inspection) and what the saga remembers of
-- placed orders. Written by the saga in the same transaction as its handling.

CREATE TABLE saga_summary (
    saga_id          VARCHAR(64)  NOT NULL,
    order_id         VARCHAR(255) NOT NULL,
    state            VARCHAR(32)  NOT NULL,
    current_step     VARCHAR(32)  NOT NULL,
    started_at       DATETIME(6)  NOT NULL,
    last_activity_at DATETIME(6)  NOT NULL,
    order_deadline   DATETIME(6)  NULL,
    PRIMARY KEY (saga_id)
);
CREATE INDEX saga_summary_order ON saga_summary (order_id, started_at);
CREATE INDEX saga_summary_state_activity ON saga_summary (state, last_activity_at);

CREATE TABLE saga_timeline (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    saga_id      VARCHAR(64)   NOT NULL,
    at           DATETIME(6)   NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    message_name VARCHAR(255),
    service      VARCHAR(64),
    detail       VARCHAR(2000),
    PRIMARY KEY (id)
);
CREATE INDEX saga_timeline_saga ON saga_timeline (saga_id, id);

CREATE TABLE saga_deadline (
    deadline_id   VARCHAR(255) NOT NULL,
    saga_id       VARCHAR(64)  NOT NULL,
    deadline_name VARCHAR(64)  NOT NULL,
    due_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (deadline_id)
);
CREATE INDEX saga_deadline_saga ON saga_deadline (saga_id, deadline_name, due_at);

CREATE TABLE saga_placed_order (
    order_id    VARCHAR(255)   NOT NULL,
    customer_id VARCHAR(255)   NOT NULL,
    total       DECIMAL(19, 4) NOT NULL,
    currency    VARCHAR(3)     NOT NULL,
    PRIMARY KEY (order_id)
);

CREATE TABLE saga_placed_order_line (
    order_id   VARCHAR(255) NOT NULL,
    product_id VARCHAR(255) NOT NULL,
    quantity   INT          NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
