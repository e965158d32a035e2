package io.sagashop.notification.message;

/**
 * A notification e-mail ready to send.
 *
 * @param subject the subject line
 * @param text    the plain-text body
 * @param html    the HTML body
 */
public record RenderedMail(String subject, String text, String html) {
}
