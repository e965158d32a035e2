/** Security properties of the shop checked against the real processes: no card number stored, logged or shown. */
package io.sagashop.e2e.security;
