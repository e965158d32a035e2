/**
 * The recommendation service: its application class and the Axon wiring of its one event
 * processor.
 */
package io.sagashop.recommendation;
