/** Defaults every service starts from; a service's own application.yml overrides any of them. */
package io.sagashop.platform.config;
