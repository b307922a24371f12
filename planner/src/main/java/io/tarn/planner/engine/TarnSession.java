package io.tarn.planner.engine;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableAppend;
import io.tarn.catalog.spi.Warehouse;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.spill.SpillSpace;
import io.tarn.executor.QueryExecutor;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalProject;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.planner.StatementPlanner;
import io.tarn.planner.convert.PlanningException;
import io.tarn.planner.convert.RexTranslator;
import io.tarn.planner.convert.TypeConverter;
import io.tarn.planner.fragment.ExchangePlanner;
import io.tarn.planner.fragment.RowEstimates;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** A session of the embedded engine: parses, plans and runs statements one at a time. */
final class TarnSession implements Session {
    private final Warehouse warehouse;
    private final BufferAllocator engineAllocator;
    private final SessionSettings settings;
    private String currentSchema = "main";
    private volatile ExecutionContext running;
    private volatile boolean cancelRequested;
    private long statementStartNanos;
    private volatile QueryProfile lastQueryProfile;

    TarnSession(Warehouse warehouse, BufferAllocator engineAllocator, long defaultMemoryLimit) {
        this.warehouse = warehouse;
        this.engineAllocator = engineAllocator;
        this.settings = new SessionSettings(defaultMemoryLimit);
    }

    @Override
    public String currentSchema() {
        return currentSchema;
    }

    @Override
    public void setCurrentSchema(String schema) {
        String name = requireNonNull(schema, "schema is null").toLowerCase(java.util.Locale.ROOT);
        if (!warehouse.schemaExists(name)) {
            throw new CatalogException(CatalogException.UNDEFINED_SCHEMA, "schema " + name + " does not exist");
        }
        currentSchema = name;
    }

    @Override
    public String getSetting(String name) {
        return settings.get(name);
    }

    @Override
    public void setSetting(String name, String value) {
        settings.set(name, value);
    }

    @Override
    public StatementResult execute(String sql) {
        return execute(sql, List.of());
    }

    private StatementResult execute(String sql, List<Object> parameters) {
        cancelRequested = false;
        statementStartNanos = System.nanoTime();
        try {
            SqlNode node = StatementPlanner.parse(sql);
            return dispatch(node, sql, parameters);
        } catch (Throwable e) {
            throw ErrorTranslator.translate(e);
        }
    }

    @Override
    public PreparedStatement prepare(String sql) {
        try {
            SqlNode node = StatementPlanner.parse(sql);
            boolean returnsRows = node.getKind().belongsTo(SqlKind.QUERY);
            RowSchema resultSchema = new RowSchema(List.of());
            List<Parameter> parameters = new ArrayList<>();
            if (returnsRows || node instanceof SqlInsert) {
                StatementPlanner planner = new StatementPlanner(warehouse, currentSchema);
                StatementPlanner.Validated validated = planner.validate(node);
                if (returnsRows) {
                    resultSchema = TypeConverter.toRowSchema(validated.rowType());
                }
                List<RelDataTypeField> fields = validated.parameterRowType().getFieldList();
                for (int i = 0; i < fields.size(); i++) {
                    parameters.add(new Parameter(i, TypeConverter.toTarn(fields.get(i).getType())));
                }
            } else if (isExplainOrShow(node)) {
                returnsRows = true;
            }
            return new Prepared(sql, parameters, resultSchema, returnsRows);
        } catch (Throwable e) {
            throw ErrorTranslator.translate(e);
        }
    }

    private static boolean isExplainOrShow(SqlNode node) {
        return node instanceof SqlExplain || node instanceof io.tarn.sql.parser.ddl.SqlExplainPhysical
                || node instanceof io.tarn.sql.parser.ddl.SqlShowTables || node instanceof io.tarn.sql.parser.ddl.SqlShowSchemas
                || node instanceof org.apache.calcite.sql.SqlDescribeTable;
    }

    private final class Prepared implements PreparedStatement {
        private final String sql;
        private final List<Parameter> parameters;
        private final RowSchema resultSchema;
        private final boolean returnsRows;

        Prepared(String sql, List<Parameter> parameters, RowSchema resultSchema, boolean returnsRows) {
            this.sql = sql;
            this.parameters = List.copyOf(parameters);
            this.resultSchema = resultSchema;
            this.returnsRows = returnsRows;
        }

        @Override
        public String sql() {
            return sql;
        }

        @Override
        public List<Parameter> parameters() {
            return parameters;
        }

        @Override
        public RowSchema resultSchema() {
            return resultSchema;
        }

        @Override
        public boolean returnsRows() {
            return returnsRows;
        }

        @Override
        public StatementResult execute(List<Object> parameterValues) {
            if (parameterValues.size() != parameters.size()) {
                throw new PlanningException(PlanningException.INVALID_PARAMETER,
                        "statement has " + parameters.size() + " parameters but " + parameterValues.size() + " values were bound");
            }
            return TarnSession.this.execute(sql, parameterValues);
        }
    }

    @Override
    public QueryProfile lastQueryProfile() {
        return lastQueryProfile;
    }

    @Override
    public void cancel() {
        cancelRequested = true;
        ExecutionContext context = running;
        if (context != null) {
            context.cancel();
        }
    }

    @Override
    public void close() {
        cancel();
    }

    // ---- dispatch -----------------------------------------------------------------------------------------------

    private StatementResult dispatch(SqlNode node, String sql, List<Object> parameters) {
        if (node instanceof io.tarn.sql.parser.ddl.SqlExplainPhysical explain) {
            return explain(explain.getStatement(), parameters);
        }
        if (node instanceof SqlExplain explain) {
            return explain(explain.getExplicandum(), parameters);
        }
        if (node instanceof SqlInsert insert) {
            return insert(insert, parameters);
        }
        if (node.getKind().belongsTo(SqlKind.QUERY)) {
            return query(node, parameters);
        }
        return new DdlExecutor(this, warehouse, sql).execute(node);
    }

    StatementResult query(SqlNode node, List<Object> parameters) {
        return start(plan(node, parameters));
    }

    /** Plans a query: validation, conversion, optimization, lowering, parallelization. */
    PhysicalNode plan(SqlNode node, List<Object> parameters) {
        StatementPlanner planner = new StatementPlanner(warehouse, currentSchema);
        RelRoot root = planner.toRel(planner.validate(node));
        return lower(planner, root.project(), parameters);
    }

    private PhysicalNode lower(StatementPlanner planner, RelNode rel, List<Object> parameters) {
        RelNode optimized = planner.optimize(rel, settings.disabledOptimizers());
        RexTranslator translator = new RexTranslator(planner.rexBuilder(), parameters, nowMicros(), settings.timeZone());
        RowEstimates estimates = new RowEstimates();
        PhysicalNode physical = planner.lower(optimized, translator, settings.batchSize(), estimates);
        return ExchangePlanner.parallelize(physical, settings.threads(), estimates);
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private StatementResult explain(SqlNode statement, List<Object> parameters) {
        PhysicalNode plan = plan(statement, parameters);
        List<List<Object>> rows = new ArrayList<>();
        for (String line : PlanPrinter.lines(plan)) {
            rows.add(List.of(line));
        }
        return rows(List.of("plan"), rows);
    }

    /** A small result computed by the engine itself (SHOW, DESCRIBE, EXPLAIN): VARCHAR columns. */
    StatementResult rows(List<String> columnNames, List<List<Object>> rows) {
        List<Column> columns = new ArrayList<>();
        for (String name : columnNames) {
            columns.add(new Column(name, DataType.VARCHAR));
        }
        return start(new PhysicalValues(rows, new RowSchema(columns)));
    }

    StatementResult start(PhysicalNode plan) {
        if (cancelRequested) {
            cancelRequested = false;
            throw new io.tarn.executor.ExecutionException(io.tarn.executor.ExecutionException.QUERY_CANCELED, "query was cancelled");
        }
        long planningNanos = System.nanoTime() - statementStartNanos;
        lastQueryProfile = new QueryProfile(planningNanos, -1);
        BufferAllocator allocator = engineAllocator.newChildAllocator("query", 0, settings.memoryLimit());
        ExecutionContext context = new ExecutionContext(allocator, settings.threads(), settings.batchSize(), settings.timeZone(),
                new SpillSpace(settings.spillDirectory(), settings.memoryLimit()));
        running = context;
        Operator operator;
        try {
            operator = QueryExecutor.execute(plan, context);
        } catch (Throwable e) {
            running = null;
            allocator.close();
            throw e;
        }
        return new StatementResult.Query(plan.schema(), new TranslatingOperator(operator), () -> {
            running = null;
            lastQueryProfile = new QueryProfile(planningNanos, allocator.getPeakMemoryAllocation());
            try {
                allocator.close();
            } catch (IllegalStateException leak) {
                // an operator that did not release its memory must not make the session unusable
                System.getLogger(TarnSession.class.getName()).log(System.Logger.Level.WARNING, leak.getMessage());
            }
        });
    }

    // ---- writes ---------------------------------------------------------------------------------------------------

    private StatementResult insert(SqlInsert insert, List<Object> parameters) {
        StatementPlanner planner = new StatementPlanner(warehouse, currentSchema);
        RelRoot root = planner.toRel(planner.validate(insert));
        if (!(root.rel instanceof TableModify modify)) {
            throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "unexpected INSERT plan " + root.rel.getRelTypeName());
        }
        io.tarn.planner.catalog.TarnCalciteTable target = modify.getTable().unwrap(io.tarn.planner.catalog.TarnCalciteTable.class);
        if (target == null) {
            throw new CatalogException(CatalogException.READ_ONLY, "cannot insert into a view");
        }
        PhysicalNode source = lower(planner, modify.getInput(), parameters);
        long count = write(target.table(), source);
        return new StatementResult.Update(count, "INSERT " + count);
    }

    /** Runs {@code source} and appends its rows to {@code table} in one commit; on any failure nothing is published. */
    long write(Table table, PhysicalNode source) {
        PhysicalNode converted = castTo(source, table.schema());
        StatementResult.Query result = (StatementResult.Query) start(converted);
        try (result; TableAppend append = table.newAppend()) {
            Batch batch;
            while ((batch = result.rows().next()) != null) {
                try (Batch written = batch) {
                    append.write(written);
                }
            }
            return append.commit();
        }
    }

    /** Casts each column whose type differs from the table's (ignoring nullability). */
    private static PhysicalNode castTo(PhysicalNode source, RowSchema target) {
        RowSchema schema = source.schema();
        if (schema.size() != target.size()) {
            throw new PlanningException(PlanningException.DATATYPE_MISMATCH,
                    "INSERT has " + schema.size() + " columns but the table has " + target.size());
        }
        boolean same = true;
        List<Expression> expressions = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            DataType from = schema.column(i).type();
            DataType to = target.column(i).type();
            Expression reference = new InputReference(i, from);
            if (from.sameTypeAs(to)) {
                expressions.add(reference);
                columns.add(new Column(target.column(i).name(), from));
            } else {
                same = false;
                DataType castType = to.withNullable(from.nullable());
                expressions.add(new Call(Function.CAST, List.of(reference), castType));
                columns.add(new Column(target.column(i).name(), castType));
            }
        }
        return same ? source : new PhysicalProject(source, expressions, new RowSchema(columns));
    }

    PhysicalNode planForCreateTableAs(SqlNode query) {
        return plan(query, List.of());
    }

    String resolveSchema(List<String> names) {
        return names.size() > 1 ? names.get(names.size() - 2).toLowerCase(java.util.Locale.ROOT) : currentSchema;
    }

    StatementPlanner newPlanner() {
        return new StatementPlanner(warehouse, currentSchema);
    }

    /** Makes every failure during execution a TarnException with a SQLState, as failures during planning are. */
    private static final class TranslatingOperator implements Operator {
        private final Operator delegate;

        TranslatingOperator(Operator delegate) {
            this.delegate = delegate;
        }

        @Override
        public Batch next() {
            try {
                return delegate.next();
            } catch (Throwable e) {
                throw ErrorTranslator.translate(e);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
