/**
 * Who may use the console and what they may do: operators sign in with the shop's JWT (checked
 * against the user service's JWK set), reading needs a viewer role and acting an operator role,
 * state-changing requests from another site or without the console's CSRF header are refused,
 * every answer carries the security headers, and each action is written to the audit trail.
 */
package io.sagashop.console.signin;
