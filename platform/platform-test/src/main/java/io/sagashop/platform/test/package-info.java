/** Test support for services: a fresh MariaDB schema per test class, the hub in the test JVM, JWT test tokens. */
package io.sagashop.platform.test;
