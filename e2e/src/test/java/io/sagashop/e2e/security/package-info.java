/** The hub's security findings replayed against the real processes: every one refused, nothing changed. */
package io.sagashop.e2e.security;
