/**
 * The command side: the event-sourced Product aggregate (details, price, stock and the order
 * saga's reservations), its HTTP command API and the unique-SKU lookup.
 */
package io.sagashop.catalog.product;
