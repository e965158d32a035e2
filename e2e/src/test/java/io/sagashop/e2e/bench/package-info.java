/**
 * The load generator behind {@code ./shop bench}: open-loop order arrivals at stepped rates,
 * latency from placement to final state, CPU per order. Prints figures; asserts nothing.
 */
package io.sagashop.e2e.bench;
