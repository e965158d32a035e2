/** JWT resource-server security every service shares: tokens from the user service, roles from claim {@code roles}. */
package io.sagashop.platform.security;
