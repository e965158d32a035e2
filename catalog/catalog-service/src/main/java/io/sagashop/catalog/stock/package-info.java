/**
 * Stock figures per product (received, available, reserved, sold, open reservations): a JPA
 * projection served as FindStockLevelsQuery to the order saga's consistency audit.
 */
package io.sagashop.catalog.stock;
