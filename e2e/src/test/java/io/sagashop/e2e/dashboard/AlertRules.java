package io.sagashop.e2e.dashboard;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads metric names out of Prometheus alert rules and out of a Prometheus text exposition. */
final class AlertRules {

    /** A metric selector in PromQL: a name followed by a label matcher or a range. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    /** A PromQL expression: after {@code expr:}, up to the rule's next key ({@code for:}, {@code labels:}). */
    private static final Pattern EXPR = Pattern.compile("expr:(.*?)\\n\\s*(?:for|labels|annotations):", Pattern.DOTALL);
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private AlertRules() {
    }

    static Set<String> metricNames(String rulesYaml) {
        Set<String> names = new TreeSet<>();
        String withoutComments = rulesYaml.replaceAll("(?m)^\\s*#.*$", "");
        Matcher expressions = EXPR.matcher(withoutComments);
        while (expressions.find()) {
            // label values ("STUCK", "OrderSaga") are in quotes, never followed by { or [
            String expression = expressions.group(1).replaceAll("\"[^\"]*\"", "\"\"");
            Matcher selectors = SELECTOR.matcher(expression);
            while (selectors.find()) {
                names.add(selectors.group(1));
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
