/** The HTTP side on :8024: Axon Server compatible REST endpoints and the operations dashboard. */
package io.sagashop.hub.dashboard;
