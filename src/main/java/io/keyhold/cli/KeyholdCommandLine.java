package io.keyhold.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * Runs a management command inside a non-web application context, so commands use the same
 * services, configuration and database as the server. Arguments of the form
 * {@code --spring.x=…}, {@code --keyhold.x=…}, {@code --server.x=…} or {@code --logging.x=…}
 * configure that context; the rest belong to the command.
 */
public final class KeyholdCommandLine {

    private static final Set<String> COMMANDS =
            Set.of("createsuperuser", "changepassword", "import-django", "export", "create-client");
    private static final List<String> CONTEXT_PREFIXES = List.of("--spring.", "--keyhold.", "--server.", "--logging.");

    private KeyholdCommandLine() {}

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(Class<?> application, String[] args) {
        List<String> contextArgs = new ArrayList<>();
        List<String> commandArgs = new ArrayList<>();
        for (String arg : args) {
            (CONTEXT_PREFIXES.stream().anyMatch(arg::startsWith) ? contextArgs : commandArgs).add(arg);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN")
                .run(contextArgs.toArray(String[]::new))) {
            return commandLine(context).execute(commandArgs.toArray(String[]::new));
        }
    }

    /** The command tree with its commands built as beans of the given context. */
    public static CommandLine commandLine(ApplicationContext context) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return context.getBeanProvider(type).getIfAvailable(() -> instantiate(type));
            }

            private <K> K instantiate(Class<K> type) {
                try {
                    return CommandLine.defaultFactory().create(type);
                } catch (Exception failure) {
                    throw new IllegalStateException("Cannot create " + type.getName(), failure);
                }
            }
        };
        return new CommandLine(KeyholdCommand.class, factory);
    }

    @CommandLine.Command(
            name = "java -jar keyhold.jar",
            mixinStandardHelpOptions = true,
            subcommands = {
                CreateSuperuserCommand.class,
                ChangePasswordCommand.class,
                ImportDjangoCommand.class,
                ExportCommand.class,
                CreateClientCommand.class
            },
            description = "Keyhold management commands.")
    static final class KeyholdCommand {}
}
