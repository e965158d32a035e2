package io.sagashop.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sagashop.hub.config.GrpcServer;
import io.sagashop.hub.platform.Http;
import io.sagashop.hub.testing.TestHub;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The hub never runs open: it generates a credential rather than start without one, and stops on a file it cannot trust. */
class AccessConfigurationTest {

    @TempDir
    Path folder;

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withNoCredentialConfiguredItGeneratesAnAdminTokenOnlyItsOwnerCanRead(CapturedOutput output) throws Exception {
        Path file = folder.resolve("data/hub-tokens.properties");
        String token;
        try (TestHub hub = TestHub.start(noTokens(file))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            Properties tokens = new Properties();
            try (var in = Files.newInputStream(file)) {
                tokens.load(in);
            }
            token = tokens.getProperty("admin");
            assertThat(token).hasSizeGreaterThanOrEqualTo(43);
            assertThat(Http.get(hub.httpUrl() + "/v1/dashboard/overview", Http.anonymous()).statusCode()).isEqualTo(401);
            assertThat(Http.get(hub.httpUrl() + "/v1/dashboard/overview", "AxonIQ-Access-Token", token).statusCode())
                    .isEqualTo(200);
            // The path is logged, never the token.
            assertThat(output.getAll()).contains("generated an admin token into " + file.toAbsolutePath())
                    .doesNotContain(token);
        }
        // Started again, it keeps the same credential.
        try (TestHub again = TestHub.start(noTokens(file))) {
            assertThat(Http.get(again.httpUrl() + "/v1/auth/me", "AxonIQ-Access-Token", token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesToStartWithATokenForAnUnknownApplicationOrAShortToken() {
        assertThatThrownBy(() -> TestHub.start(Map.of("hub.access.tokens.paymnet", "a-token-long-enough-1234")).close())
                .hasStackTraceContaining("application 'paymnet', which the permissions file does not declare");
        assertThatThrownBy(() -> TestHub.start(Map.of("hub.access.tokens.admin", "short")).close())
                .hasStackTraceContaining("shorter than 16 characters");
        assertThatThrownBy(() -> TestHub.start(Map.of("hub.access.tokens.admin", "the-same-token-for-both",
                "hub.access.tokens.payment", "the-same-token-for-both")).close())
                .hasStackTraceContaining("have the same token");
    }

    @Test
    void refusesToStartWithAMisspeltPermission() {
        assertThatThrownBy(() -> TestHub.start(Map.of("hub.access.permissions", "classpath:access/misspelt-hub-access.yml"))
                .close())
                .hasStackTraceContaining("dispach");
    }

    @Test
    void bothPortsListenOnLoopbackOnly() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces().filter(this::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no address beyond loopback");
        try (TestHub hub = TestHub.start()) {
            assertThat(Http.get(hub.httpUrl() + "/actuator/health", Http.anonymous()).statusCode()).isEqualTo(200);
            assertThat(reachable(new InetSocketAddress("127.0.0.1", hub.grpcPort()))).isTrue();
            assertThat(reachable(new InetSocketAddress(external.get(), hub.grpcPort()))).isFalse();
            assertThat(reachable(new InetSocketAddress(external.get(), hub.httpPort()))).isFalse();
            assertThat(hub.bean(GrpcServer.class).isRunning()).isTrue();
        }
    }

    private boolean up(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean reachable(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** No token given: the tokens file alone decides. */
    private static Map<String, Object> noTokens(Path file) {
        return Map.of("hub.access.tokens-file", file.toString());
    }
}
