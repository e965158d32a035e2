package io.sagashop.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", " 4000000000000002 ",
            "378282246310005", "6011111111111117", "4222222222222", "4242424242424241", "6200000000000000005"})
    void recognisesCardNumbersGroupedOrNotLuhnValidOrNot(String value) {
        assertThat(CardNumbers.looksLikeCardNumber(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tok_4242424242424242", "424242424242", "42424242424242424242", "wallet_success",
            "4242  4242 4242 4242", "4242_4242_4242_4242", "", "   "})
    void leavesTokensShortOrLongNumbersAndOtherGroupingsAlone(String value) {
        assertThat(CardNumbers.looksLikeCardNumber(value)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"4242424242424242,true", "4242 4242 4242 4242,true", "4242424242424241,false", "79927398713,true",
            "79927398710,false"})
    void checksTheLuhnDigit(String value, boolean valid) {
        assertThat(CardNumbers.luhnValid(value)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"4242424242424242,visa", "5555555555554444,mastercard", "2223003122003222,mastercard",
            "378282246310005,amex", "6011111111111117,discover", "3566002020360505,jcb", "30569309025904,diners",
            "9999999999999995,unknown"})
    void namesTheBrandFromTheLeadingDigits(String number, String brand) {
        assertThat(CardNumbers.brandOf(number)).isEqualTo(brand);
    }

    @ParameterizedTest
    @CsvSource({"4242424242424242,4242", "4000-0000-0000-0002,0002"})
    void givesTheLastFourDigits(String number, String last4) {
        assertThat(CardNumbers.last4(number)).isEqualTo(last4);
    }
}
