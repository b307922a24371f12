package io.tarn.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tarn.sql.parser.ddl.SqlCreateView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 22 TPC-H queries as Trino ships them (io.trino.tpch) parse unchanged, apart from the leading comment line. */
class TestTpchQueries {
    static IntStream queryNumbers() {
        return IntStream.rangeClosed(1, 22);
    }

    static String queryText(int number) throws IOException {
        String resource = "/io/trino/tpch/queries/q" + number + ".sql";
        try (InputStream in = TestTpchQueries.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.startsWith("--") ? text.substring(text.indexOf('\n') + 1) : text;
        }
    }

    @ParameterizedTest
    @MethodSource("queryNumbers")
    void queryParsesAndRoundTrips(int number) throws IOException, SqlParseException {
        SqlNodeList statements = TarnParser.parseStatements(queryText(number));

        assertEquals(number == 15 ? 2 : 1, statements.size());
        SqlNode query = statements.get(statements.size() - 1);
        assertTrue(query.getKind().belongsTo(SqlKind.QUERY), query.getKind()::toString);
        String unparsed = TarnParser.toSql(query);
        assertEquals(unparsed, TarnParser.toSql(TarnParser.parse(unparsed)));
    }

    @Test
    void query15DefinesTheRevenueView() throws IOException, SqlParseException {
        SqlCreateView view = (SqlCreateView) TarnParser.parseStatements(queryText(15)).get(0);

        assertTrue(view.isOrReplace());
        assertEquals("revenue", view.getName().getSimple());
    }
}
