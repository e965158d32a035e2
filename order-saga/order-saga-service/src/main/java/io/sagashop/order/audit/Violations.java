package io.sagashop.order.audit;

import io.sagashop.order.api.AuditViolationView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The violations an audit found: every one counted under its invariant, only the first
 * {@code max} kept, so that a shop with many broken orders does not fill the memory either.
 */
final class Violations {

    private final int max;
    private final List<AuditViolationView> listed = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    Violations(List<String> invariants, int max) {
        this.max = max;
        invariants.forEach(name -> counts.put(name, 0));
    }

    void add(AuditViolationView violation) {
        counts.merge(violation.invariant(), 1, Integer::sum);
        if (listed.size() < max) {
            listed.add(violation);
        }
    }

    List<AuditViolationView> listed() {
        return listed;
    }

    Map<String, Integer> counts() {
        return counts;
    }
}
