package io.sagashop.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.platform.RawClient;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** TLS on the gRPC port with a self-signed certificate made for this test run (never committed). */
class TlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static Path certificate;
    private static TestHub hub;

    @BeforeAll
    static void startHubWithTls() throws Exception {
        Path keyStore = dir.resolve("hub.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(keyStore.toFile())) {
            store.load(in, PASSWORD);
        }
        certificate = pem(dir.resolve("hub.crt"), "CERTIFICATE", store.getCertificate("hub").getEncoded());
        // PKCS#8, which is what getEncoded() of a private key gives and what Netty reads.
        Path privateKey = pem(dir.resolve("hub.key"), "PRIVATE KEY", store.getKey("hub", PASSWORD).getEncoded());

        hub = TestHub.start(Map.of("hub.tls.cert-chain", certificate.toString(),
                "hub.tls.private-key", privateKey.toString()));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void anAxonClientConnectsOverTlsTrustingTheCertificate() {
        try (ConfigurableApplicationContext app = TestClient.start(hub, "tls-app", "tls-app-1", Map.of(
                "axon.axonserver.ssl-enabled", "true",
                "axon.axonserver.cert-file", certificate.toString()))) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> hub.bean(ClientRegistry.class).find("default", "tls-app-1").isPresent());
            assertThat(app.getBean(AxonServerConnectionManager.class).isConnected("default")).isTrue();
        }
    }

    @Test
    void aPlainTextClientIsNotServed() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort())) {
            assertThatThrownBy(() -> client.blocking().getPlatformServer(ClientIdentification.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }
    }

    @Test
    void halfATlsConfigurationIsRefusedRatherThanServingPlainText() {
        assertThatThrownBy(() -> new HubProperties.Tls(certificate, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hub.tls.private-key");
    }

    private static Path pem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
