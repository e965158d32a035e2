package io.sagashop.order.placement;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/** Reads a failed PlaceOrder: did the aggregate already exist? */
final class PlacementFailures {

    private PlacementFailures() {
    }

    static boolean orderAlreadyExists(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof AggregateStreamCreationException || t instanceof ConcurrencyException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            // Through the hub the handler's exception arrives as a code and a message only.
            if (message.contains("AXONIQ-2000") || message.contains("already exists")) {
                return true;
            }
        }
        return false;
    }
}
