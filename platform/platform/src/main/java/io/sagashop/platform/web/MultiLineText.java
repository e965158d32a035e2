package io.sagashop.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of a request body that may hold line breaks and tabs (a description, a
 * note). Every other string field of a request body is single-line: the platform refuses CR, LF
 * and tab there, and control and bidirectional-override characters everywhere (see
 * {@link SafeText}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface MultiLineText {
}
