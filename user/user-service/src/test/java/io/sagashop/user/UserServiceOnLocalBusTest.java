package io.sagashop.user;

import io.sagashop.platform.test.ServiceTest;

/**
 * {@link UserServiceScenarios} on Axon's local buses with the JPA event store in the test schema:
 * the service's own wiring (Flyway, JPA, security, projection, query handlers) without the hub.
 */
@ServiceTest(properties = {"axon.axonserver.enabled=false", UserServiceScenarios.ADMIN_EMAIL, UserServiceScenarios.ADMIN_PASSWORD})
class UserServiceOnLocalBusTest extends UserServiceScenarios {
}
