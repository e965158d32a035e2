package io.sagashop.smtpsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Mails sent over real SMTP to the sink come back on {@code GET /mails}, and {@code DELETE /mails}
 * forgets them; beyond {@code sink.smtp.keep} the oldest are forgotten.
 */
class SmtpSinkTest {

    private static ConfigurableApplicationContext sink;
    private static String base;
    private static int smtpPort;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        sink = SmtpSinkApplication.start(Map.of("sink.smtp.port", smtpPort));
        base = "http://localhost:" + ((WebServerApplicationContext) sink).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        sink.close();
    }

    @BeforeEach
    void clear() throws Exception {
        assertThat(send("DELETE", "/mails").statusCode()).isEqualTo(204);
    }

    @Test
    void listensOnLoopbackOnlyUnlessConfigured() throws Exception {
        java.net.InetAddress outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this machine has no non-loopback IPv4 address");
        int httpPort = ((WebServerApplicationContext) sink).getWebServer().getPort();
        for (int port : new int[] {httpPort, smtpPort}) {
            try (java.net.Socket socket = new java.net.Socket()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> socket.connect(new java.net.InetSocketAddress(outside, port), 2000))
                        .as("port %d on %s", port, outside).isInstanceOf(java.net.ConnectException.class);
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 2000);
                assertThat(socket.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aMultipartMailIsListedWithSenderRecipientSubjectTextAndHtml() throws Exception {
        mail("ann@example.com", "Your order o-1 is confirmed", "Total 59.80 EUR", "<p>Total <b>59.80 EUR</b></p>");

        JsonNode mails = json.readTree(send("GET", "/mails").body());

        assertThat(mails).hasSize(1);
        JsonNode mail = mails.get(0);
        assertThat(mail.get("from").get(0).asText()).contains("orders@sagashop.local");
        assertThat(mail.get("to").get(0).asText()).isEqualTo("ann@example.com");
        assertThat(mail.get("subject").asText()).isEqualTo("Your order o-1 is confirmed");
        assertThat(mail.get("text").asText()).isEqualTo("Total 59.80 EUR");
        assertThat(mail.get("html").asText()).contains("<b>59.80 EUR</b>");
        assertThat(mail.get("receivedAt").isNull()).isFalse();
    }

    @Test
    void mailsCanBeFilteredByRecipientAndForgotten() throws Exception {
        mail("ann@example.com", "one", "1", null);
        mail("bob@example.com", "two", "2", null);

        JsonNode bobs = json.readTree(send("GET", "/mails?to=bob@example.com").body());
        assertThat(bobs).hasSize(1);
        assertThat(bobs.get(0).get("subject").asText()).isEqualTo("two");
        assertThat(bobs.get(0).get("html").isNull()).isTrue();

        send("DELETE", "/mails");
        assertThat(json.readTree(send("GET", "/mails").body())).isEmpty();
    }

    @Test
    void itKeepsOnlyTheNewestMailsItIsToldToKeep() throws Exception {
        int ownSmtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            ownSmtpPort = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext small = SmtpSinkApplication.start(
                Map.of("sink.smtp.port", ownSmtpPort, "sink.smtp.keep", 2))) {
            String smallBase = "http://localhost:" + ((WebServerApplicationContext) small).getWebServer().getPort();
            mail(ownSmtpPort, "ann@example.com", "first", "1", null);
            mail(ownSmtpPort, "bob@example.com", "second", "2", null);
            mail(ownSmtpPort, "ann@example.com", "third", "3", null);

            JsonNode kept = json.readTree(send(smallBase, "GET", "/mails").body());

            assertThat(kept).extracting(mail -> mail.get("subject").asText()).containsExactly("second", "third");
        }
    }

    @Test
    void aKeepBelowOneIsRefusedAtStart() {
        assertThatThrownBy(() -> SmtpSinkApplication.start(Map.of("sink.smtp.port", 0, "sink.smtp.keep", 0)).close())
                .hasStackTraceContaining("sink.smtp.keep must be at least 1, was 0");
    }

    @Test
    void itReportsHealthWhereShopAndTheE2eTestsWaitForIt() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
        assertThat(json.readTree(health.body()).get("smtpPort").asInt()).isEqualTo(smtpPort);
    }

    private static void mail(String to, String subject, String text, String html) throws Exception {
        mail(smtpPort, to, subject, text, html);
    }

    private static void mail(int port, String to, String subject, String text, String html) throws Exception {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, html != null, "UTF-8");
        helper.setFrom("Sagashop <orders@sagashop.local>");
        helper.setTo(to);
        helper.setSubject(subject);
        if (html != null) {
            helper.setText(text, html);
        } else {
            helper.setText(text);
        }
        sender.send(message);
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return send(base, method, path);
    }

    private static HttpResponse<String> send(String baseUrl, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
