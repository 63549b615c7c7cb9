package dev.tunebench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parsed {@code --name value} options and {@code --flag} switches of one command. */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses the arguments after the command word. {@code flags} names the options that take no value.
     *
     * @throws UsageException for an option without its value
     */
    public static Args parse(List<String> argv, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            if (s.startsWith("--")) {
                String name = s.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    a.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (flags.contains(name)) {
                    a.put(name, "true");
                } else {
                    if (i + 1 >= argv.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    a.put(name, argv.get(++i));
                }
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    private void put(String name, String value) {
        options.put(name, value);
        repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /** Returns every value of an option given more than once ({@code --set a=1 --set b=2}), in order. */
    public List<String> values(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }

    /** Returns the option's value if given (the last one when given more than once). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Returns the option's value. @throws UsageException when it is missing */
    public String require(String name) {
        String v = options.get(name);
        if (v == null) {
            throw new UsageException("missing option --" + name);
        }
        return v;
    }

    /** Returns whether a flag or option was given. */
    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** Returns an integer option, or the default. @throws UsageException when it is not an integer */
    public int intOption(String name, int dflt) {
        String v = options.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": '" + v + "' is not an integer");
        }
    }

    /** Returns a long option, or the default. @throws UsageException when it is not an integer */
    public long longOption(String name, long dflt) {
        String v = options.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": '" + v + "' is not an integer");
        }
    }

    /** Returns a number option, or the default. @throws UsageException when it is not a number */
    public double doubleOption(String name, double dflt) {
        String v = options.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": '" + v + "' is not a number");
        }
    }

    /** Returns the arguments that are not options. */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** Returns the names of all options given. */
    public Set<String> names() {
        return options.keySet();
    }
}
