/** HTTP concerns every service shares: request correlation and RFC 7807 problem+json errors. */
package io.sagashop.platform.web;
