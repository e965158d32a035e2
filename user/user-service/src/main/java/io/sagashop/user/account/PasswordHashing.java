package io.sagashop.user.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Passwords are hashed with bcrypt as soon as they arrive; only the hash goes further. */
@Configuration(proxyBeanMethods = false)
public class PasswordHashing {

    /** bcrypt reads at most 72 bytes of a password; longer ones are refused at the door. */
    public static final int MAX_PASSWORD_LENGTH = 72;
    public static final int MIN_PASSWORD_LENGTH = 8;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
