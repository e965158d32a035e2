package io.sagashop.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

/** A collector that is away is said once a minute, its return once; the failure still reaches the exporter. */
class QuietZipkinSenderTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(QuietZipkinSender.class);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private boolean up;

    private final BytesMessageSender collector = new BytesMessageSender() {
        @Override
        public Encoding encoding() {
            return Encoding.JSON;
        }

        @Override
        public int messageMaxBytes() {
            return 500_000;
        }

        @Override
        public int messageSizeInBytes(List<byte[]> spans) {
            return spans.size();
        }

        @Override
        public int messageSizeInBytes(int size) {
            return size;
        }

        @Override
        public void send(List<byte[]> spans) throws IOException {
            if (!up) {
                throw new ConnectException("Connection refused");
            }
        }

        @Override
        public void close() {
        }
    };

    private final QuietZipkinSender sender = new QuietZipkinSender(collector, "http://zipkin:9411/api/v2/spans",
            new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void onceAMinuteWhileAwayAndOnceWhenBack() throws IOException {
        for (int batch = 0; batch <= 12; batch++) { // a batch every 5 s for a minute and one more
            assertThatThrownBy(() -> sender.send(List.of(new byte[1], new byte[1]))).isInstanceOf(ConnectException.class);
            now = now.plus(Duration.ofSeconds(5));
        }
        assertThat(logged.list).hasSize(2);
        assertThat(logged.list.get(0).getFormattedMessage()).contains("http://zipkin:9411/api/v2/spans")
                .contains("Connection refused").contains("2 dropped");
        assertThat(logged.list.get(1).getFormattedMessage()).contains("26 dropped");

        up = true;
        sender.send(List.of(new byte[1]));
        sender.send(List.of(new byte[1]));
        assertThat(logged.list).hasSize(3);
        assertThat(logged.list.get(2).getFormattedMessage()).contains("again").contains("26 were dropped");
    }
}
