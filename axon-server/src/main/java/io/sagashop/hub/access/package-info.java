/**
 * Who may talk to the hub and what each may do: one credential per application, the permissions
 * of each application written as patterns over message names (read from {@code hub-access.yml}),
 * and the binding of a client instance to the application that connected it. docs/security.md
 * describes the model next to Axon Server EE's application tokens and roles.
 */
package io.sagashop.hub.access;
