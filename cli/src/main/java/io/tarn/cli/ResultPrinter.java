package io.tarn.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Prints a whole result set in one format and says how many rows it had. */
interface ResultPrinter {
    long print(ResultSet resultSet, PrintStream out) throws SQLException;
}
