package io.sagashop.platform.web;

/**
 * One invalid input field in a 400 problem+json body ({@code errors: [{field, message}]}).
 *
 * @param field   the field's name as the caller sent it (a JSON property path or a parameter name)
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
