package io.keyhold;

import java.util.List;

/** On the embedded default: an H2 file under the process's own {@code ./data/}. */
class NoEnumerationH2Test extends NoEnumerationTests {

    @Override
    List<String> databaseArguments() {
        return List.of();
    }
}
