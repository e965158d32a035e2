-- The catalog's prices as this service sells at them: the order-prices processor keeps them from the
-- catalog's product events (placement/PriceListProjection), so an order is priced without a query
-- through the hub. Columns as the catalog's ProductPriceView.
create table price_list (
    product_id   varchar(64)    not null,
    sku          varchar(64)    not null,
    name         varchar(200)   not null,
    price        decimal(19, 2) not null,
    currency     varchar(3)     not null,
    discontinued boolean        not null default false,
    primary key (product_id)
);
