/** A tiny service used to test the platform and the test support the way a real service uses them. */
package io.sagashop.platform.test.app;
