package io.keyhold;

import static io.keyhold.testing.FinishedProgram.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.FinishedProgram;
import io.keyhold.testing.Installed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The peer that {@code bench/peer-django.sh} measures Keyhold against is the seed's design: its own
 * Django test suite ({@code bench/peers/django-seed/users/tests.py}) checks the seed's URLs, JSON
 * fields and answers, and the holes SPEC §9 lists, on Debian's Django and DRF against PostgreSQL.
 * Run here so that a change to the peer cannot quietly make it another program than the one the
 * ratios in docs/BENCHMARKS.md name.
 */
@Installed(
        value = {
            "/usr/lib/python3/dist-packages/django",
            "/usr/lib/python3/dist-packages/rest_framework",
            "/usr/lib/python3/dist-packages/psycopg2"
        },
        by = "apt-get install -y python3-django python3-djangorestframework python3-psycopg2")
class DjangoSeedPeerIT {

    private static final Path PEER = Path.of("bench", "peers", "django-seed").toAbsolutePath();

    @Test
    void peerSuitePassesOnPostgres() {
        // Django makes test_<name> beside PostgreSQL's own databases and drops it at the end.
        String database = "keyhold_peer_" + UUID.randomUUID().toString().replace("-", "");

        FinishedProgram suite = run(
                PEER,
                Map.of("DJANGO_SECRET_KEY", "peer-suite-only", "DJANGO_DB_NAME", database),
                List.of("/usr/bin/python3", "manage.py", "test", "--noinput", "-v", "2"));

        assertThat(suite.exitCode())
                .as("the peer suite's exit code (its output is above)")
                .isZero();
        assertThat(suite.output())
                .as("every test ran: the one that loads the dumpdata sample skips without ../shared")
                .containsPattern("Ran [1-9][0-9]* tests")
                .doesNotContain("skipped");
    }
}
