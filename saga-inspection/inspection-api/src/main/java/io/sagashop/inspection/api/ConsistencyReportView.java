package io.sagashop.inspection.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One application's consistency report.
 *
 * @param application          who checked
 * @param checkedAt            when
 * @param checked              how many of each kind of thing were checked (e.g. {@code "orders" -> 120})
 * @param rules                every rule checked, with its number of violations (0 included)
 * @param violations           the violations found, cut at the query's maximum
 */
public record ConsistencyReportView(String application, Instant checkedAt, Map<String, Integer> checked,
                                    Map<String, Integer> rules, List<ConsistencyViolationView> violations) {
    public ConsistencyReportView {
        checked = Map.copyOf(checked);
        rules = Map.copyOf(rules);
        violations = List.copyOf(violations);
    }

    /** Whether no rule is broken. */
    public boolean clean() {
        return rules.values().stream().allMatch(count -> count == 0);
    }
}
