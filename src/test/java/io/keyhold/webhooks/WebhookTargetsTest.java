package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Where webhooks may go, with {@code keyhold.webhooks.allow-private-targets} off as in production:
 * {@code https:} URLs on public addresses only, at creation and again at each delivery.
 */
@TestPropertySource(properties = "keyhold.webhooks.allow-private-targets=false")
@Import(WebhookTargetsTest.RebindingNames.class)
class WebhookTargetsTest extends ApiTest {

    /** TEST-NET addresses are refused too; this one is public (it has served example.com). */
    private static final String PUBLIC_ADDRESS = "93.184.215.14";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private RebindingResolver names;

    private String superuser;

    /**
     * The system's resolver, except for names under {@code .rebinding.test}, whose answers the
     * test sets. This is the one test double of the webhook suites, and it must be one: DNS
     * rebinding means a name that answers one address when checked and another later, and no real
     * resolver here can be told to change its answer between an endpoint's creation and its
     * delivery. Every other name, {@code localhost} included, is looked up for real.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class RebindingNames {

        @Bean
        @Primary
        RebindingResolver rebindingResolver() {
            return new RebindingResolver();
        }
    }

    static final class RebindingResolver implements HostResolver {

        private final Map<String, InetAddress> answers = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> stalled = new ConcurrentHashMap<>();
        private final SystemHostResolver system = new SystemHostResolver();

        void answer(String host, String address) throws UnknownHostException {
            answers.put(host, InetAddress.getByName(address));
        }

        /** Lookups of {@code host} hang, as a resolver that never answers, until {@link #unstall}. */
        void stall(String host) {
            stalled.put(host, new CountDownLatch(1));
        }

        void unstall() {
            stalled.values().forEach(CountDownLatch::countDown);
            stalled.clear();
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            CountDownLatch stall = stalled.get(host);
            if (stall != null) {
                try {
                    stall.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new UnknownHostException(host);
                }
            }
            if (host.endsWith(".rebinding.test")) {
                InetAddress answer = answers.get(host);
                if (answer == null) {
                    throw new UnknownHostException(host);
                }
                return new InetAddress[] {answer};
            }
            return system.resolve(host);
        }
    }

    @BeforeEach
    void logIn() {
        WebhookFixtures.forgetEndpoints(jdbc);
        superuser = tokenOf(newSuperuser());
    }

    @AfterEach
    void forget() {
        names.unstall();
        WebhookFixtures.forgetEndpoints(jdbc);
    }

    private ApiResponse create(String url) {
        return api.postJson("/api/webhooks/", superuser, Map.of("url", url, "events", List.of("user.created")));
    }

    @Test
    void createWhenNotHttpsOrNotAPublicAddressThen400() {
        for (String url : List.of(
                "http://" + PUBLIC_ADDRESS + "/hook",
                "https://127.0.0.1/hook",
                "https://127.1.2.3:8443/hook",
                "https://localhost/hook",
                "https://LOCALHOST./hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.5/hook",
                "https://192.168.1.1/hook",
                "https://100.64.0.1/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://0.0.0.0/hook",
                "https://[::1]/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[::ffff:a9fe:a9fe]/hook",
                "https://2130706433/hook",
                "https://0x7f000001/hook",
                "https://private.rebinding.test/hook")) {
            ApiResponse refused = create(url);
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.fieldErrors("url"))
                    .as(url)
                    .containsAnyOf(WebhookTargets.HTTPS_ONLY, WebhookTargets.NOT_PUBLIC, WebhookTargets.UNKNOWN_HOST);
        }
        assertThat(create("http://" + PUBLIC_ADDRESS + "/hook").fieldErrors("url"))
                .containsExactly(WebhookTargets.HTTPS_ONLY);
        assertThat(create("https://localhost/hook").fieldErrors("url")).containsExactly(WebhookTargets.NOT_PUBLIC);
        assertThat(create("https://2130706433/hook").fieldErrors("url"))
                .as("Java reads a lone number as an IPv4 address: 127.0.0.1")
                .containsExactly(WebhookTargets.NOT_PUBLIC);
        assertThat(create("https://unknown.rebinding.test/hook").fieldErrors("url"))
                .containsExactly(WebhookTargets.UNKNOWN_HOST);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_endpoints")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theDocumentedRefusalsAreWhatTheApiAnswers() {
        JsonNode examples = api.get("/v3/api-docs", null)
                .json()
                .path("paths")
                .path("/api/webhooks/")
                .path("post")
                .path("responses")
                .path("400")
                .path("content")
                .path("application/problem+json")
                .path("examples");

        for (String url : List.of("http://" + PUBLIC_ADDRESS + "/hook", "https://127.0.0.1/hook")) {
            ApiResponse refused = create(url);
            assertThat(examples.path(refused.error()).path("value")).as(url).isEqualTo(refused.json());
        }
    }

    @Test
    void createWhenHttpsAndPublicThen201() throws Exception {
        names.answer("public.rebinding.test", PUBLIC_ADDRESS);

        assertThat(create("https://" + PUBLIC_ADDRESS + "/hook").status()).isEqualTo(201);
        assertThat(create("https://public.rebinding.test:8443/keyhold?source=id")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aNameThatResolvesToAPrivateAddressAtDeliveryIsRefusedAndNeverConnectedTo() throws Exception {
        try (var bystander = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            names.answer("app.rebinding.test", PUBLIC_ADDRESS);
            ApiResponse created = create("https://app.rebinding.test:" + bystander.getLocalPort() + "/hook");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            names.answer("app.rebinding.test", "127.0.0.1");
            assertThat(api.post("/api/webhooks/" + created.id() + "/test/", superuser)
                            .status())
                    .isEqualTo(202);

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(attempts(created.id())).isNotEmpty());
            JsonNode attempt = attempts(created.id()).get(0);
            assertThat(attempt.path("error").asString())
                    .isEqualTo("Refused: app.rebinding.test resolves to an address that is not public");
            assertThat(attempt.get("status_code").isNull()).isTrue();
            assertThat(attempt.get("next_attempt_at").isNull())
                    .as("retried: the name may point outside again")
                    .isFalse();
            bystander.setSoTimeout(1);
            assertThatThrownBy(bystander::accept)
                    .as("nothing connected to 127.0.0.1:%d", bystander.getLocalPort())
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aNameThatDoesNotResolveWithinTheAttemptIsARecordedFailureTriedAgain() throws Exception {
        names.answer("slow.rebinding.test", PUBLIC_ADDRESS);
        ApiResponse created = create("https://slow.rebinding.test/hook");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        names.stall("slow.rebinding.test");
        assertThat(api.post("/api/webhooks/" + created.id() + "/test/", superuser)
                        .status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(attempts(created.id())).isNotEmpty());
        JsonNode attempt = attempts(created.id()).get(0);
        assertThat(attempt.path("error").asString())
                .isEqualTo("No answer within 10 seconds: slow.rebinding.test did not resolve in time");
        assertThat(attempt.get("status_code").isNull()).isTrue();
        assertThat(attempt.get("next_attempt_at").isNull()).as("tried again").isFalse();
    }

    private JsonNode attempts(long endpointId) {
        return api.get("/api/webhooks/" + endpointId + "/deliveries/", superuser)
                .json();
    }
}
