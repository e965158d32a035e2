package io.sagashop.user.account;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A new password that {@link PasswordPolicy} accepts; the violation's message names the broken
 * rule, so the 400 names the field and the rule together with every other invalid field.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AcceptablePassword.Validator.class)
public @interface AcceptablePassword {

    String message() default "is not an acceptable password";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks with the application's policy (Spring builds validators with their dependencies). */
    class Validator implements ConstraintValidator<AcceptablePassword, String> {
        private final PasswordPolicy policy;

        Validator(PasswordPolicy policy) {
            this.policy = policy;
        }

        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            if (password == null) {
                return true;
            }
            var violation = policy.check(password, null);
            if (violation.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            violation.get().message().replace("{", "(").replace("}", ")") + " (rule " + violation.get().rule() + ")")
                    .addConstraintViolation();
            return false;
        }
    }
}
