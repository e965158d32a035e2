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
 * A password bcrypt can read: at most {@value PasswordPolicy#MAX_BYTES} bytes of UTF-8. For
 * passwords that are checked, not chosen (login, the current password), which a longer one can
 * never match; without it bcrypt refuses it with an exception, a 500.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = FitsBcrypt.Validator.class)
public @interface FitsBcrypt {

    String message() default "must be at most " + PasswordPolicy.MAX_BYTES + " bytes in UTF-8 (rule password-too-long)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<FitsBcrypt, String> {
        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            return password == null || !PasswordPolicy.tooLongForBcrypt(password);
        }
    }
}
