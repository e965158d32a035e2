package io.sagashop.hub.routing;

import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import java.util.List;

/**
 * Reading the processing instructions clients attach to commands and queries. The lists are
 * short (two to four entries), so a scan beats building a map on the dispatch path.
 */
public final class ProcessingInstructions {

    private ProcessingInstructions() {
    }

    /** The instruction's value, or {@code null} when absent. */
    public static MetaDataValue find(List<ProcessingInstruction> instructions, ProcessingKey key) {
        for (int i = 0, n = instructions.size(); i < n; i++) {
            ProcessingInstruction instruction = instructions.get(i);
            if (instruction.getKey() == key) {
                return instruction.getValue();
            }
        }
        return null;
    }

    /** A text value (the routing key); numbers are rendered as text. {@code null} when absent or empty. */
    public static String text(List<ProcessingInstruction> instructions, ProcessingKey key) {
        MetaDataValue value = find(instructions, key);
        if (value == null) {
            return null;
        }
        String text = switch (value.getDataCase()) {
            case TEXT_VALUE -> value.getTextValue();
            case NUMBER_VALUE -> Long.toString(value.getNumberValue());
            default -> null;
        };
        return text == null || text.isEmpty() ? null : text;
    }

    /** A numeric value, or {@code fallback} when absent or not a number. */
    public static long number(List<ProcessingInstruction> instructions, ProcessingKey key, long fallback) {
        MetaDataValue value = find(instructions, key);
        if (value == null) {
            return fallback;
        }
        return switch (value.getDataCase()) {
            case NUMBER_VALUE -> value.getNumberValue();
            case DOUBLE_VALUE -> (long) value.getDoubleValue();
            case TEXT_VALUE -> parse(value.getTextValue(), fallback);
            default -> fallback;
        };
    }

    /** A boolean value, {@code false} when absent. */
    public static boolean flag(List<ProcessingInstruction> instructions, ProcessingKey key) {
        MetaDataValue value = find(instructions, key);
        return value != null && value.getDataCase() == MetaDataValue.DataCase.BOOLEAN_VALUE && value.getBooleanValue();
    }

    private static long parse(String text, long fallback) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
