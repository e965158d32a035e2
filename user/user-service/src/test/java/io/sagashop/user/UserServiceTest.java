package io.sagashop.user;

import io.sagashop.platform.test.ServiceTest;

/** {@link UserServiceScenarios} against the hub started in this JVM (commands, events and queries through it). */
@ServiceTest(properties = {UserServiceScenarios.ADMIN_EMAIL, UserServiceScenarios.ADMIN_PASSWORD})
class UserServiceTest extends UserServiceScenarios {
}
