package io.sagashop.inspection;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.queryhandling.QueryExecutionException;

/**
 * The errors the library answers with. Their details are a plain map ({@code code}, {@code status},
 * {@code message}, and {@code field} when one input is at fault) so that any asker can read them
 * whatever classes it has: Axon carries a handler exception's details to the sender.
 */
final class InspectionErrors {

    private InspectionErrors() {
    }

    static QueryExecutionException invalidQuery(String code, String field, String message) {
        return new QueryExecutionException(message, null, details(code, 400, message, field));
    }

    static CommandExecutionException invalidCommand(String code, String field, String message) {
        return new CommandExecutionException(message, null, details(code, 400, message, field));
    }

    static CommandExecutionException notFound(String code, String message) {
        return new CommandExecutionException(message, null, details(code, 404, message, null));
    }

    static CommandExecutionException conflict(String code, String message) {
        return new CommandExecutionException(message, null, details(code, 409, message, null));
    }

    static Map<String, Object> details(String code, int status, String message, String field) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", code);
        details.put("status", status);
        details.put("message", message);
        if (field != null) {
            details.put("field", field);
        }
        return details;
    }
}
