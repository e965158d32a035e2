package io.sagashop.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessagePatternTest {

    @Test
    void aStarStandsForAnyRunOfCharactersDotsIncluded() {
        assertThat(MessagePattern.of("*").matches("proto.WarmUp")).isTrue();
        assertThat(MessagePattern.of("*").matches("")).isTrue();
        MessagePattern payment = MessagePattern.of("io.sagashop.payment.*");
        assertThat(payment.matches("io.sagashop.payment.api.RefundPayment")).isTrue();
        assertThat(payment.matches("io.sagashop.paymentx.api.RefundPayment")).isFalse();
        assertThat(payment.matches("io.sagashop.order.api.ConfirmOrder")).isFalse();
        assertThat(MessagePattern.of("*Query").matches("io.sagashop.user.api.FindUserQuery")).isTrue();
        assertThat(MessagePattern.of("*Query").matches("io.sagashop.user.api.RegisterUser")).isFalse();
        assertThat(MessagePattern.of("io.*.api.Find*Query").matches("io.sagashop.user.api.FindUserQuery")).isTrue();
    }

    @Test
    void withoutAStarANameMatchesOnlyItselfAndRegexCharactersAreLiteral() {
        MessagePattern refund = MessagePattern.of("io.sagashop.payment.api.RefundPayment");
        assertThat(refund.matches("io.sagashop.payment.api.RefundPayment")).isTrue();
        assertThat(refund.matches("io.sagashop.payment.api.RefundPayments")).isFalse();
        assertThat(refund.matches("ioXsagashop.payment.api.RefundPayment")).isFalse();
        assertThat(MessagePattern.of("a+b").matches("aab")).isFalse();
        assertThatThrownBy(() -> MessagePattern.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
