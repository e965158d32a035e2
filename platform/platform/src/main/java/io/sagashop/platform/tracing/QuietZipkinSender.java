package io.sagashop.platform.tracing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

/**
 * Sends spans to Zipkin like the sender it wraps, but says that the collector is away in one line
 * at most every {@link #REPEAT}, and once when spans reach it again. OpenTelemetry's Zipkin
 * exporter logs every failed batch with its stack trace — with the collector down, a warning per
 * service every few seconds; the platform turns that logger down to ERROR. The spans of a failed
 * batch are dropped, as they are anyway: the service itself is not affected.
 */
final class QuietZipkinSender implements BytesMessageSender {

    static final Duration REPEAT = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(QuietZipkinSender.class);

    private final BytesMessageSender delegate;
    private final Clock clock;
    private final String endpoint;
    private Instant lastSaid;
    private boolean failing;
    private long dropped;

    QuietZipkinSender(BytesMessageSender delegate, String endpoint, Clock clock) {
        this.delegate = delegate;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public Encoding encoding() {
        return delegate.encoding();
    }

    @Override
    public int messageMaxBytes() {
        return delegate.messageMaxBytes();
    }

    @Override
    public int messageSizeInBytes(List<byte[]> encodedSpans) {
        return delegate.messageSizeInBytes(encodedSpans);
    }

    @Override
    public int messageSizeInBytes(int encodedSizeInBytes) {
        return delegate.messageSizeInBytes(encodedSizeInBytes);
    }

    @Override
    public void send(List<byte[]> encodedSpans) throws IOException {
        try {
            delegate.send(encodedSpans);
        } catch (IOException | RuntimeException failure) {
            failed(encodedSpans.size(), failure);
            throw failure;
        }
        recovered();
    }

    private synchronized void failed(int spans, Exception failure) {
        dropped += spans;
        Instant now = clock.instant();
        if (lastSaid == null || !now.isBefore(lastSaid.plus(REPEAT))) {
            log.warn("Spans do not reach the trace collector at {} ({}); {} dropped so far. Said at most once a minute.",
                    endpoint, failure.toString(), dropped);
            lastSaid = now;
        }
        failing = true;
    }

    private synchronized void recovered() {
        if (failing) {
            log.info("Spans reach the trace collector at {} again ({} were dropped meanwhile)", endpoint, dropped);
            failing = false;
            dropped = 0;
            lastSaid = null;
        }
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
