package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.expression.SourceGenerator.Value;
import io.tarn.executor.expression.runtime.LikeMatcher;
import io.tarn.executor.expression.runtime.Strings;

import java.util.List;

import static io.tarn.executor.expression.CastCodes.LIKE_MATCHER;
import static io.tarn.executor.expression.CastCodes.STRINGS;

/**
 * Fast paths for the most common string predicates, a column LIKE a constant pattern and a column compared with a
 * constant: they read the column's bytes inside the Arrow buffer instead of copying each value into a byte[].
 */
final class TextInPlace {
    private TextInPlace() {
    }

    /** The generated value, or null when {@code call} does not have one of the shapes handled here. */
    static Value generate(Call call, SourceGenerator generator) {
        List<Expression> arguments = call.arguments();
        Function function = call.function();
        if (function == Function.LIKE && arguments.size() == 2
                && arguments.get(0) instanceof InputReference column && isText(column.type())
                && arguments.get(1) instanceof Literal pattern && pattern.value() != null) {
            String matcher = generator.constant(LikeMatcher.compile(Strings.utf8(pattern.value().toString()), null), LIKE_MATCHER);
            return generator.strict(call.type(), List.of(nullFlag(column, generator)), matcher + ".matches(" + bytes(column) + ")");
        }
        if (!isComparison(function) || arguments.size() != 2) {
            return null;
        }
        boolean columnFirst = arguments.get(0) instanceof InputReference;
        Expression columnSide = arguments.get(columnFirst ? 0 : 1);
        Expression literalSide = arguments.get(columnFirst ? 1 : 0);
        if (!(columnSide instanceof InputReference column) || !isText(column.type())
                || !(literalSide instanceof Literal literal) || literal.value() == null || !isText(literal.type())) {
            return null;
        }
        boolean padded = column.type().kind() == TypeKind.CHAR || literal.type().kind() == TypeKind.CHAR;
        byte[] bytes = Strings.utf8(literal.value().toString());
        String constant = generator.constant(padded ? Strings.stripTrailingSpaces(bytes) : bytes, "byte[]");
        String arguments3 = bytes(column) + ", " + constant + ")";
        String code;
        if (!padded && (function == Function.EQUAL || function == Function.NOT_EQUAL)) {
            code = (function == Function.NOT_EQUAL ? "!" : "") + STRINGS + ".equal(" + arguments3;
        } else {
            String comparison = STRINGS + (padded ? ".comparePadded(" : ".compare(") + arguments3;
            code = "(" + (columnFirst ? "" : "-") + comparison + " " + operator(function) + " 0)";
        }
        return generator.strict(call.type(), List.of(nullFlag(column, generator)), code);
    }

    private static Value nullFlag(InputReference column, SourceGenerator generator) {
        generator.bindInput(column);
        return new Value("c" + column.index() + ".isNull(i)", "", column.type());
    }

    private static String bytes(InputReference column) {
        String vector = "c" + column.index();
        return "d" + column.index() + ", " + vector + ".getStartOffset(i), " + vector + ".getEndOffset(i)";
    }

    private static boolean isText(DataType type) {
        return type.kind().isString();
    }

    private static boolean isComparison(Function function) {
        return switch (function) {
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> true;
            default -> false;
        };
    }

    private static String operator(Function function) {
        return switch (function) {
            case EQUAL -> "==";
            case NOT_EQUAL -> "!=";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case GREATER_THAN -> ">";
            default -> ">=";
        };
    }
}
