package io.keyhold.cli;

import io.keyhold.text.PlainText;
import io.keyhold.users.UserImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code import-django FILE}: users from a {@code manage.py dumpdata} export of the seed's user
 * model, streamed and written in batches. Running it again changes nothing.
 */
@Component
@Scope("prototype")
@Command(
        name = "import-django",
        mixinStandardHelpOptions = true,
        description = "Import users from a Django 'manage.py dumpdata' JSON file, keeping ids and password hashes.")
class ImportDjangoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The dumpdata JSON file.")
    Path file;

    @Option(
            names = "--batch-size",
            defaultValue = "1000",
            description = "Users per transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    private final UserImport userImport;
    private final JsonMapper jsonMapper;

    ImportDjangoCommand(UserImport userImport, JsonMapper jsonMapper) {
        this.userImport = userImport;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batchSize < 1 || batchSize > 10_000) {
            err.println("Error: --batch-size must be between 1 and 10000.");
            return 2;
        }
        if (!Files.isReadable(file)) {
            err.println("Error: cannot read " + file + ".");
            return 1;
        }
        var totals = new Totals();
        ProgressBar progress = ProgressBar.forTerminal(err);
        int status = 0;
        UserImport.Run run = userImport.begin();
        // Reading and writing overlap: while the database takes one batch, the next is parsed.
        ExecutorService writer = Executors.newSingleThreadExecutor();
        var pipeline = new Pipeline(run, writer, totals);
        try (DumpdataReader reader = DumpdataReader.open(file, jsonMapper)) {
            List<UserImport.Record> batch = new ArrayList<>(batchSize);
            for (UserImport.Record record = reader.next(); record != null; record = reader.next()) {
                batch.add(record);
                if (batch.size() == batchSize) {
                    pipeline.write(batch);
                    batch = new ArrayList<>(batchSize);
                    progress.show(reader.progress(), totals.read);
                }
            }
            pipeline.write(batch);
            pipeline.drain();
        } catch (DumpdataReader.Unreadable unreadable) {
            err.println("Error: " + file + ": " + PlainText.forLog(unreadable.getMessage()));
            status = 1;
        } catch (IOException failure) {
            err.println("Error: reading " + file + " failed: " + failure.getMessage());
            status = 1;
        } finally {
            pipeline.drainQuietly();
            writer.shutdown();
            progress.done();
        }
        run.finish();
        totals.report(out, err);
        return status;
    }

    /** One batch in the database while the next is read; results counted in file order. */
    private static final class Pipeline {

        private final UserImport.Run run;
        private final ExecutorService writer;
        private final Totals totals;
        private Future<UserImport.BatchResult> pending;
        private int pendingSize;

        Pipeline(UserImport.Run run, ExecutorService writer, Totals totals) {
            this.run = run;
            this.writer = writer;
            this.totals = totals;
        }

        void write(List<UserImport.Record> batch) {
            drain();
            pending = writer.submit(() -> run.importBatch(batch));
            pendingSize = batch.size();
        }

        /** Waits for the batch in flight; a failure there is the command's failure. */
        void drain() {
            if (pending == null) {
                return;
            }
            try {
                totals.add(pending.get(), pendingSize);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while importing", interrupted);
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(failed.getCause());
            } finally {
                pending = null;
            }
        }

        /** After a reading error: what was already sent still lands and is counted. */
        void drainQuietly() {
            if (pending != null) {
                drain();
            }
        }
    }

    /** Running counts over all batches. */
    private static final class Totals {

        long read;
        long created;
        long updated;
        long unchanged;
        final List<UserImport.Skipped> skipped = new ArrayList<>();

        void add(UserImport.BatchResult result, int records) {
            read += records;
            created += result.created();
            updated += result.updated();
            unchanged += result.unchanged();
            skipped.addAll(result.skipped());
        }

        /** Reasons may quote the file (an unreadable timestamp): escaped, so a record cannot write to the terminal. */
        void report(PrintWriter out, PrintWriter err) {
            for (UserImport.Skipped record : skipped) {
                err.println("Skipped record #" + record.position()
                        + (record.id() == null ? "" : " (pk " + record.id() + ")") + ": "
                        + PlainText.forLog(record.reason()));
            }
            out.printf(
                    "Read %d records: %d created, %d updated, %d unchanged, %d skipped.%n",
                    read, created, updated, unchanged, skipped.size());
            if (created == 0 && updated == 0) {
                out.println("Nothing changed: every usable record was already imported.");
            }
            out.flush();
        }
    }
}
