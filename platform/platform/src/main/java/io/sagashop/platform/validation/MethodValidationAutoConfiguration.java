package io.sagashop.platform.validation;

import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.validation.beanvalidation.FilteredMethodValidationPostProcessor;
import org.springframework.boot.validation.beanvalidation.MethodValidationExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;

/**
 * Spring Boot's method validation, with its validator looked up once instead of on every call.
 *
 * <p>Boot's {@code ValidationAutoConfiguration} hands the post-processor an {@link ObjectProvider}
 * of the validator, and Spring's {@link MethodValidationPostProcessor#setValidatorProvider} asks
 * that provider on every validated invocation: a dependency resolution in the bean factory for
 * each argument check and each return value check of every {@code @Validated} controller call,
 * about 6 % of the order service's request threads under load (docs/performance.md, session 18).
 * This bean is Boot's, property for property ({@code spring.aop.proxy-target-class},
 * {@code spring.validation.method.adapt-constraint-violations}, the exclude filters), except that
 * the provider it gets remembers the validator after the first call. It is made before Boot's,
 * which then steps back ({@code @ConditionalOnMissingBean}); a service that declares its own keeps
 * it.
 */
@AutoConfiguration(before = ValidationAutoConfiguration.class)
@ConditionalOnClass(ExecutableValidator.class)
@ConditionalOnResource(resources = "classpath:META-INF/services/jakarta.validation.spi.ValidationProvider")
public class MethodValidationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
    static MethodValidationPostProcessor methodValidationPostProcessor(Environment environment,
            ObjectProvider<Validator> validator, ObjectProvider<MethodValidationExcludeFilter> excludeFilters) {
        FilteredMethodValidationPostProcessor processor = new FilteredMethodValidationPostProcessor(
                excludeFilters.orderedStream());
        processor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
        processor.setAdaptConstraintViolations(
                environment.getProperty("spring.validation.method.adapt-constraint-violations", Boolean.class, false));
        processor.setValidatorProvider(new ResolvedOnce(validator));
        return processor;
    }

    /**
     * A provider that asks its delegate for the validator at the first call (not earlier: the
     * post-processor is made before the validator bean may be) and answers with it from then on.
     */
    static final class ResolvedOnce implements ObjectProvider<Validator> {

        private final ObjectProvider<Validator> delegate;
        private volatile Validator validator;

        ResolvedOnce(ObjectProvider<Validator> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Validator getObject() throws BeansException {
            Validator known = validator;
            if (known == null) {
                known = delegate.getObject();
                validator = known;
            }
            return known;
        }

        @Override
        public Validator getObject(Object... args) throws BeansException {
            return delegate.getObject(args);
        }

        @Override
        public Validator getIfAvailable() throws BeansException {
            return validator != null ? validator : delegate.getIfAvailable();
        }

        @Override
        public Validator getIfUnique() throws BeansException {
            return validator != null ? validator : delegate.getIfUnique();
        }
    }
}
