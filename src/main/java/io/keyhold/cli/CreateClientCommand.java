package io.keyhold.cli;

import io.keyhold.clients.ApiClients;
import io.keyhold.problems.Refusal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code create-client NAME}: an API client for an application, its secret printed this once. */
@Component
@Scope("prototype")
@Command(
        name = "create-client",
        mixinStandardHelpOptions = true,
        description = "Create an API client that may introspect tokens; prints its id and secret once.")
class CreateClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "What the application is, up to 100 characters.")
    String name;

    private final ApiClients clients;

    CreateClientCommand(ApiClients clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ApiClients.CreatedClient created = clients.createFromCommandLine(name);
            out.println("client_id: " + created.client().clientId());
            out.println("client_secret: " + created.secret());
            out.println("The secret is shown only now; keep it with the application.");
            return 0;
        } catch (Refusal refused) {
            err.println("Error: " + refused.error());
            return 1;
        }
    }
}
