package io.tarn.cli;

import java.util.Locale;

/** How result sets are printed. */
public enum OutputFormat {
    TABLE, CSV, JSON;

    public static OutputFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "' (use table, csv or json)");
        }
    }

    ResultPrinter printer() {
        return switch (this) {
            case TABLE -> new TablePrinter();
            case CSV -> new CsvPrinter();
            case JSON -> new JsonPrinter();
        };
    }
}
