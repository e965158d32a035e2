-- What the catalog announced, as far as suggestions need it.
CREATE TABLE known_product (
    product_id   VARCHAR(64)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    category     VARCHAR(100) NOT NULL,
    discontinued BOOLEAN      NOT NULL,
    PRIMARY KEY (product_id)
);
CREATE INDEX known_product_category ON known_product (category);

-- Customers the user service registered, and their favourite categories in their order.
CREATE TABLE customer (
    customer_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (customer_id)
);
CREATE TABLE favourite_category (
    customer_id VARCHAR(64)  NOT NULL,
    position    INT          NOT NULL,
    category    VARCHAR(100) NOT NULL,
    PRIMARY KEY (customer_id, position)
);

-- One row per product of a confirmed order. The key (order, product) makes a replayed
-- OrderConfirmed a no-op; co-purchase counts are computed from these rows when asked.
CREATE TABLE purchase (
    order_id    VARCHAR(64) NOT NULL,
    product_id  VARCHAR(64) NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    quantity    INT         NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
CREATE INDEX purchase_customer ON purchase (customer_id, product_id);
CREATE INDEX purchase_product ON purchase (product_id, customer_id);

-- Orders that ended cancelled: a late or duplicated OrderConfirmed of one of them adds nothing.
CREATE TABLE cancelled_order (
    order_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (order_id)
);
