package io.gatehouse.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gatehouse}: the single executable's entry point. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "An API gateway for microservices and AI model servers.",
        subcommands = {RunCommand.class, ValidateCommand.class, DemoCommand.class, ServeModelsCommand.class})
public final class GatehouseCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns the exit code: 0 ok, 1 failure, 2 usage error. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new GatehouseCommand()).setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            // One clear line instead of the full usage text.
            e.getCommandLine().getErr().println("gatehouse: " + e.getMessage() + " (see --help)");
            return CommandLine.ExitCode.USAGE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
