package io.keyhold.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.text.PlainText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Text that cannot lie (SPEC §2): {@code name}, {@code phone}, {@code gender} and {@code email}
 * refuse control and invisible characters, and an email domain is compared after IDNA (UTS #46)
 * normalisation, so look-alike spellings are one account. The characters tried are the ones a
 * report named plus a sample drawn from every Cc and Cf code point with a fixed seed; set {@code
 * -Dkeyhold.test.seed=N} to draw another sample.
 */
abstract class TextRulesTests extends ApiTest {

    static final long SEED = Long.getLong("keyhold.test.seed", 20_261_129L);
    private static final int SAMPLED = 12;
    /** CR, LF, NUL, TAB, ESC, DEL, NEL, zero-width space and joiner, soft hyphen, RLO, RLI, BOM, line separator. */
    private static final int[] NAMED = {
        '\r', '\n', 0, '\t', 0x1b, 0x7f, 0x85, 0x200b, 0x200d, 0xad, 0x202e, 0x2067, 0xfeff, 0x2028
    };

    private static final String TEXT_ERROR = "Control and invisible characters are not allowed.";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    /** Every control (Cc) and format (Cf) code point there is. */
    static List<Integer> hiddenCodePoints() {
        return IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(codePoint -> Character.getType(codePoint) == Character.CONTROL
                        || Character.getType(codePoint) == Character.FORMAT)
                .boxed()
                .toList();
    }

    static Stream<Arguments> fieldsWithHiddenCharacters() {
        var random = new Random(SEED);
        List<Integer> all = hiddenCodePoints();
        List<Integer> tried = new ArrayList<>(IntStream.of(NAMED).boxed().toList());
        random.ints(SAMPLED, 0, all.size()).forEach(index -> tried.add(all.get(index)));
        return Stream.of("name", "phone", "gender", "email")
                .flatMap(field -> tried.stream()
                        .map(codePoint -> Arguments.of(
                                field,
                                String.format("U+%04X (seed %d)", codePoint, SEED),
                                codePoint,
                                random.nextLong())));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("fieldsWithHiddenCharacters")
    void aHiddenCharacterInATextFieldThen400WithTheFieldMessageAndNothingStored(
            String field, String label, int codePoint, long position) {
        String email = uniqueEmail();
        Map<String, String> valid = new LinkedHashMap<>(
                Map.of("email", email, "name", "Ada Lovelace", "phone", "+1 555 0100", "gender", "female"));
        String hidden = insert(valid.get(field), codePoint, new Random(position));
        Map<String, String> signup = new LinkedHashMap<>(valid);
        signup.put(field, hidden);
        signup.put("password", PASSWORD);

        ApiResponse refused = signup(signup);

        assertThat(refused.status()).as("signup: %s", refused).isEqualTo(400);
        assertThat(refused.fieldErrors(field)).containsExactly(messageFor(codePoint));
        assertThat(userAccounts.findByEmail(email)).as("nothing stored").isEmpty();

        // The same value in a form-encoded PATCH of an existing account changes nothing either.
        Account account = newUser();
        String token = tokenOf(account);
        User before = userAccounts.findById(account.id()).orElseThrow();
        String form = field + "=" + URLEncoder.encode(hidden, StandardCharsets.UTF_8) + "&current_password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        ApiResponse patch = api.send(
                "PATCH",
                "/api/users/me/",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.UTF_8));

        assertThat(patch.status()).as("patch: %s", patch).isEqualTo(400);
        assertThat(patch.fieldErrors(field)).containsExactly(messageFor(codePoint));
        assertThat(userAccounts.findById(account.id())).contains(before);
    }

    @Test
    void everyControlAndFormatCharacterIsRefusedAndNothingElse() {
        List<Integer> hidden = hiddenCodePoints();
        assertThat(hidden).hasSizeGreaterThan(200);
        assertThat(hidden).allMatch(codePoint -> PlainText.hasHiddenCharacters(Character.toString(codePoint)));
        assertThat(PlainText.hasHiddenCharacters("Ada Lovelace, José Núñez, 山田太郎, Алан Тьюринг, O'Brien"))
                .isFalse();
    }

    @Test
    void passwordsMayHoldAnyCharacter() {
        String email = uniqueEmail();
        String password = "line\nbreak\u200bzero-width\u001bescape";

        assertThat(signup(Map.of("email", email, "password", password)).status())
                .isEqualTo(201);
        assertThat(login(email, password).status()).isEqualTo(200);
    }

    @Test
    void lookAlikeSpellingsOfAnAddressAreOneAccount() {
        String local = "lookalike-" + tag();
        ApiResponse created = signup(Map.of("email", local + "@example.com", "password", PASSWORD));
        assertThat(created.status()).isEqualTo(201);

        for (String spelling : List.of(local + "@ＥＸＡＭＰＬＥ.com", local.toUpperCase() + "@Example.COM")) {
            ApiResponse second = signup(Map.of("email", spelling, "password", PASSWORD));
            assertThat(second.status()).as(spelling).isEqualTo(409);
            assertThat(second.error()).isEqualTo("A user with this email already exists.");
            ApiResponse login = login(spelling, PASSWORD);
            assertThat(login.status()).as("login as %s", spelling).isEqualTo(200);
            assertThat(login.json().get("user").get("id").asLong()).isEqualTo(created.id());
            api.post("/api/users/logout/", login.text("token"));
        }
        for (String invisible : List.of(local + "@exam\u00adple.com", local + "@exa\u200bmple.com")) {
            ApiResponse refused = signup(Map.of("email", invisible, "password", PASSWORD));
            assertThat(refused.status()).as(invisible).isEqualTo(400);
            assertThat(refused.fieldErrors("email")).containsExactly(TEXT_ERROR);
        }
    }

    @Test
    void aPunycodeAndAUnicodeDomainAreOneAccountStoredInTheUnicodeForm() {
        String local = "idn-" + tag();
        ApiResponse created = signup(Map.of("email", local + "@xn--bcher-kva.de", "password", PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("email")).isEqualTo(local + "@bücher.de");

        for (String spelling : List.of(local + "@bücher.de", local + "@BÜCHER.de", local + "@XN--BCHER-KVA.DE")) {
            assertThat(signup(Map.of("email", spelling, "password", PASSWORD)).status())
                    .as(spelling)
                    .isEqualTo(409);
            ApiResponse login = login(spelling, PASSWORD);
            assertThat(login.status()).as("login as %s", spelling).isEqualTo(200);
            api.post("/api/users/logout/", login.text("token"));
        }
    }

    @Test
    void failedLoginsUnderAnySpellingCountTowardOneLockout() {
        String local = "lock-" + tag();
        assertThat(signup(Map.of("email", local + "@bücher.de", "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        List<String> spellings = List.of(
                local + "@bücher.de",
                local + "@xn--bcher-kva.de",
                local + "@BÜCHER.DE",
                local.toUpperCase() + "@bücher.de");
        for (int failure = 0; failure < 5; failure++) {
            assertThat(login(spellings.get(failure % spellings.size()), "wrong-password")
                            .status())
                    .isEqualTo(401);
        }

        assertThat(login(local + "@xn--bcher-kva.de", PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void changingOneAddressToALookAlikeOfAnotherIsAConflict() {
        Account first = newUser();
        Account second = newUser();
        String lookAlike = first.email().replace("@example.com", "@ＥＸＡＭＰＬＥ.com");

        ApiResponse refused = api.patchJson(
                "/api/users/me/", tokenOf(second), Map.of("email", lookAlike, "current_password", PASSWORD));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("A user with this email already exists.");
    }

    @Test
    void addressesStoredBeforeNormalisationAreRekeyedByTheMigration() throws Exception {
        String punycode = "legacy-" + tag() + "@xn--bcher-kva.de";
        String fullwidth = "legacy-" + tag() + "@ｅｘａｍｐｌｅ.com";
        String invalid = "legacy-" + tag() + "@exam\u00adple.com";
        String twin = "twin-" + tag();
        Account punycodeAccount = withStoredEmail(punycode);
        Account fullwidthAccount = withStoredEmail(fullwidth);
        Account invalidAccount = withStoredEmail(invalid);
        Account unicodeTwin = withStoredEmail(twin + "@bücher.de");
        Account punycodeTwin = withStoredEmail(twin + "@xn--bcher-kva.de");

        try (Connection connection = dataSource.getConnection()) {
            new EmailKeyMigration().migrate(contextOf(connection));
        }

        String unicode = punycode.replace("xn--bcher-kva.de", "bücher.de");
        assertThat(storedEmail(punycodeAccount)).containsExactly(unicode, unicode);
        for (String spelling : List.of(punycode, unicode)) {
            ApiResponse login = login(spelling, PASSWORD);
            assertThat(login.status()).as(spelling).isEqualTo(200);
            api.post("/api/users/logout/", login.text("token"));
        }
        String ascii = fullwidth.replace("ｅｘａｍｐｌｅ", "example");
        assertThat(storedEmail(fullwidthAccount)).containsExactly(ascii, ascii);
        assertThat(login(ascii, PASSWORD).status()).isEqualTo(200);
        assertThat(storedEmail(invalidAccount))
                .as("not an address any more: left for staff to correct")
                .containsExactly(invalid, invalid);
        assertThat(storedEmail(unicodeTwin)).containsExactly(twin + "@bücher.de", twin + "@bücher.de");
        assertThat(storedEmail(punycodeTwin))
                .as("its normalised key is its twin's: left as it was")
                .containsExactly(twin + "@xn--bcher-kva.de", twin + "@xn--bcher-kva.de");
    }

    /** An account whose address was stored as the code before IDNA normalisation stored it. */
    private Account withStoredEmail(String email) {
        Account account = newUser();
        jdbc.sql("UPDATE users SET email = ?, email_key = ? WHERE id = ?")
                .params(email, email.toLowerCase(Locale.ROOT), account.id())
                .update();
        return new Account(account.id(), email, account.password());
    }

    private List<String> storedEmail(Account account) {
        return jdbc.sql("SELECT email, email_key FROM users WHERE id = ?")
                .param(account.id())
                .query((row, number) -> List.of(row.getString("email"), row.getString("email_key")))
                .single();
    }

    private static Context contextOf(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }

    /** NUL is turned away by the body reader already, with DRF's own words for it. */
    private static String messageFor(int codePoint) {
        return codePoint == 0 ? "Null characters are not allowed." : TEXT_ERROR;
    }

    /** The text with the code point at a position the seed chooses. */
    private static String insert(String text, int codePoint, Random random) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + Character.toString(codePoint) + text.substring(at);
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
