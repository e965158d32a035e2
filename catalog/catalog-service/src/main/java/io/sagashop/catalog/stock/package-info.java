/**
 * Stock figures per product (received, available, reserved, sold, open reservations): a
 * projection in plain SQL, served as FindStockLevelsQuery to the order saga's consistency audit.
 */
package io.sagashop.catalog.stock;
