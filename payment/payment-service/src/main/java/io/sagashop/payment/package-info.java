/**
 * The payment service: its application class and the Axon wiring of its event processors.
 */
package io.sagashop.payment;
