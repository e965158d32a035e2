-- The order view derives STOCK_RESERVED from the catalog's StockReserved of every line, so it
-- remembers which lines are reserved.
ALTER TABLE order_view_line ADD COLUMN reserved BOOLEAN NOT NULL DEFAULT FALSE;

-- The saga's order book is gone: OrderCancellationRequested carries the lines the cancellation
-- saga needs, and the replay guard for OrderPlaced reads the saga journal.
DROP TABLE saga_placed_order_line;
DROP TABLE saga_placed_order;
