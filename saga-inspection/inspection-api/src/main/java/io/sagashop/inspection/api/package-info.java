/**
 * The saga inspection protocol: Axon queries and commands whose names depend on no application.
 * <p>
 * Queries are sent as <em>scatter-gather</em> queries: every application that added the inspection
 * library answers for its own saga types, and the asker merges the answers. An application with
 * nothing to say answers an empty list or {@code null} ({@link FindSagaQuery}).
 * <p>
 * Operator actions are {@link SagaActionCommand}s. A command reaches one handler, so each saga type
 * subscribes its own command name, {@link SagaActionCommand#commandName(String)}; the asker learns
 * the saga types from {@link FindSagaTypesQuery} and never builds a name from a domain it knows.
 * <p>
 * Payloads are plain records, serialized as JSON by Axon's JacksonSerializer, so a client that
 * has none of these classes (the hub) can still ask with the class names and JSON.
 */
package io.sagashop.inspection.api;
