package io.sagashop.hub.eventstore;

import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The subset of Axon Server's ad-hoc query language the hub understands (QueryEvents, the
 * search page): conditions on event columns joined by {@code and}, optionally followed by
 * {@code | limit(n)}. The empty query matches every event.
 * <pre>
 * query     := [ condition { "and" condition } ] [ "|" "limit" "(" number ")" ]
 * condition := column operator value
 * operator  := "=" | "==" | "!=" | "contains"            (text columns)
 *            | "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" (number columns)
 * value     := "text" | 'text' | number
 * </pre>
 * Text columns: eventIdentifier, aggregateIdentifier, aggregateType, payloadType,
 * payloadRevision, payloadData, metaData. Number columns: token, aggregateSequenceNumber,
 * timestamp (milliseconds since the epoch).
 */
final class EventQuery {

    static final List<String> COLUMNS = List.of("token", "eventIdentifier", "aggregateIdentifier",
            "aggregateSequenceNumber", "aggregateType", "payloadType", "payloadRevision", "payloadData",
            "timestamp", "metaData");
    private static final List<String> NUMBER_COLUMNS = List.of("token", "aggregateSequenceNumber", "timestamp");

    private record Condition(String column, String operator, Object value) {
    }

    private final List<Condition> conditions;
    private final long limit;

    private EventQuery(List<Condition> conditions, long limit) {
        this.conditions = conditions;
        this.limit = limit;
    }

    /** Parses a query; an {@link IllegalArgumentException} says what is wrong with it. */
    static EventQuery parse(String text) {
        return new Parser(text == null ? "" : text).query();
    }

    /** At most this many rows, or -1 for no limit. */
    long limit() {
        return limit;
    }

    /** The aggregate the query is restricted to, if it is; lets the store use its aggregate index. */
    String aggregateIdentifier() {
        for (Condition condition : conditions) {
            if (condition.column().equals("aggregateIdentifier") && condition.operator().equals("=")) {
                return (String) condition.value();
            }
        }
        return null;
    }

    boolean matches(long token, Event event) {
        for (Condition condition : conditions) {
            if (!holds(condition, value(condition.column(), token, event))) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Condition condition, Object actual) {
        if (actual instanceof Long number) {
            long expected = (Long) condition.value();
            return switch (condition.operator()) {
                case "=" -> number == expected;
                case "!=" -> number != expected;
                case "<" -> number < expected;
                case "<=" -> number <= expected;
                case ">" -> number > expected;
                case ">=" -> number >= expected;
                default -> false;
            };
        }
        String text = (String) actual;
        String expected = (String) condition.value();
        return switch (condition.operator()) {
            case "=" -> text.equals(expected);
            case "!=" -> !text.equals(expected);
            case "contains" -> text.contains(expected);
            default -> false;
        };
    }

    /** A column's value for one event: Long for number columns, String for the others. */
    static Object value(String column, long token, Event event) {
        return switch (column) {
            case "token" -> token;
            case "eventIdentifier" -> event.getMessageIdentifier();
            case "aggregateIdentifier" -> event.getAggregateIdentifier();
            case "aggregateSequenceNumber" -> event.getAggregateSequenceNumber();
            case "aggregateType" -> event.getAggregateType();
            case "payloadType" -> event.getPayload().getType();
            case "payloadRevision" -> event.getPayload().getRevision();
            case "payloadData" -> event.getPayload().getData().toStringUtf8();
            case "timestamp" -> event.getTimestamp();
            case "metaData" -> metaData(event.getMetaDataMap());
            default -> throw new IllegalArgumentException("unknown column " + column);
        };
    }

    private static String metaData(Map<String, MetaDataValue> metaData) {
        return metaData.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + metaDataValue(entry.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String metaDataValue(MetaDataValue value) {
        return switch (value.getDataCase()) {
            case TEXT_VALUE -> value.getTextValue();
            case NUMBER_VALUE -> Long.toString(value.getNumberValue());
            case BOOLEAN_VALUE -> Boolean.toString(value.getBooleanValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> value.getBytesValue().getData().toStringUtf8();
            default -> "";
        };
    }

    /** A small recursive-descent parser over a hand-rolled tokenizer. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        EventQuery query() {
            List<Condition> conditions = new ArrayList<>();
            long limit = -1;
            skipSpace();
            if (!atEnd() && peek() != '|') {
                conditions.add(condition());
                while (true) {
                    skipSpace();
                    if (atEnd() || peek() == '|') {
                        break;
                    }
                    String word = word();
                    if (!word.equalsIgnoreCase("and")) {
                        throw error("expected 'and' or '|' but found '" + word + "'");
                    }
                    conditions.add(condition());
                }
            }
            skipSpace();
            if (!atEnd()) {
                expect('|');
                skipSpace();
                String function = word();
                if (!function.equalsIgnoreCase("limit")) {
                    throw error("only '| limit(n)' is supported after '|', found '" + function + "'");
                }
                skipSpace();
                expect('(');
                skipSpace();
                limit = number();
                if (limit < 0) {
                    throw error("limit must not be negative");
                }
                skipSpace();
                expect(')');
                skipSpace();
                if (!atEnd()) {
                    throw error("unexpected text after limit(...)");
                }
            }
            return new EventQuery(List.copyOf(conditions), limit);
        }

        private Condition condition() {
            skipSpace();
            String column = word();
            if (!COLUMNS.contains(column)) {
                throw error("unknown column '" + column + "'; columns are " + COLUMNS);
            }
            skipSpace();
            String operator = operator();
            skipSpace();
            boolean numeric = NUMBER_COLUMNS.contains(column);
            if (numeric) {
                if (operator.equals("contains")) {
                    throw error("'contains' applies to text columns, not to " + column);
                }
                return new Condition(column, operator, number());
            }
            if (!List.of("=", "!=", "contains").contains(operator)) {
                throw error("operator " + operator + " applies to number columns, not to " + column);
            }
            return new Condition(column, operator, string());
        }

        private String operator() {
            if (text.startsWith("==", at)) {
                at += 2;
                return "=";
            }
            for (String op : List.of("!=", "<=", ">=", "=", "<", ">")) {
                if (text.startsWith(op, at)) {
                    at += op.length();
                    return op;
                }
            }
            int start = at;
            String word = atEnd() || !Character.isLetter(peek()) ? "" : word();
            if (word.equalsIgnoreCase("contains")) {
                return "contains";
            }
            at = start;
            throw error("expected an operator (=, !=, <, <=, >, >=, contains)");
        }

        private String word() {
            int start = at;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                at++;
            }
            if (start == at) {
                throw error("expected a word");
            }
            return text.substring(start, at);
        }

        private long number() {
            int start = at;
            if (!atEnd() && peek() == '-') {
                at++;
            }
            while (!atEnd() && Character.isDigit(peek())) {
                at++;
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                at = start;
                throw error("expected a number");
            }
        }

        private String string() {
            if (atEnd() || (peek() != '"' && peek() != '\'')) {
                throw error("expected a quoted text value");
            }
            char quote = text.charAt(at++);
            StringBuilder value = new StringBuilder();
            while (!atEnd() && peek() != quote) {
                char c = text.charAt(at++);
                if (c == '\\' && !atEnd()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            if (atEnd()) {
                throw error("unterminated text value");
            }
            at++;
            return value.toString();
        }

        private void expect(char c) {
            if (atEnd() || peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private void skipSpace() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                at++;
            }
        }

        private char peek() {
            return text.charAt(at);
        }

        private boolean atEnd() {
            return at >= text.length();
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("Invalid query at position " + at + ": " + message);
        }
    }
}
