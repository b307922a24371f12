<#--
  Tarn's productions, spliced into Calcite's Parser.jj template (see ../config.fmpp for where each is hooked in).
  Grammar-level checks throw ParseErrors.at(pos, message), which surfaces as SqlParseException at that position.
  Room for later statements: CREATE PIPELINE / CREATE FUNCTION go into createStatementParserMethods, GRANT into
  statementParserMethods.
-->

/** Parses {@code EXPLAIN statement}: Tarn's physical plan. {@code EXPLAIN PLAN ...} stays Calcite's SqlExplain. */
SqlNode SqlExplainPhysical() :
{
    final Span s;
    final SqlNode statement;
}
{
    <EXPLAIN> { s = span(); }
    (
        // PLAN is a non-reserved keyword, so an expression could start with it; leave EXPLAIN PLAN to SqlExplain().
        // Semantic lookahead also steers SqlStmt's LOOKAHEAD(2) scan, but JavaCC honours it only at a real choice,
        // hence the second alternative, which never matches.
        LOOKAHEAD({ getToken(1).kind != PLAN })
        statement = SqlQueryOrDml()
    |
        LOOKAHEAD({ false })
        <PLAN> { statement = null; }
    )
    {
        return new SqlExplainPhysical(s.end(statement), statement);
    }
}

/** Parses {@code SHOW SCHEMAS} and {@code SHOW TABLES [FROM | IN schema]}. */
SqlNode SqlShow() :
{
    final Span s;
    SqlIdentifier schema = null;
    final SqlIdentifier unknown;
}
{
    <SHOW> { s = span(); }
    (
        // SCHEMAS and TABLES are also identifiers; the explicit lookaheads give them precedence over the last branch.
        LOOKAHEAD(1)
        <SCHEMAS>
        {
            return new SqlShowSchemas(s.end(this));
        }
    |
        LOOKAHEAD(1)
        <TABLES>
        [
            ( <FROM> | <IN> )
            schema = CompoundIdentifier()
        ]
        {
            return new SqlShowTables(s.end(this), schema);
        }
    |
        // Accepts any word so that the error names it, instead of rejecting the reserved word SHOW.
        unknown = SimpleIdentifier()
        {
            throw ParseErrors.at(unknown.getParserPosition(),
                "Unknown SHOW " + unknown + "; expected SHOW SCHEMAS or SHOW TABLES [FROM schema]");
        }
    )
}

/** Parses {@code DESC table}, the short form of Calcite's {@code DESCRIBE [TABLE] table}. */
SqlNode SqlDescTable() :
{
    final Span s;
    final SqlIdentifier table;
}
{
    <DESC> { s = span(); }
    table = CompoundIdentifier()
    {
        return new SqlDescribeTable(s.end(table), table, null);
    }
}

/** Parses {@code USE schema}. */
SqlNode SqlUseSchema() :
{
    final Span s;
    final SqlIdentifier schema;
}
{
    <USE> { s = span(); }
    schema = CompoundIdentifier()
    {
        return new SqlUseSchema(s.end(schema), schema);
    }
}

/** Parses {@code STRING} (Spark, DuckDB) and {@code TEXT} (Postgres, SQLite, DuckDB) as an unbounded VARCHAR. */
SqlTypeNameSpec StringTypeName() :
{
}
{
    ( <STRING> | <TEXT> )
    {
        return new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, getPos());
    }
}

boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** Parses {@code CREATE SCHEMA [IF NOT EXISTS] name} after {@code CREATE}. */
SqlCreate SqlCreateSchema(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
}
{
    <SCHEMA> ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    {
        if (replace) {
            throw ParseErrors.at(s.pos(), "CREATE OR REPLACE SCHEMA is not supported; use CREATE SCHEMA IF NOT EXISTS");
        }
        return new SqlCreateSchema(s.end(name), ifNotExists, name);
    }
}

/**
 * Parses the rest of {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(column, ..., [constraint, ...])]
 * [USING format] [PARTITIONED BY (column, ...)] [LOCATION 'path'] [AS query]}.
 */
SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    String format = null;
    SqlNodeList partitionColumns = SqlNodeList.EMPTY;
    String location = null;
    SqlNode query = null;
    final List<SqlNode> constraints = new ArrayList<SqlNode>();
    SqlTableConstraint primaryKey = null;
}
{
    <TABLE> ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    [ columns = TableElementList(constraints) ]
    [ <USING> format = TableFormatName() ]
    [ <PARTITIONED> <BY> partitionColumns = ParenthesizedSimpleIdentifierList() ]
    [ <LOCATION> location = SimpleStringLiteral() ]
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        final SqlParserPos pos = s.end(this);
        if (replace && ifNotExists) {
            throw ParseErrors.at(pos, "OR REPLACE and IF NOT EXISTS cannot both be used in CREATE TABLE");
        }
        if (query != null && columns.size() > 0) {
            throw ParseErrors.at(columns.getParserPosition(),
                "CREATE TABLE " + name + " AS query takes its column types from the query; remove the column list");
        }
        if (query == null && location == null && columns.size() == 0) {
            throw ParseErrors.at(name.getParserPosition(),
                "CREATE TABLE " + name + " needs a column list, a LOCATION or AS query");
        }
        if (columns.size() == 0 && !constraints.isEmpty()) {
            throw ParseErrors.at(constraints.get(0).getParserPosition(),
                "CREATE TABLE " + name + " declares constraints but no columns");
        }
        for (SqlNode node : constraints) {
            final SqlTableConstraint constraint = (SqlTableConstraint) node;
            if (constraint.isPrimaryKey() && primaryKey != null) {
                throw ParseErrors.at(constraint.getParserPosition(),
                    "CREATE TABLE " + name + " declares more than one PRIMARY KEY");
            }
            if (constraint.isPrimaryKey()) {
                primaryKey = constraint;
            }
        }
        return new SqlCreateTable(pos, replace, ifNotExists, name, columns, format, partitionColumns,
            location, query, new SqlNodeList(constraints, pos));
    }
}

/**
 * Parses {@code (element, ...)}, where an element is a column definition or a table constraint, in any order.
 * Returns the columns and adds every constraint, column-level ones included, to {@code constraints}.
 */
SqlNodeList TableElementList(List<SqlNode> constraints) :
{
    final Span s;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    AddTableElement(columns, constraints)
    ( <COMMA> AddTableElement(columns, constraints) )*
    <RPAREN>
    {
        return new SqlNodeList(columns, s.end(this));
    }
}

void AddTableElement(List<SqlNode> columns, List<SqlNode> constraints) :
{
    final SqlTableConstraint constraint;
}
{
    constraint = KeyConstraint(null) { constraints.add(constraint); }
|
    AddColumnDefinition(columns, constraints)
}

/**
 * Parses {@code name type [NOT NULL | NULL | PRIMARY KEY | UNIQUE]...}; a PRIMARY KEY or UNIQUE goes to
 * {@code constraints} as a one-column constraint.
 */
void AddColumnDefinition(List<SqlNode> columns, List<SqlNode> constraints) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    Boolean nullable = null;
    SqlTableConstraint constraint;
}
{
    name = SimpleIdentifier()
    type = DataType()
    (
        <NOT> <NULL>
        {
            if (Boolean.TRUE.equals(nullable)) {
                throw ParseErrors.at(getPos(), "Column " + name + " is declared both NULL and NOT NULL");
            }
            nullable = false;
        }
    |
        <NULL>
        {
            if (Boolean.FALSE.equals(nullable)) {
                throw ParseErrors.at(getPos(), "Column " + name + " is declared both NULL and NOT NULL");
            }
            nullable = true;
        }
    |
        <DEFAULT_>
        {
            throw ParseErrors.at(getPos(), "DEFAULT values are not supported (column " + name + ")");
        }
    |
        constraint = KeyConstraint(new SqlNodeList(List.of(name), name.getParserPosition()))
        {
            constraints.add(constraint);
        }
    )*
    {
        columns.add(new SqlColumnDefinition(Span.of(name).end(this), name,
            type.withNullable(!Boolean.FALSE.equals(nullable))));
    }
}

/**
 * Parses {@code [CONSTRAINT name] PRIMARY KEY | UNIQUE}, followed by {@code (column, ...)} unless
 * {@code columnOfColumnConstraint} gives the column (the constraint then follows a column definition).
 */
SqlTableConstraint KeyConstraint(SqlNodeList columnOfColumnConstraint) :
{
    Span s = null;
    SqlIdentifier name = null;
    final boolean primaryKey;
    SqlNodeList columns = columnOfColumnConstraint;
}
{
    [ <CONSTRAINT> { s = span(); } name = SimpleIdentifier() ]
    (
        <PRIMARY> { s = s == null ? span() : s; } <KEY> { primaryKey = true; }
    |
        <UNIQUE> { s = s == null ? span() : s; primaryKey = false; }
    )
    [ LOOKAHEAD({ columnOfColumnConstraint == null }) columns = ParenthesizedSimpleIdentifierList() ]
    {
        return new SqlTableConstraint(s.end(this), primaryKey, name, columns);
    }
}

/** Parses the format after {@code USING}: one of {@link SqlCreateTable#FORMATS}, case-insensitive. */
String TableFormatName() :
{
    final SqlIdentifier id;
}
{
    id = SimpleIdentifier()
    {
        final String format = id.getSimple().toLowerCase(Locale.ROOT);
        if (!SqlCreateTable.FORMATS.contains(format)) {
            throw ParseErrors.at(id.getParserPosition(),
                "Unknown table format '" + id.getSimple() + "'; expected one of " + SqlCreateTable.FORMATS);
        }
        return format;
    }
}

/** Rejects {@code CREATE [UNIQUE] INDEX} with a message saying why, rather than an unexpected-token error. */
SqlCreate SqlCreateIndex(Span s, boolean replace) :
{
}
{
    [ <UNIQUE> ] <INDEX>
    {
        throw ParseErrors.at(s.end(this), "CREATE INDEX is not supported: Tarn tables have no indexes");
    }
}

/** Parses {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(column, ...)] AS query} after {@code CREATE}. */
SqlCreate SqlCreateView(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    final SqlNode query;
}
{
    <VIEW> ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        final SqlParserPos pos = s.end(this);
        if (replace && ifNotExists) {
            throw ParseErrors.at(pos, "OR REPLACE and IF NOT EXISTS cannot both be used in CREATE VIEW");
        }
        return new SqlCreateView(pos, replace, ifNotExists, name, columns, query);
    }
}

/** Parses {@code SCHEMA [IF EXISTS] name [CASCADE | RESTRICT]} after {@code DROP}. */
SqlDrop SqlDropSchema(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
    boolean cascade = false;
}
{
    <SCHEMA> ifExists = IfExistsOpt()
    name = CompoundIdentifier()
    [
        <CASCADE> { cascade = true; }
    |
        <RESTRICT>
    ]
    {
        return new SqlDropSchema(s.end(this), ifExists, name, cascade);
    }
}

/** Parses {@code TABLE [IF EXISTS] name} after {@code DROP}. */
SqlDrop SqlDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <TABLE> ifExists = IfExistsOpt()
    name = CompoundIdentifier()
    {
        return new SqlDropTable(s.end(name), ifExists, name);
    }
}

/** Rejects {@code DROP INDEX} with a message saying why, rather than an unexpected-token error. */
SqlDrop SqlDropIndex(Span s, boolean replace) :
{
}
{
    <INDEX>
    {
        throw ParseErrors.at(s.end(this), "DROP INDEX is not supported: Tarn tables have no indexes");
    }
}

/** Parses {@code VIEW [IF EXISTS] name} after {@code DROP}. */
SqlDrop SqlDropView(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <VIEW> ifExists = IfExistsOpt()
    name = CompoundIdentifier()
    {
        return new SqlDropView(s.end(name), ifExists, name);
    }
}
