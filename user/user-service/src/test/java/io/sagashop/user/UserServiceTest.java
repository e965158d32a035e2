package io.sagashop.user;

import io.sagashop.platform.test.ServiceTest;
import org.junit.jupiter.api.Disabled;

/** {@link UserServiceScenarios} against the hub started in this JVM (commands, events and queries through it). */
@ServiceTest(properties = {UserServiceScenarios.ADMIN_EMAIL, UserServiceScenarios.ADMIN_PASSWORD})
@Disabled("Needs the hub's command routing, event store and query routing; main has none of them yet")
class UserServiceTest extends UserServiceScenarios {
}
