package io.keyhold.cli;

import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code export FILE}: every user, hashes included, as a dumpdata file. */
@Component
@Scope("prototype")
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write every user, password hashes included, as a Django dumpdata JSON file.")
class ExportCommand implements Callable<Integer> {

    private static final int PAGE = 1000;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Where to write; replaced if it exists.")
    Path file;

    @Option(
            names = "--model",
            defaultValue = "users.customuser",
            description = "The model label to write (default: ${DEFAULT-VALUE}).")
    String model;

    private final UserAccounts users;
    private final JsonMapper jsonMapper;

    ExportCommand(UserAccounts users, JsonMapper jsonMapper) {
        this.users = users;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long written;
        // Written beside the target and moved into place, so a failed export never leaves half a file.
        try (DumpdataWriter writer = new DumpdataWriter(partial, jsonMapper, model)) {
            long after = 0;
            for (List<User> page = users.findAfter(after, PAGE); !page.isEmpty(); page = users.findAfter(after, PAGE)) {
                for (User user : page) {
                    writer.write(user);
                }
                after = page.get(page.size() - 1).id();
            }
            written = writer.written();
        } catch (IOException failure) {
            err.println("Error: writing " + file + " failed: " + failure.getMessage());
            deleteQuietly(partial);
            return 1;
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failure) {
            err.println("Error: cannot move the export into " + file + ": " + failure.getMessage());
            return 1;
        }
        out.println("Exported " + written + " users to " + file + ".");
        return 0;
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // The error that matters has been reported already.
        }
    }
}
