/**
 * Issue 14's findings replayed against the real processes, each expecting its refusal and that
 * nothing changed: the locked hub ({@code HubSecurityIT}), card data ({@code CardDataIT}) and the
 * abuse a public shop meets ({@code AbuseIT}).
 */
package io.sagashop.e2e.security;
