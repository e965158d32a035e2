package io.sagashop.payment.api.legacy;

import io.sagashop.payment.api.CardNumbers;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Masks the card numbers that versions before client-side tokenization wrote into
 * {@code OrderPlaced} and {@code PaymentRequested} (their payment method's {@code token} was the
 * card number). The event store is append-only, so those bytes stay there until an operator
 * scrubs them (docs/security.md); this upcaster makes sure no handler, aggregate, projection or
 * saga of a service ever sees the number: the token becomes the number's digits masked but for
 * the last four (same length, {@code ************4242}) and the brand and last four digits are
 * filled in, as a tokenized card has them. A token the scrub already masked gets its last four.
 *
 * <p>Events written by current versions never match and pass unchanged; only their JSON text is
 * looked at. Register it as a Spring bean (Axon's auto-configuration picks up every
 * {@code EventUpcaster} bean) in every service that reads these events.
 */
public class CardNumberMaskingUpcaster extends SingleEventUpcaster {

    /** The events whose payment method older versions stored with the card number. */
    static final Set<String> EVENT_TYPES = Set.of("io.sagashop.order.api.OrderPlaced",
            "io.sagashop.payment.api.PaymentRequested");

    /** A {@code "token":"…"} member whose value is digits, maybe grouped, or asterisks then four digits. */
    private static final Pattern TOKEN = Pattern.compile("(\"token\"\\s*:\\s*\")(\\d[\\d -]{11,24}\\d|\\*{9,20}\\d{4})\"");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return EVENT_TYPES.contains(representation.getType().getName())
                && TOKEN.matcher(representation.getData(String.class).getData()).find();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(representation.getType(), String.class, CardNumberMaskingUpcaster::mask);
    }

    /** The JSON with every card-number token masked and its brand and last four added. */
    static String mask(String json) {
        // Events of this version already carry brand and last four (null or not): adding them
        // again would be a duplicate member, which Jackson refuses once the record is created.
        boolean describesCard = json.contains("\"last4\"");
        Matcher matcher = TOKEN.matcher(json);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group(2);
            String replacement;
            if (describesCard) {
                replacement = CardNumbers.looksLikeCardNumber(value) || value.startsWith("*")
                        ? matcher.group(1) + masked(value) + "\"" : matcher.group();
            } else if (value.startsWith("*")) {
                replacement = matcher.group(1) + value + "\",\"last4\":\"" + CardNumbers.last4(value) + "\"";
            } else if (CardNumbers.looksLikeCardNumber(value)) {
                replacement = matcher.group(1) + masked(value) + "\",\"brand\":\"" + CardNumbers.brandOf(value)
                        + "\",\"last4\":\"" + CardNumbers.last4(value) + "\"";
            } else {
                replacement = matcher.group();
            }
            matcher.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }

    /** Asterisks for every digit but the last four, so the masked value has the number's length. */
    static String masked(String number) {
        String digits = number.replaceAll("[ -]", "");
        return "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
    }
}
