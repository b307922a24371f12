package io.tarn.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A parsed {@code jdbc:tarn:} URL: {@code jdbc:tarn:<directory>[;key=value...]} opens the warehouse in a directory
 * ({@code ~} expands to the home directory, relative paths resolve against the working directory);
 * {@code jdbc:tarn:mem:} opens a fresh in-memory warehouse and {@code jdbc:tarn:mem:NAME} one shared by name in this JVM.
 */
record TarnUrl(Kind kind, String location, String options) {

    static final String PREFIX = "jdbc:tarn:";
    private static final String MEMORY_PREFIX = "mem:";

    enum Kind { DIRECTORY, MEMORY }

    TarnUrl {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(options, "options is null");
    }

    static TarnUrl parse(String url) throws SQLException {
        Objects.requireNonNull(url, "url is null");
        if (!url.startsWith(PREFIX)) {
            throw new SQLException("not a Tarn URL: " + url, "08001");
        }
        String rest = url.substring(PREFIX.length());
        int semicolon = rest.indexOf(';');
        String location = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String options = semicolon < 0 ? "" : rest.substring(semicolon + 1);
        if (location.startsWith(MEMORY_PREFIX)) {
            return new TarnUrl(Kind.MEMORY, location.substring(MEMORY_PREFIX.length()), options);
        }
        if (location.isBlank()) {
            throw new SQLException("missing warehouse directory in URL " + url
                    + " (use jdbc:tarn:/path/to/warehouse or jdbc:tarn:mem:)", "08001");
        }
        return new TarnUrl(Kind.DIRECTORY, resolveDirectory(location).toString(), options);
    }

    /** Whether every connection gets its own engine (an unnamed in-memory warehouse). */
    boolean isPrivate() {
        return kind == Kind.MEMORY && location.isEmpty();
    }

    /** The key under which connections to the same warehouse share one engine. */
    String engineKey() {
        return kind == Kind.MEMORY ? MEMORY_PREFIX + location : location;
    }

    Path directory() {
        return Path.of(location);
    }

    private static Path resolveDirectory(String location) {
        String expanded = location;
        if (location.equals("~") || location.startsWith("~/")) {
            expanded = System.getProperty("user.home") + location.substring(1);
        }
        return Path.of(expanded).toAbsolutePath().normalize();
    }
}
