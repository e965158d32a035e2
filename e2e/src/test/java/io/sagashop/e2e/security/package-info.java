/** The shop under abuse: what a public shop meets from its customers and strangers, refused with nothing changed. */
package io.sagashop.e2e.security;
