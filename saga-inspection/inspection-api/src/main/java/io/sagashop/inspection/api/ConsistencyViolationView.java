package io.sagashop.inspection.api;

import java.util.Map;

/**
 * One broken rule.
 *
 * @param rule        which rule
 * @param description what is wrong, in words, with the figures
 * @param subjects    what is involved, by kind (e.g. {@code "orderId" -> "..."}); a subject's value is
 *                    also the business key of the sagas that concern it, so a console can link them
 */
public record ConsistencyViolationView(String rule, String description, Map<String, String> subjects) {
    public ConsistencyViolationView {
        subjects = Map.copyOf(subjects);
    }
}
