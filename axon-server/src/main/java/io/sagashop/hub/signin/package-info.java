/**
 * Who is using the hub's HTTP API and dashboard, and what they may do there: operators sign in
 * with their shop account (the user service's JWT, checked against its JWK set) or with a hub
 * token; viewers read, operators act; cross-site requests are refused and every answer carries
 * the security headers a browser needs.
 */
package io.sagashop.hub.signin;
