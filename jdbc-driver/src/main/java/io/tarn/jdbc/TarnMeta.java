package io.tarn.jdbc;

import io.tarn.catalog.spi.TarnException;
import io.tarn.catalog.spi.Warehouse;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.planner.engine.Parameter;
import io.tarn.planner.engine.PreparedStatement;
import io.tarn.planner.engine.Session;
import io.tarn.planner.engine.StatementResult;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avatica's view of one Tarn connection: one {@link Session}, and per JDBC statement the prepared statement and
 * the open result it reads lazily, frame by frame. Metadata calls answer from the warehouse catalog.
 */
final class TarnMeta extends MetaImpl {

    /** SQLState of a batch statement that returned rows. */
    private static final String BATCH_RETURNED_ROWS = "0A000";

    /** The session setting that holds its time zone. */
    private static final String TIME_ZONE_SETTING = "time_zone";

    private final TarnConnection tarnConnection;
    private final EngineRegistry.Lease lease;
    private final Session session;
    private final WarehouseMetadata metadata;
    private final Map<Integer, StatementState> statements = new ConcurrentHashMap<>();
    private boolean closed;

    TarnMeta(TarnConnection connection, EngineRegistry.Lease lease) {
        super(connection);
        this.tarnConnection = connection;
        this.lease = lease;
        try {
            this.session = lease.engine().newSession();
            useConnectionTimeZone(connection.getTimeZone().getID());
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
        this.metadata = new WarehouseMetadata(lease.engine().warehouse());
        connProps.setAutoCommit(true);
    }

    /**
     * Makes the session's time zone the connection's (the JVM's unless the URL says {@code timeZone=...}), so that
     * SQL and JDBC agree on the wall clock of TIMESTAMP WITH LOCAL TIME ZONE values.
     */
    private void useConnectionTimeZone(String zone) {
        if (!zone.equals(session.getSetting(TIME_ZONE_SETTING))) {
            session.setSetting(TIME_ZONE_SETTING, zone);
        }
    }

    /** What one JDBC statement holds between calls. */
    private static final class StatementState {
        PreparedStatement prepared;
        ResultCursor cursor;
        String updateMessage;

        void closeCursor() {
            if (cursor != null) {
                ResultCursor open = cursor;
                cursor = null;
                open.close();
            }
        }
    }

    Session session() {
        return session;
    }

    Warehouse warehouse() {
        return lease.engine().warehouse();
    }

    /** The message of the last DDL/DML statement run by this statement (e.g. {@code CREATE TABLE}), or null. */
    String updateMessage(int statementId) {
        StatementState state = statements.get(statementId);
        return state == null ? null : state.updateMessage;
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        StatementHandle handle = super.createStatement(ch);
        statements.put(handle.id, new StatementState());
        return handle;
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        StatementHandle handle = createStatement(ch);
        PreparedStatement prepared;
        try {
            prepared = session.prepare(sql);
        } catch (RuntimeException e) {
            statements.remove(handle.id);
            throw e;
        }
        statements.get(handle.id).prepared = prepared;
        handle.signature = signature(sql, prepared.returnsRows() ? prepared.resultSchema() : null, prepared.parameters());
        return handle;
    }

    @SuppressWarnings("deprecation")
    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
            throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, -1, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        StatementState state = state(h);
        try {
            MetaResultSet resultSet;
            synchronized (callback.getMonitor()) {
                callback.clear();
                resultSet = run(h, state, sql, () -> session.execute(sql), maxRowCount);
                callback.assign(resultSet.signature, resultSet.firstFrame, resultSet.updateCount);
            }
            callback.execute();
            return new ExecuteResult(List.of(resultSet));
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    @SuppressWarnings("deprecation")
    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return execute(h, parameterValues, -1);
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        StatementState state = state(h);
        PreparedStatement prepared = prepared(h, state);
        List<Object> values = parameterValues(prepared, parameterValues);
        MetaResultSet resultSet = run(h, state, prepared.sql(), () -> prepared.execute(values), maxRows(h));
        return new ExecuteResult(List.of(resultSet));
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        StatementState state = state(h);
        long[] counts = new long[sqlCommands.size()];
        for (int i = 0; i < counts.length; i++) {
            String sql = sqlCommands.get(i);
            counts[i] = runUpdate(state, sql, session.execute(sql));
        }
        return new ExecuteBatchResult(counts);
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        StatementState state = state(h);
        PreparedStatement prepared = prepared(h, state);
        long[] counts = new long[parameterValues.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = runUpdate(state, prepared.sql(), prepared.execute(parameterValues(prepared, parameterValues.get(i))));
        }
        return new ExecuteBatchResult(counts);
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException {
        StatementState state = state(h);
        if (state.cursor == null) {
            return new Frame(offset, true, List.of());
        }
        try {
            Frame frame = state.cursor.nextFrame(offset, fetchMaxRowCount);
            if (frame.done) {
                state.cursor = null;
            }
            return frame;
        } catch (RuntimeException e) {
            state.closeCursor();
            throw e;
        }
    }

    /** Stops the statement's open query, if any, keeping the statement (its result set was closed). */
    void closeResult(StatementHandle h) {
        StatementState state = statements.get(h.id);
        if (state != null) {
            state.closeCursor();
        }
    }

    @Override
    public void closeStatement(StatementHandle h) {
        StatementState state = statements.remove(h.id);
        if (state != null) {
            state.closeCursor();
        }
    }

    @Override
    public synchronized void closeConnection(ConnectionHandle ch) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (StatementState state : statements.values()) {
                state.closeCursor();
            }
            statements.clear();
            session.close();
        } finally {
            lease.release();
        }
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties properties) {
        String schema = properties.getSchema();
        if (schema != null && !schema.equalsIgnoreCase(session.currentSchema())) {
            session.setCurrentSchema(schema);
        }
        super.connectionSync(ch, properties);
        // The session is the truth: SQL such as USE may have moved it.
        connProps.setSchema(session.currentSchema());
        return connProps;
    }

    @Override
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
        return false;
    }

    @Override
    public void commit(ConnectionHandle ch) {
        // Every statement commits on its own (auto-commit); there is nothing pending.
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        // Nothing is pending under auto-commit.
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return rows(MetaCatalog.class, List.of());
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        return rows(MetaSchema.class, metadata.schemas(catalog, schemaPattern.s));
    }

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                   List<String> typeList) {
        return rows(MetaTable.class, metadata.tables(catalog, schemaPattern.s, tableNamePattern.s, typeList));
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                    Pat columnNamePattern) {
        return rows(MetaColumn.class,
                metadata.columns(catalog, schemaPattern.s, tableNamePattern.s, columnNamePattern.s));
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return rows(MetaTableType.class,
                List.of(new MetaTableType(WarehouseMetadata.TABLE), new MetaTableType(WarehouseMetadata.VIEW)));
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return rows(MetaTypeInfo.class, WarehouseMetadata.typeInfo());
    }

    /** A metadata result set whose columns are the public fields of {@code rowClass} (Avatica's Meta* records). */
    private <E> MetaResultSet rows(Class<E> rowClass, List<? extends E> rows) {
        List<Field> fields = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>();
        for (Field field : rowClass.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
                fieldNames.add(field.getName());
            }
        }
        List<ColumnMetaData> columns = fieldMetaData(rowClass).columns;
        return createResultSet(Map.of(), columns, CursorFactory.record(rowClass, fields, fieldNames),
                new Frame(0, true, new ArrayList<>(rows)));
    }

    private interface Execution {
        StatementResult run();
    }

    /** Runs one statement for {@code h}, replacing its previous result; a query's rows are read later by fetch. */
    private MetaResultSet run(StatementHandle h, StatementState state, String sql, Execution execution, long maxRows) {
        state.closeCursor();
        state.updateMessage = null;
        resetCancelFlag(h);
        StatementResult result = execution.run();
        if (result instanceof StatementResult.Query query) {
            try {
                state.cursor = new ResultCursor(query, maxRows, tarnConnection.getTimeZone());
            } catch (RuntimeException e) {
                query.close();
                throw e;
            }
            Signature signature = signature(sql, query.schema(), List.of());
            return MetaResultSet.create(h.connectionId, h.id, false, signature, null);
        }
        StatementResult.Update update = (StatementResult.Update) result;
        state.updateMessage = update.message();
        return MetaResultSet.count(h.connectionId, h.id, Math.max(update.count(), 0));
    }

    /** A batch entry's update count; batches may not return rows. */
    private static long runUpdate(StatementState state, String sql, StatementResult result) {
        if (result instanceof StatementResult.Query query) {
            query.close();
            throw new TarnException(BATCH_RETURNED_ROWS, "a statement in a batch returned rows: " + sql);
        }
        StatementResult.Update update = (StatementResult.Update) result;
        state.updateMessage = update.message();
        return Math.max(update.count(), 0);
    }

    private static Signature signature(String sql, RowSchema resultSchema, List<Parameter> parameters) {
        List<ColumnMetaData> columns = new ArrayList<>();
        if (resultSchema != null) {
            for (int i = 0; i < resultSchema.size(); i++) {
                Column column = resultSchema.column(i);
                columns.add(JdbcTypes.column(i, column.name(), column.type()));
            }
        }
        List<AvaticaParameter> avaticaParameters = new ArrayList<>();
        for (Parameter parameter : parameters) {
            DataType type = parameter.type();
            Integer precision = JdbcTypes.columnSize(type);
            Integer scale = JdbcTypes.decimalDigits(type);
            avaticaParameters.add(new AvaticaParameter(type.kind().isNumeric(), precision == null ? 0 : precision,
                    scale == null ? 0 : scale, JdbcTypes.sqlType(type), JdbcTypes.typeName(type),
                    JdbcTypes.columnClassName(type), "?" + (parameter.index() + 1)));
        }
        return new Signature(columns, sql, avaticaParameters, Map.of(), CursorFactory.ARRAY,
                resultSchema != null ? StatementType.SELECT : StatementType.OTHER_DDL);
    }

    private List<Object> parameterValues(PreparedStatement prepared, List<TypedValue> values) {
        List<Parameter> parameters = prepared.parameters();
        List<Object> canonical = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            TypedValue value = values != null && i < values.size() ? values.get(i) : null;
            canonical.add(ParameterValues.toCanonical(parameters.get(i).type(), value, tarnConnection.getTimeZone()));
        }
        return canonical;
    }

    private StatementState state(StatementHandle h) throws NoSuchStatementException {
        StatementState state = statements.get(h.id);
        if (state == null) {
            throw new NoSuchStatementException(h);
        }
        return state;
    }

    private static PreparedStatement prepared(StatementHandle h, StatementState state) {
        if (state.prepared == null) {
            throw new IllegalStateException("statement " + h.id + " was not prepared");
        }
        return state.prepared;
    }

    private long maxRows(StatementHandle h) {
        AvaticaStatement statement = connection.statementMap.get(h.id);
        try {
            return statement == null ? -1 : statement.getLargeMaxRows();
        } catch (SQLException e) {
            return -1;
        }
    }

    private void resetCancelFlag(StatementHandle h) {
        try {
            connection.getCancelFlag(h).set(false);
        } catch (NoSuchStatementException e) {
            // No flag, nothing to reset.
        }
    }
}
