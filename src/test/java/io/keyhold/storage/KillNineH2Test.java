package io.keyhold.storage;

import java.util.List;

/** {@link KillNineTests} on the embedded default: H2 in {@code ./data/} of the server's directory. */
class KillNineH2Test extends KillNineTests {

    @Override
    List<String> databaseArguments() {
        return List.of();
    }
}
