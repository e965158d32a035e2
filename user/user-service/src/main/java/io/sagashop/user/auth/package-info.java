/** Login: the service's RSA signing key (kept in its schema), issuing RS256 tokens, the public JWK set. */
package io.sagashop.user.auth;
