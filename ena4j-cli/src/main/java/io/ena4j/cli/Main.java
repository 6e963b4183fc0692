package io.ena4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./ena4j} tool: one subcommand per user job. */
@Command(name = "ena4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Amazon ENA driver stack and ENA device model for the JVM.",
        subcommands = {ProbeCommand.class, DemoCommand.class, PktgenCommand.class, FwdCommand.class, BenchCommand.class, FaultsCommand.class, EthtoolCommand.class, ResponderCommand.class, StatCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the tool and exits with its status: 0 success, 1 failure, 2 bad usage. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool without exiting (used by tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("ena4j: " + ex.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    /** Version string from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ena4j " + io.ena4j.driver.EnaDevice.DRIVER_VERSION};
        }
    }
}
