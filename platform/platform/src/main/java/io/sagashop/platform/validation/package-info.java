/** Bean Validation of method arguments (a controller's {@code @Validated} parameters), resolved once. */
package io.sagashop.platform.validation;
