/**
 * What the service knows, kept from other services' events only: products (catalog), favourite
 * categories (user) and purchases (orders), and {@link io.sagashop.recommendation.history.History},
 * which reads the part of it one question needs.
 */
package io.sagashop.recommendation.history;
