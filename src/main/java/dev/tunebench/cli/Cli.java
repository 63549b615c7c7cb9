package dev.tunebench.cli;

import dev.tunebench.engine.run.TrainingRun;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The headless command line: {@code java -jar tunebench.jar <command> [options]}. */
public final class Cli {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** Creates the CLI with every command registered. */
    public Cli() {
        for (Command c : List.<Command>of(
                new TrainCommand(),
                new PresetsCommand(),
                new CheckCommand(),
                new OverfitCommand(),
                new LrFindCommand(),
                new ShapesCommand(),
                new ScheduleCommand(),
                new InspectCommand(),
                new EvaluateCommand(),
                new CheckpointsCommand(),
                new ExportCommand(),
                new BenchCommand())) {
            commands.put(c.name(), c);
        }
    }

    /** Entry point; exits the JVM with the command's code. */
    public static void main(String[] args) {
        dev.tunebench.engine.EngineSettings.offline();
        int code = new Cli().execute(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Returns the registered commands by name. */
    public Map<String, Command> commands() {
        return Map.copyOf(commands);
    }

    /**
     * Runs one command line and returns the exit code: 0 success, 1 failure, 2 bad input. Never throws and never
     * prints a stack trace: errors become one line on {@code err}.
     */
    public int execute(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || Set.of("help", "--help", "-h").contains(argv.get(0))) {
            printHelp(out);
            return argv.isEmpty() ? 2 : 0;
        }
        Command c = commands.get(argv.get(0));
        if (c == null) {
            err.println("tunebench: unknown command '" + argv.get(0) + "'; commands: "
                    + String.join(", ", commands.keySet()));
            return 2;
        }
        List<String> rest = new ArrayList<>(argv.subList(1, argv.size()));
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println("usage: " + c.usage());
            out.println(c.description());
            return 0;
        }
        try {
            return c.run(Args.parse(rest, flagsOf(c)), out, err);
        } catch (UsageException e) {
            err.println("tunebench " + c.name() + ": " + e.getMessage());
            return 2;
        } catch (Exception | OutOfMemoryError e) {
            String m = TrainingRun.describe(e);
            if (e instanceof IllegalArgumentException || isBadInput(e)) {
                err.println("tunebench " + c.name() + ": " + m);
                return 2;
            }
            err.println("tunebench " + c.name() + ": failed: " + m);
            return 1;
        }
    }

    private static boolean isBadInput(Throwable e) {
        String n = e.getClass().getSimpleName();
        return n.equals("DataException") || n.equals("PresetException") || n.equals("CheckpointException")
                || e instanceof java.nio.file.NoSuchFileException;
    }

    private static Set<String> flagsOf(Command c) {
        return c instanceof FlagsAware f ? f.flags() : Set.of();
    }

    private void printHelp(PrintStream out) {
        out.println("TuneBench: tune deep-learning models on DJL (PyTorch engine).");
        out.println("usage: java -jar target/tunebench.jar [command] [options]   (no command: open the window)");
        out.println();
        for (Command c : commands.values()) {
            out.printf("  %-12s %s%n", c.name(), c.description());
            out.printf("  %-12s   %s%n", "", c.usage());
        }
    }

    /** A command with options that take no value. */
    public interface FlagsAware {
        /** Returns the names of the options that take no value. */
        Set<String> flags();
    }
}
