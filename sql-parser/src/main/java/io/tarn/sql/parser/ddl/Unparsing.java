package io.tarn.sql.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/** Unparse steps shared by several statement nodes. */
final class Unparsing {
    private Unparsing() {
    }

    /** Writes {@code (item, item, ...)}. */
    static void parenthesizedList(SqlWriter writer, List<SqlNode> items) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode item : items) {
            writer.sep(",");
            item.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }

    /** Writes {@code AS query} with the query on its own line. */
    static void asQuery(SqlWriter writer, SqlNode query) {
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
    }
}
