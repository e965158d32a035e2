package io.sagashop.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service's whole application on a random port, against the hub in this JVM and a fresh
 * MariaDB schema of its own (Flyway runs the service's and the platform's migrations; the schema
 * is dropped after the class). Tokens from {@link TestTokens} are accepted.
 *
 * <pre>{@code
 * @ServiceTest
 * class RegistrationTest {
 *     @Autowired TestRestTemplate http;
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ServiceTestInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface ServiceTest {

    /**
     * The application's configuration classes, as in {@link SpringBootTest#classes()}; by default
     * the {@code @SpringBootConfiguration} found from the test's package upwards. (Do not add a
     * class-level {@code @ContextConfiguration}: it would replace this one's initializer.)
     */
    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes() default {};

    /** Extra properties, as in {@link SpringBootTest#properties()}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
