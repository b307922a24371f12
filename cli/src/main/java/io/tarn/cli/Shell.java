package io.tarn.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The interactive shell: statements may span lines and end with {@code ;}; Ctrl-C cancels the running query (or
 * clears the line being typed), Ctrl-D, {@code exit} or {@code quit} exits. History is kept in {@code ~/.tarn_history}.
 */
final class Shell {

    private final String url;

    Shell(String url) {
        this.url = url;
    }

    int run() throws IOException, SQLException {
        try (Terminal terminal = TerminalBuilder.builder().name("tarn").system(true).dumb(true).build();
             Connection connection = DriverManager.getConnection(url)) {
            warmUp();
            PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("tarn")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".tarn_history"))
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            StatementRunner runner = new StatementRunner(connection, OutputFormat.TABLE, out, out);
            out.println("Tarn shell on " + url + ". End statements with ';', Ctrl-D to exit.");
            StringBuilder pending = new StringBuilder();
            while (true) {
                String line;
                try {
                    line = reader.readLine(pending.length() == 0 ? "tarn> " : "   -> ");
                } catch (UserInterruptException e) {
                    pending.setLength(0);
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                if (pending.length() == 0 && isExitCommand(line)) {
                    return 0;
                }
                pending.append(line).append('\n');
                ScriptSplitter.Split split = ScriptSplitter.scan(pending.toString());
                pending.setLength(0);
                if (ScriptSplitter.hasCode(split.remainder())) {
                    pending.append(split.remainder());
                }
                for (String sql : split.statements()) {
                    execute(terminal, runner, sql, out);
                }
            }
        }
    }

    /** {@code exit}, {@code quit} or {@code \q}, with or without a semicolon. */
    static boolean isExitCommand(String line) {
        String command = line.trim().replaceFirst(";$", "").trim().toLowerCase(java.util.Locale.ROOT);
        return command.equals("exit") || command.equals("quit") || command.equals("\\q");
    }

    private static void execute(Terminal terminal, StatementRunner runner, String sql, PrintStream out) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
        try {
            runner.run(sql);
        } catch (SQLException e) {
            out.println(StatementRunner.errorMessage(e));
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    /** Plans one query in the background so the user's first query does not pay for loading the planner. */
    private void warmUp() {
        Thread thread = new Thread(() -> {
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            } catch (SQLException | RuntimeException e) {
                // Only a warm-up: the user's own statements report real errors.
            }
        }, "tarn-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
