package io.sagashop.e2e.dashboard;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads metric names out of Prometheus alert rules and out of a Prometheus text exposition. */
final class AlertRules {

    /** A PromQL expression: after {@code expr:}, up to the rule's next key ({@code for:}, {@code labels:}). */
    private static final Pattern EXPR = Pattern.compile("expr:(.*?)\\n\\s*(?:for|labels|annotations):", Pattern.DOTALL);
    /** An identifier not followed by an opening parenthesis (which would make it a function). */
    private static final Pattern NAME = Pattern.compile("(?<![a-zA-Z0-9_:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?!\\s*\\()(?![a-zA-Z0-9_:])");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private AlertRules() {
    }

    static Set<String> metricNames(String rulesYaml) {
        Set<String> names = new TreeSet<>();
        String withoutComments = rulesYaml.replaceAll("(?m)^\\s*#.*$", "");
        Matcher expressions = EXPR.matcher(withoutComments);
        while (expressions.find()) {
            // What is left once label values, label matchers, ranges and grouping clauses are gone:
            // functions (followed by a parenthesis), operators, numbers and metric names.
            String expression = expressions.group(1)
                    .replaceAll("\"[^\"]*\"", "")
                    .replaceAll("\\{[^}]*}", "")
                    .replaceAll("\\[[^\\]]*\\]", "")
                    .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
            Matcher candidates = NAME.matcher(expression);
            while (candidates.find()) {
                if (!KEYWORDS.contains(candidates.group(1))) {
                    names.add(candidates.group(1));
                }
            }
        }
        return names;
    }

    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher samples = SAMPLE.matcher(exposition);
        while (samples.find()) {
            names.add(samples.group(1));
        }
        return names;
    }
}
