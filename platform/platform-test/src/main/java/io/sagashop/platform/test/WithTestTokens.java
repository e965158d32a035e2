package io.sagashop.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * For slice tests such as {@code @WebMvcTest}: the platform's JWT validation trusts
 * {@link TestTokens}, so requests can carry {@code TestTokens.admin()} or
 * {@code TestTokens.customer(id)} and meet the real role checks.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = TestTokensInitializer.class)
public @interface WithTestTokens {
}
