-- Contact details and channel preferences, from the user service's events.
CREATE TABLE contact (
    user_id      VARCHAR(64)  NOT NULL,
    email        VARCHAR(320),
    name         VARCHAR(200),
    phone        VARCHAR(40),
    email_wanted BOOLEAN      NOT NULL,
    sms_wanted   BOOLEAN      NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (user_id)
);

-- One row per notification; the unique key is the exactly-once rule (order, outcome, channel).
CREATE TABLE delivery (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    order_id    VARCHAR(64)   NOT NULL,
    outcome     VARCHAR(16)   NOT NULL,
    channel     VARCHAR(8)    NOT NULL,
    customer_id VARCHAR(64)   NOT NULL,
    recipient   VARCHAR(320)  NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    attempts    INT           NOT NULL,
    last_error  VARCHAR(1000),
    created_at  DATETIME(6)   NOT NULL,
    sent_at     DATETIME(6),
    PRIMARY KEY (id),
    CONSTRAINT delivery_once UNIQUE (order_id, outcome, channel)
);
CREATE INDEX delivery_by_customer ON delivery (customer_id, created_at);

-- The lines of orders seen in outcome events, for the refund mail (OrderRefunded has none).
CREATE TABLE known_order (
    order_id    VARCHAR(64)  NOT NULL,
    order_lines LONGTEXT     NOT NULL,
    PRIMARY KEY (order_id)
);

-- What the simulated SMS provider "sent": nothing leaves the machine.
CREATE TABLE sms_message (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    phone       VARCHAR(40)   NOT NULL,
    body        VARCHAR(1000) NOT NULL,
    reference   VARCHAR(64),
    recorded_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
);
