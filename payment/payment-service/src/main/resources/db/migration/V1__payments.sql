-- The query side: one row per payment, kept up to date from events.
CREATE TABLE payment (
    payment_id        VARCHAR(64)    NOT NULL,
    order_id          VARCHAR(64)    NOT NULL,
    customer_id       VARCHAR(64)    NOT NULL,
    amount            DECIMAL(19, 2) NOT NULL,
    currency          VARCHAR(3)     NOT NULL,
    method_type       VARCHAR(16)    NOT NULL,
    status            VARCHAR(20)    NOT NULL,
    captured_amount   DECIMAL(19, 2) NOT NULL,
    refunded_amount   DECIMAL(19, 2) NOT NULL,
    gateway           VARCHAR(32),
    gateway_reference VARCHAR(64),
    decline_reason    VARCHAR(64),
    requested_at      TIMESTAMP(6)   NOT NULL,
    updated_at        TIMESTAMP(6)   NOT NULL,
    PRIMARY KEY (payment_id)
);
CREATE INDEX payment_order ON payment (order_id, requested_at);
CREATE INDEX payment_status ON payment (status, requested_at);

-- Which gateway a charge may have reached, written and committed before the call, so a retry
-- after a crash asks the same gateway with the same idempotency key instead of failing over.
CREATE TABLE gateway_attempt (
    idempotency_key VARCHAR(64)  NOT NULL,
    operation       VARCHAR(10)  NOT NULL,
    gateway         VARCHAR(32)  NOT NULL,
    attempted_at    TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (idempotency_key, operation)
);
