package io.sagashop.smtpsink;

import java.time.Instant;
import java.util.List;

/**
 * A mail the sink received.
 *
 * @param from       the From addresses
 * @param to         the To addresses
 * @param subject    the subject
 * @param text       the plain-text body (or the HTML source when the mail has no text part)
 * @param html       the HTML body, or {@code null}
 * @param receivedAt when it arrived
 */
public record ReceivedMail(List<String> from, List<String> to, String subject, String text, String html,
                           Instant receivedAt) {
}
