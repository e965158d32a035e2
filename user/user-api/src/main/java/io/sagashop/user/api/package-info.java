/** The user service's contract: commands, events, queries and views other services may use. */
package io.sagashop.user.api;
