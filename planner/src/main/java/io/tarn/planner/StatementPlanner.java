package io.tarn.planner;

import io.tarn.catalog.spi.Warehouse;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.planner.catalog.ReadParquetRewriter;
import io.tarn.planner.catalog.TarnCalciteSchema;
import io.tarn.planner.convert.PhysicalPlanner;
import io.tarn.planner.convert.RexTranslator;
import io.tarn.planner.fragment.RowEstimates;
import io.tarn.planner.rules.QueryOptimizer;
import io.tarn.sql.parser.TarnParser;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Plans statements for one session state (warehouse + current schema): validation, conversion to relational
 * algebra (expanding views), the bounded optimizer, and lowering into Tarn's physical plan. One instance per statement.
 */
public final class StatementPlanner implements RelOptTable.ViewExpander {
    /** Functions from other dialects that users' SQL (Trino's TPC-H texts, BI tools) commonly contains. */
    private static final SqlOperatorTable EXTRA_FUNCTIONS = SqlOperatorTables.of(
            SqlLibraryOperators.SUBSTR_POSTGRESQL,
            SqlLibraryOperators.DATE,
            SqlLibraryOperators.LENGTH,
            SqlLibraryOperators.BOOL_AND,
            SqlLibraryOperators.BOOL_OR);

    /** Calcite's metadata with Tarn's statistics-based estimates first; one instance, so its handlers compile once. */
    private static final org.apache.calcite.rel.metadata.RelMetadataProvider METADATA =
            org.apache.calcite.rel.metadata.ChainedRelMetadataProvider.of(List.of(
                    io.tarn.planner.cost.TarnRelMdRowCount.SOURCE,
                    io.tarn.planner.cost.TarnRelMdDistinctRowCount.SOURCE,
                    io.tarn.planner.cost.TarnRelMdSelectivity.SOURCE,
                    org.apache.calcite.rel.metadata.DefaultRelMetadataProvider.INSTANCE));

    private final Warehouse warehouse;
    private final String currentSchema;
    private final JavaTypeFactoryImpl typeFactory = new TarnTypeFactory();
    private final CalciteSchema rootSchema;
    private final RelOptCluster cluster;
    private final CalciteConnectionConfig connectionConfig;

    public StatementPlanner(Warehouse warehouse, String currentSchema) {
        this.warehouse = warehouse;
        this.currentSchema = currentSchema;
        this.rootSchema = CalciteSchema.createRootSchema(false, false, "", TarnCalciteSchema.root(warehouse));
        this.cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
        cluster.setMetadataProvider(METADATA);
        cluster.invalidateMetadataQuery();
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        this.connectionConfig = new CalciteConnectionConfigImpl(properties);
    }

    public JavaTypeFactoryImpl typeFactory() {
        return typeFactory;
    }

    public RexBuilder rexBuilder() {
        return cluster.getRexBuilder();
    }

    public CalciteCatalogReader catalogReader(List<String> defaultSchemaPath) {
        return new CalciteCatalogReader(rootSchema, defaultSchemaPath, typeFactory, connectionConfig);
    }

    public SqlValidator newValidator(CalciteCatalogReader catalogReader) {
        SqlOperatorTable operators = SqlOperatorTables.chain(SqlStdOperatorTable.instance(), EXTRA_FUNCTIONS, catalogReader);
        SqlValidator.Config config = SqlValidator.Config.DEFAULT
                .withConformance(TarnParser.config().conformance())
                .withDefaultNullCollation(NullCollation.LAST)
                .withIdentifierExpansion(true);
        return SqlValidatorUtil.newValidator(operators, catalogReader, typeFactory, config);
    }

    /** A validated statement ready for conversion. */
    public record Validated(SqlValidator validator, CalciteCatalogReader catalogReader, SqlNode node) {
        public RelDataType rowType() {
            return validator.getValidatedNodeType(node);
        }

        public RelDataType parameterRowType() {
            return validator.getParameterRowType(node);
        }
    }

    public Validated validate(SqlNode node) {
        return validate(node, List.of(currentSchema));
    }

    private Validated validate(SqlNode node, List<String> schemaPath) {
        CalciteCatalogReader reader = catalogReader(schemaPath);
        SqlValidator validator = newValidator(reader);
        SqlNode validated = validator.validate(ReadParquetRewriter.rewrite(node));
        return new Validated(validator, reader, validated);
    }

    public RelRoot toRel(Validated validated) {
        SqlToRelConverter.Config config = SqlToRelConverter.config()
                .withTrimUnusedFields(true)
                .withExpand(false)
                .withInSubQueryThreshold(Integer.MAX_VALUE);
        SqlToRelConverter converter = new SqlToRelConverter(this, validated.validator(), validated.catalogReader(),
                cluster, StandardConvertletTable.INSTANCE, config);
        RelRoot root = converter.convertQuery(validated.node(), false, true);
        return root;
    }

    /** Parses one statement; a syntax error becomes a PlanningException (42601) with its line and column. */
    public static SqlNode parse(String sql) {
        try {
            return TarnParser.parse(sql);
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            String message = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("syntax error");
            // Calcite leaves the position out for a few errors
            org.apache.calcite.sql.parser.SqlParserPos pos = e.getPos();
            throw new io.tarn.planner.convert.PlanningException(io.tarn.planner.convert.PlanningException.SYNTAX_ERROR, message,
                    pos == null ? 0 : pos.getLineNum(), pos == null ? 0 : pos.getColumnNum(), e);
        }
    }

    @Override
    public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath, List<String> viewPath) {
        SqlNode parsed = parse(queryString);
        Validated validated = validate(parsed, schemaPath);
        RelRoot root = toRel(validated);
        RelNode rel = root.project();
        if (!RelOptUtil.areRowTypesEqual(rel.getRowType(), rowType, false)) {
            rel = RelOptUtil.createCastRel(rel, rowType, true);
        }
        return RelRoot.of(rel, root.kind);
    }

    public RelNode optimize(RelNode rel, Set<String> disabledPhases) {
        RelBuilder builder = RelBuilder.proto(org.apache.calcite.plan.Contexts.empty()).create(cluster, catalogReader(List.of(currentSchema)));
        return QueryOptimizer.optimize(rel, builder, disabledPhases);
    }

    /** Lowers an optimized plan; the row estimate of every created node goes to {@code estimates}. */
    public PhysicalNode lower(RelNode rel, RexTranslator translator, int batchSize, RowEstimates estimates) {
        RelBuilder builder = RelBuilder.proto(org.apache.calcite.plan.Contexts.empty()).create(cluster, catalogReader(List.of(currentSchema)));
        return new PhysicalPlanner(translator, rexBuilder(), builder, batchSize, estimates).plan(rel);
    }
}
