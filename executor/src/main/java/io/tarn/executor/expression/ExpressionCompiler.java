package io.tarn.executor.expression;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.expression.runtime.GeneratedExpression;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Compiles expressions into Java classes (generated source compiled by Janino) that evaluate a whole batch in one
 * tight loop. Classes are cached by their source, which depends only on the expression's shape and types (literal
 * objects are passed to the constructor), so repeated query shapes compile once. Compiled objects are immutable and
 * may be shared by threads.
 */
public final class ExpressionCompiler {
    private static final int MAX_CACHED_CLASSES = 2_000;
    private static final ConcurrentHashMap<String, Constructor<? extends GeneratedExpression>> CACHE = new ConcurrentHashMap<>();

    private ExpressionCompiler() {
    }

    /** An evaluator of {@code expression} producing a vector of its type. */
    public static CompiledExpression compile(Expression expression, ZoneId zone) {
        requireNonNull(expression, "expression is null");
        return new CompiledExpression(expression, instantiate(SourceGenerator.forValue(expression), zone));
    }

    /** A filter keeping rows where {@code condition} is TRUE. */
    public static CompiledPredicate compilePredicate(Expression condition, ZoneId zone) {
        requireNonNull(condition, "condition is null");
        return new CompiledPredicate(instantiate(SourceGenerator.forPredicate(condition), zone));
    }

    /** One evaluator per output column; column names come from {@code outputSchema}. */
    public static CompiledProjection compileProjection(List<Expression> expressions, RowSchema outputSchema, ZoneId zone) {
        requireNonNull(expressions, "expressions is null");
        requireNonNull(outputSchema, "outputSchema is null");
        List<CompiledExpression> compiled = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            compiled.add(expression instanceof InputReference ? null : compile(expression, zone));
        }
        return new CompiledProjection(expressions, compiled, outputSchema);
    }

    /** How many generated classes are cached (for tests of the cache). */
    static int cachedClassCount() {
        return CACHE.size();
    }

    private static GeneratedExpression instantiate(SourceGenerator.Source source, ZoneId zone) {
        requireNonNull(zone, "zone is null");
        Constructor<? extends GeneratedExpression> constructor = CACHE.get(source.code());
        if (constructor == null) {
            if (CACHE.size() >= MAX_CACHED_CLASSES) {
                CACHE.clear();
            }
            constructor = CACHE.computeIfAbsent(source.code(), ExpressionCompiler::compileClass);
        }
        try {
            return constructor.newInstance(source.constants(), zone);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new ExecutionException(ExecutionException.INTERNAL_ERROR, "cannot instantiate a generated expression", e);
        }
    }

    private static Constructor<? extends GeneratedExpression> compileClass(String code) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(ExpressionCompiler.class.getClassLoader());
        try {
            compiler.cook(code);
            Class<? extends GeneratedExpression> type = compiler.getClassLoader()
                    .loadClass(SourceGenerator.CLASS_NAME).asSubclass(GeneratedExpression.class);
            return type.getConstructor(Object[].class, ZoneId.class);
        } catch (CompileException | ClassNotFoundException | NoSuchMethodException e) {
            throw new ExecutionException(ExecutionException.INTERNAL_ERROR,
                    "cannot compile a generated expression: " + e.getMessage() + "\n" + code, e);
        }
    }
}
