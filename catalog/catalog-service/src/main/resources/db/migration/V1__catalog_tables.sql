-- The catalog's own tables (Axon's come from the platform at classpath:db/axon).
-- MySQL syntax that also runs on H2 in MySQL mode.

-- Search projection (processing group catalog-search).
create table product_entry (
    product_id      varchar(64)    not null,
    sku             varchar(64)    not null,
    name            varchar(200)   not null,
    description     varchar(4000)  not null,
    category        varchar(100)   not null,
    price           decimal(19, 2) not null,
    currency        varchar(3)     not null,
    available_stock int            not null,
    discontinued    bit            not null,
    created_at      datetime(6)    not null,
    primary key (product_id)
);
create index ix_product_entry_category on product_entry (category);
create index ix_product_entry_price on product_entry (price);
create index ix_product_entry_name on product_entry (name);

-- Stock figures for the audit (processing group catalog-stock).
create table stock_level (
    product_id varchar(64) not null,
    sku        varchar(64) not null,
    received   int         not null,
    available  int         not null,
    reserved   int         not null,
    sold       int         not null,
    primary key (product_id)
);
create table stock_open_reservation (
    product_id varchar(64) not null,
    order_id   varchar(64) not null,
    quantity   int         not null,
    primary key (product_id, order_id),
    constraint fk_open_reservation_stock_level foreign key (product_id) references stock_level (product_id)
);

-- Unique-SKU lookup, written in the AddProduct command's transaction (processing group catalog-sku).
create table product_sku (
    sku        varchar(64) not null,
    product_id varchar(64) not null,
    primary key (sku)
);
