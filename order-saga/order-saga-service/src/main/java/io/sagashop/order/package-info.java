/**
 * The order service: the application class and the wiring shared by its features
 * ({@code placement}, {@code tracking}, {@code saga}, {@code audit}).
 */
package io.sagashop.order;
