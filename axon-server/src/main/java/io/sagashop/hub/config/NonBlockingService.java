package io.sagashop.hub.config;

/**
 * Marks a gRPC service whose calls never block (no database, no waiting): its calls run on the
 * gRPC transport threads instead of being handed to the application executor, which saves a
 * thread switch per message on the hot paths. A service that may block must not carry it, or
 * must name the methods that do not block.
 */
public interface NonBlockingService {

    /** Whether calls of this method (its full gRPC name) never block; all of them unless overridden. */
    default boolean nonBlocking(String fullMethodName) {
        return true;
    }
}
