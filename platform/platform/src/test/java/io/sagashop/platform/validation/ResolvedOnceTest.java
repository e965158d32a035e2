package io.sagashop.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** The method validation's validator: asked of the bean factory at the first call only, then kept. */
class ResolvedOnceTest {

    @Test
    void theValidatorIsResolvedAtTheFirstCallAndKept() {
        AtomicInteger made = new AtomicInteger();
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("unrelated", "not a validator");
        ObjectProvider<Validator> provider = beans.getBeanProvider(Validator.class);
        MethodValidationAutoConfiguration.ResolvedOnce once = new MethodValidationAutoConfiguration.ResolvedOnce(provider);

        assertThat(once.getIfAvailable()).as("nothing resolved before the validator exists").isNull();
        beans.registerSingleton("validator", counting(made));
        Validator first = once.getObject();
        beans.destroySingleton("validator");

        assertThat(once.getObject()).as("kept, not looked up again").isSameAs(first);
        assertThat(once.getIfAvailable()).isSameAs(first);
        assertThat(once.getIfUnique()).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    private static Validator counting(AtomicInteger made) {
        made.incrementAndGet();
        return Validation.buildDefaultValidatorFactory().getValidator();
    }
}
