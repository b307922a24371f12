package io.tarn.cli;

import io.tarn.cli.tpch.TpchGenerator;
import io.tarn.catalog.spi.TarnException;
import io.tarn.jdbc.SqlErrors;
import io.tarn.jdbc.TarnConnection;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code tarn} command. Global option {@code --warehouse DIR} (default {@code $TARN_WAREHOUSE}, else
 * {@code ./warehouse}); every command reaches the engine through the JDBC driver ({@code jdbc:tarn:DIR}).
 * <pre>
 * tarn                                   interactive shell
 * tarn sql -e "STATEMENTS" | -f FILE [--format table|csv|json]
 * tarn generate tpch --scale SF [--schema NAME] [--parquet-dir DIR]
 * tarn classpath                         the class path that embeds the engine
 * </pre>
 */
public final class TarnMain {

    static final String USAGE = """
            usage: tarn [--warehouse DIR] [COMMAND]
              (no command)                          interactive SQL shell
              sql -e "STATEMENTS" | -f FILE.sql [--format table|csv|json]
              generate tpch --scale SF [--schema NAME] [--parquet-dir DIR]
              classpath                             print the class path that embeds the engine
            The warehouse defaults to $TARN_WAREHOUSE, else ./warehouse.""";

    private final PrintStream out;
    private final PrintStream err;

    TarnMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int status = new TarnMain(System.out, System.err).run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command; returns the process exit status. */
    int run(String[] args) {
        try {
            Arguments arguments = Arguments.parse(args);
            String url = "jdbc:tarn:" + arguments.warehouse();
            List<String> command = arguments.command();
            if (command.isEmpty()) {
                return new Shell(url).run();
            }
            return switch (command.get(0)) {
                case "sql" -> sql(url, arguments);
                case "generate" -> generate(url, arguments);
                case "classpath" -> {
                    out.println(System.getProperty("java.class.path"));
                    yield 0;
                }
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + command.get(0) + "'");
            };
        } catch (UsageException e) {
            err.println("tarn: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (SQLException e) {
            err.println(StatementRunner.errorMessage(e));
            return 1;
        } catch (TarnException e) {
            err.println(StatementRunner.errorMessage(SqlErrors.toSqlException(e)));
            return 1;
        } catch (NoSuchFileException e) {
            err.println("tarn: file not found: " + e.getFile());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("tarn: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private int sql(String url, Arguments arguments) throws SQLException, IOException {
        String inline = arguments.option("-e");
        String file = arguments.option("-f");
        if ((inline == null) == (file == null)) {
            throw new UsageException("sql needs exactly one of -e \"STATEMENTS\" or -f FILE");
        }
        String script = inline != null ? inline : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        OutputFormat format;
        try {
            format = OutputFormat.parse(arguments.optionOr("--format", "table"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            StatementRunner runner = new StatementRunner(connection, format, out, err);
            for (String statement : ScriptSplitter.split(script)) {
                try {
                    runner.run(statement);
                } catch (SQLException e) {
                    out.flush();
                    err.println(StatementRunner.errorMessage(e));
                    return 1;
                }
            }
        }
        return 0;
    }

    private int generate(String url, Arguments arguments) throws SQLException {
        List<String> command = arguments.command();
        if (command.size() < 2 || !command.get(1).equals("tpch")) {
            throw new UsageException("generate supports: generate tpch --scale SF");
        }
        String scaleText = arguments.option("--scale");
        if (scaleText == null) {
            throw new UsageException("generate tpch needs --scale SF (e.g. --scale 0.01)");
        }
        double scale;
        try {
            scale = Double.parseDouble(scaleText);
        } catch (NumberFormatException e) {
            throw new UsageException("--scale must be a number: " + scaleText);
        }
        if (!(scale > 0)) {
            throw new UsageException("--scale must be positive: " + scaleText);
        }
        String schema = arguments.optionOr("--schema", "tpch");
        String parquetDirectory = arguments.option("--parquet-dir");
        try (Connection connection = DriverManager.getConnection(url)) {
            TarnConnection tarn = connection.unwrap(TarnConnection.class);
            err.println("Generating TPC-H scale " + scale + " into schema " + schema);
            Map<String, Long> counts = TpchGenerator.generate(tarn.warehouse(), scale, schema, err);
            err.println("Generated " + counts.values().stream().mapToLong(Long::longValue).sum() + " rows");
        }
        if (parquetDirectory != null) {
            err.println("Writing Parquet files to " + parquetDirectory);
            TpchGenerator.writeParquet(Path.of(parquetDirectory), scale, err);
        }
        return 0;
    }

    /** A command line Tarn does not understand: reported with the usage text and exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Command-line words: {@code --warehouse} anywhere, options with one value, and the command words. */
    record Arguments(String warehouse, List<String> command, Map<String, String> options) {

        private static final List<String> OPTIONS_WITH_VALUE =
                List.of("--warehouse", "-e", "-f", "--format", "--scale", "--schema", "--parquet-dir");

        static Arguments parse(String[] args) {
            List<String> command = new ArrayList<>();
            Map<String, String> options = new java.util.LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                int equals = arg.indexOf('=');
                String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
                if (OPTIONS_WITH_VALUE.contains(name)) {
                    String value;
                    if (!name.equals(arg)) {
                        value = arg.substring(equals + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageException("option " + arg + " needs a value");
                    }
                    options.put(name, value);
                } else if (arg.startsWith("-") && !arg.equals("-h") && !arg.equals("--help")) {
                    throw new UsageException("unknown option " + arg);
                } else {
                    command.add(arg);
                }
            }
            String warehouse = options.remove("--warehouse");
            if (warehouse == null) {
                String fromEnvironment = System.getenv("TARN_WAREHOUSE");
                warehouse = fromEnvironment == null || fromEnvironment.isBlank() ? "warehouse" : fromEnvironment;
            }
            return new Arguments(warehouse, command, options);
        }

        String option(String name) {
            return options.get(name);
        }

        String optionOr(String name, String fallback) {
            return options.getOrDefault(name, fallback);
        }
    }
}
