-- The order service's own tables (Axon's come from the platform at classpath:db/axon).
-- MySQL syntax that also runs on H2 in MySQL mode.

-- Placement: one row per order accepted over HTTP, committed before PlaceOrder is sent, so that
-- a retry with the same Idempotency-Key finds the order id it must answer (and re-sends the
-- command for it if the service died in between), and so cancel knows an order's owner at once.
-- The unique key makes concurrent retries of one key meet on one row; NULL keys never collide.
create table order_placement (
    order_id        varchar(64)  not null,
    customer_id     varchar(64)  not null,
    idempotency_key varchar(64),
    request_hash    char(64)     not null,
    state           varchar(16)  not null,
    created_at      datetime(6)  not null,
    primary key (order_id),
    unique key uk_order_placement_key (customer_id, idempotency_key)
);

-- Tracking projection (processing group order-tracking): one row per order, with its lines and
-- its timeline of steps.
create table order_view (
    order_id         varchar(64)    not null,
    customer_id      varchar(64)    not null,
    status           varchar(20)    not null,
    total            decimal(19, 2) not null,
    currency         varchar(3)     not null,
    payment_method   varchar(16),
    payment_id       varchar(64),
    payment_status   varchar(20),
    recipient        varchar(200),
    street           varchar(200),
    postal_code      varchar(20),
    city             varchar(100),
    country          varchar(2),
    rejection_reason varchar(32),
    rejection_detail varchar(1000),
    placed_at        datetime(6)    not null,
    updated_at       datetime(6)    not null,
    primary key (order_id)
);
create index ix_order_view_customer on order_view (customer_id, placed_at);
create index ix_order_view_status on order_view (status, placed_at);

create table order_view_line (
    order_id   varchar(64)    not null,
    line_no    int            not null,
    product_id varchar(64)    not null,
    sku        varchar(64),
    name       varchar(200),
    quantity   int            not null,
    unit_price decimal(19, 2) not null,
    primary key (order_id, line_no),
    constraint fk_order_view_line foreign key (order_id) references order_view (order_id)
);

-- event_id makes the projection idempotent: an event whose id is already in the timeline is skipped.
create table order_view_step (
    order_id varchar(64)   not null,
    step_no  int           not null,
    step     varchar(40)   not null,
    at       datetime(6)   not null,
    detail   varchar(1000),
    event_id varchar(64)   not null,
    primary key (order_id, step_no),
    constraint fk_order_view_step foreign key (order_id) references order_view (order_id)
);
