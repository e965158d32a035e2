package io.sagashop.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.user.account.PasswordPolicy.Violation;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.of(
            new PasswordProperties(12, new ClassPathResource("passwords/common-passwords.txt")));

    private Optional<String> rule(String password, String email) {
        return policy.check(password, email).map(Violation::rule);
    }

    @Test
    void lengthCountsCharactersAndTheUpperBoundCountsUtf8Bytes() {
        assertThat(rule("eleven char", null)).contains("password-too-short");
        assertThat(rule("twelve chars", null)).isEmpty();
        assertThat(rule("Żółw i żaba!", null)).as("12 characters, 16 bytes").isEmpty();
        assertThat(rule("x".repeat(72), null)).contains("password-pattern");
        assertThat(rule("a quiet river " + "z".repeat(58), null)).as("72 bytes").isEmpty();
        assertThat(rule("a quiet river " + "z".repeat(59), null)).contains("password-too-long");
        assertThat(rule("é".repeat(37), null)).as("37 characters, 74 bytes").contains("password-too-long");
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(rule("password1234", null)).contains("password-too-common");
        assertThat(rule("QWERTY123456", null)).contains("password-too-common");
        assertThat(rule("iloveyou1234", null)).contains("password-too-common");
    }

    @Test
    void repetitionsAndRunsAreRefusedButNoCompositionIsRequired() {
        assertThat(rule("aaaaaaaaaaaa", null)).contains("password-pattern");
        assertThat(rule("abcdabcdabcd", null)).contains("password-pattern");
        assertThat(rule("abcdefghijklm", null)).contains("password-pattern");
        assertThat(rule("zyxwvutsrqpo", null)).contains("password-pattern");
        assertThat(rule("all lower case words", null)).isEmpty();
        assertThat(rule("73917204816253", null)).isEmpty();
    }

    @Test
    void theShopsNameAndTheUsersEmailAreRefused() {
        assertThat(rule("sagashop2025", null)).contains("password-context");
        assertThat(rule("SagaShop!!!!", null)).contains("password-context");
        assertThat(rule("i-am-annabelle-x", "Annabelle@example.com")).contains("password-context");
        assertThat(rule("i-am-annabelle-x", "bob@example.com")).isEmpty();
    }
}
