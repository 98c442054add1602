package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiTest;
import io.keyhold.testing.ConsoleClient;
import io.keyhold.testing.ConsoleClient.Page;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's API clients page (SPEC §14): superusers create a client and see its secret once,
 * find it listed without it, and delete it; the credentials work, then stop working, at the API.
 */
abstract class ConsoleClientsTests extends ApiTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private ConsoleClient console;

    @BeforeEach
    void openConsole() {
        console = new ConsoleClient("http://127.0.0.1:" + port);
    }

    @Test
    void superuserCreatesAClientAndSeesItsSecretOnceThenTheSecretIntrospects() {
        Account superuser = newSuperuser();
        logIn(superuser);
        String name = "Billing " + UUID.randomUUID();

        Page created = console.post("/admin/clients", Map.of("name", name));

        assertThat(created.status()).isEqualTo(200);
        String clientId = created.textOf("#client-id");
        String secret = created.textOf("#client-secret");
        assertThat(clientId).startsWith("kh_");
        assertThat(secret).hasSize(43);
        String token = tokenOf(newUser());
        assertThat(introspect(clientId, secret, token).json().path("active").asBoolean())
                .isTrue();

        Page list = console.get("/admin/clients");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.textOf("#clients")).contains(name, clientId);
        assertThat(list.body()).doesNotContain(secret);
        assertThat(auditDetails(superuser.id(), "client_created"))
                .singleElement()
                .asString()
                .contains(clientId, name)
                .doesNotContain(secret);
    }

    @Test
    void theListPagesWithItsPageSizeKeptFromPageToPage() {
        logIn(newSuperuser());
        for (int n = 0; n < 3; n++) {
            console.post("/admin/clients", Map.of("name", "Paged " + n));
        }

        Page first = console.get("/admin/clients?page_size=2");
        assertThat(first.textOf(".pager")).startsWith("Page 1 of");
        assertThat(first.document().select("#clients tbody tr")).hasSize(2);
        String next = first.document().selectFirst("a[rel=next]").attr("href");
        assertThat(next).contains("page_size=2").contains("page=2");
        Page second = console.get(next);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.textOf(".pager")).contains("Page 2 of");
        assertThat(second.document().selectFirst("a[rel=prev]").attr("href")).contains("page_size=2");
        assertThat(console.get("/admin/clients?page=999").status()).isEqualTo(404);
    }

    @Test
    void aNameThatIsBlankIsRefusedOnTheListWithTheFieldMarkedAndNothingCreated() {
        Account superuser = newSuperuser();
        logIn(superuser);
        long before = clientCount();

        Page refused = console.post("/admin/clients", Map.of("name", "   "));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.textOf("#error")).isEqualTo("This field may not be blank.");
        assertThat(refused.document().selectFirst("#client-name").attr("aria-invalid"))
                .isEqualTo("true");
        assertThat(refused.document().select("#client-secret")).isEmpty();
        assertThat(clientCount()).isEqualTo(before);
    }

    @Test
    void superuserDeletesAClientAfterConfirmingAndItsCredentialsStopWorking() {
        Account superuser = newSuperuser();
        logIn(superuser);
        Page created = console.post("/admin/clients", Map.of("name", "Reports " + UUID.randomUUID()));
        String clientId = created.textOf("#client-id");
        String secret = created.textOf("#client-secret");
        long id = jdbc.sql("SELECT id FROM api_clients WHERE client_id = ?")
                .param(clientId)
                .query(Long.class)
                .single();

        Page confirm = console.get("/admin/clients/" + id + "/delete");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.textOf("main")).contains(clientId);
        Page deleted = console.post("/admin/clients/" + id + "/delete", Map.of());

        assertThat(deleted.status()).isEqualTo(302);
        assertThat(deleted.location()).endsWith("/admin/clients?deleted");
        assertThat(console.get("/admin/clients?deleted").textOf("#notice")).contains("The client was deleted");
        assertThat(introspect(clientId, secret, tokenOf(newUser())).status()).isEqualTo(401);
        assertThat(auditDetails(superuser.id(), "client_deleted"))
                .singleElement()
                .asString()
                .contains(clientId);
        assertThat(console.get("/admin/clients/" + id + "/delete").status()).isEqualTo(404);
        assertThat(console.post("/admin/clients/" + id + "/delete", Map.of()).status())
                .isEqualTo(404);
        assertThat(console.get("/admin/clients/not-a-number/delete").status()).isEqualTo(404);
    }

    @Test
    void staffWhoAreNotSuperusersNeitherSeeNorReachThePage() {
        Account staff = newStaff();
        logIn(staff);
        long before = clientCount();

        assertThat(console.get("/admin/").document().select("#nav-clients")).isEmpty();
        Page page = console.get("/admin/clients");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.textOf("h1")).isEqualTo("Not allowed");
        console.get("/admin/");
        Page create = console.post("/admin/clients", Map.of("name", "Sneaky"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.textOf("h1"))
                .as("refused for the role, not for a missing CSRF token")
                .isEqualTo("Not allowed");
        assertThat(clientCount()).isEqualTo(before);

        Account superuser = newSuperuser();
        ConsoleClient superuserConsole = new ConsoleClient("http://127.0.0.1:" + port);
        superuserConsole.logIn(superuser.email(), PASSWORD);
        assertThat(superuserConsole.get("/admin/").document().select("#nav-clients"))
                .hasSize(1);
    }

    @Test
    void aCreateWithoutTheFormsCsrfTokenIsRefused() {
        logIn(newSuperuser());
        long before = clientCount();

        Page forged = console.postWithout("/admin/clients", Map.of("name", "Forged"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(clientCount()).isEqualTo(before);
    }

    /** Signs in and opens the clients page, whose form carries the CSRF token the posts send. */
    private void logIn(Account account) {
        Page entered = console.logIn(account.email(), PASSWORD);
        assertThat(entered.status()).as(entered.text()).isEqualTo(302);
        console.get("/admin/clients");
    }

    private long clientCount() {
        return jdbc.sql("SELECT COUNT(*) FROM api_clients").query(Long.class).single();
    }

    private List<String> auditDetails(long actorId, String type) {
        return jdbc.sql("SELECT detail FROM audit_events WHERE actor_id = ? AND type = ? ORDER BY id")
                .params(actorId, type)
                .query(String.class)
                .list();
    }
}
