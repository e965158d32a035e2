package io.sagashop.platform.axon;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifiers as time-ordered UUIDs (version 7 of RFC 9562): 48 bits of the Unix time in
 * milliseconds, then 74 random bits. Found by Axon's {@link IdentifierFactory#getInstance()}
 * through {@code META-INF/services}, so it names every saga, event and deadline, and the orders,
 * payments, products and users the services create (they ask Axon's factory; the -api jars'
 * {@code OrderId.generate()} and the like stay plain random UUIDs, for clients and tests).
 *
 * <p>Why: these ids are keys of the services' tables and of the hub's per-aggregate index. A
 * random UUID lands anywhere in those B-trees, so every insert touches a leaf page of its own and
 * the pages the database must keep in memory are the whole index, which grows with history. A
 * time-ordered id lands at the right-hand edge, next to the ids of the same moment, and the pages
 * an order touches stay the few recent ones however many orders came before.
 *
 * <p>The 74 random bits come from {@link SecureRandom}, as {@link UUID#randomUUID()}'s 122 do:
 * fewer, but still far beyond guessing (ids are no credential anyway; every read checks who asks).
 * What an id now shows is the millisecond it was made. Ids made in the same millisecond are not
 * ordered among themselves, which costs nothing: they share pages.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final LongSupplier clock;

    /** The one Axon's service loader creates: the system clock. */
    public TimeOrderedIdentifierFactory() {
        this(System::currentTimeMillis);
    }

    TimeOrderedIdentifierFactory(LongSupplier epochMillis) {
        this.clock = epochMillis;
    }

    @Override
    public String generateIdentifier() {
        return next().toString();
    }

    UUID next() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = clock.getAsLong() & 0xFFFF_FFFF_FFFFL;
        long randA = ((random[0] & 0xFFL) << 8 | random[1] & 0xFFL) & 0x0FFFL;
        long high = millis << 16 | 0x7000L | randA;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | random[i] & 0xFFL;
        }
        long low = 0x8000_0000_0000_0000L | randB & 0x3FFF_FFFF_FFFF_FFFFL;
        return new UUID(high, low);
    }
}
