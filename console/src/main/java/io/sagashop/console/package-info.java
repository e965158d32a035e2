/**
 * The standalone saga console: {@code inspection} asks the applications through Axon's gateways,
 * {@code signin} decides who may see and act (the shop's admin JWT, cross-site refusal, security
 * headers, the audit trail), {@code web} serves the pages.
 */
package io.sagashop.console;
