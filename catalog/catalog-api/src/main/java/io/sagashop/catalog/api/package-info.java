/**
 * The catalog's wire contract: commands, events, queries, views and typed ids that other services
 * share as compiled types (under the Axon Server protocol the class name is the contract).
 */
package io.sagashop.catalog.api;
