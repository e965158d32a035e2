/**
 * The baseline the load generator compares the hub against: every service's unchanged code in
 * one JVM, each in its own class loader (so each keeps its own application.yml and Flyway
 * scripts), all sharing Axon's local command bus, query bus and one JDBC event store.
 */
package io.sagashop.inprocess;
