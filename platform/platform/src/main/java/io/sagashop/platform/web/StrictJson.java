package io.sagashop.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * The JSON rules for request bodies, on a copy of the application's {@link ObjectMapper} that
 * only the HTTP message converter uses (Axon's serializer keeps the lenient original, so events
 * already stored always read back): no float or string coerced into an integer ({@code 1.5},
 * {@code "2"}), no string or number into a boolean, no {@code null} into a primitive, no number
 * into an enum (unknown names were refused already), duplicate keys refused, and
 * {@link SafeText} on every string.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** A strict copy of {@code lenient} for reading request bodies. */
    public static ObjectMapper forRequests(ObjectMapper lenient) {
        ObjectMapper strict = lenient.copy();
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        strict.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        strict.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("sagashop-safe-text").addDeserializer(String.class, new SafeTextDeserializer(false)));
        return strict;
    }

    /** A string field that broke a {@link SafeText} rule; the path names the field. */
    public static final class UnsafeTextException extends InvalidFormatException {
        UnsafeTextException(JsonParser parser, String message, String value) {
            super(parser, message, value, String.class);
        }
    }

    /** Strings as Jackson reads them, then checked; multi-line where the property says so. */
    static final class SafeTextDeserializer extends StdScalarDeserializer<String> implements ContextualDeserializer {
        private final boolean multiLine;

        SafeTextDeserializer(boolean multiLine) {
            super(String.class);
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean wanted = property != null && property.getAnnotation(MultiLineText.class) != null;
            return wanted == multiLine ? this : new SafeTextDeserializer(wanted);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.hasToken(JsonToken.VALUE_STRING) ? parser.getText()
                    : StringDeserializer.instance.deserialize(parser, context);
            if (text != null) {
                String refusal = SafeText.refusal(text, multiLine);
                if (refusal != null) {
                    throw new UnsafeTextException(parser, refusal, text);
                }
            }
            return text;
        }
    }
}
