/**
 * The catalog service's application and Axon wiring; features live in the sub-packages.
 */
package io.sagashop.catalog;
