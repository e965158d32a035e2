package io.sagashop.hub.config;

/**
 * Marks a gRPC service whose calls never block (no database, no waiting): its calls run on the
 * gRPC transport threads instead of being handed to the application executor, which saves a
 * thread switch per message on the hot routing paths. A service that may block must not carry it.
 */
public interface NonBlockingService {
}
