package dev.switchboard.database;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Many rows in one statement: each column of a batch is bound as one SQL array, a named parameter of
 * {@code unnest(CAST(:ids AS uuid[]), …)}, so a batch of any size is one statement and one round trip.
 * The columns are declared once per statement, each with its SQL type, its Java element type (the array
 * the driver is given is of that type: a {@code byte[][]} for {@code bytea}) and how to read it from a row.
 *
 * @param <T> a row as the caller holds it
 */
public final class ArrayColumns<T> {

    private final List<Column<T>> columns = new ArrayList<>();

    public <E> ArrayColumns<T> column(String parameter, String sqlType, Class<E> javaType, Function<T, E> value) {
        columns.add(new Column<>(parameter, sqlType, javaType, value));
        return this;
    }

    /** One array per column, in the order of {@code rows}, added to {@code parameters}. */
    public MapSqlParameterSource bind(List<T> rows, MapSqlParameterSource parameters) {
        for (Column<T> column : columns) {
            Object[] values = (Object[]) Array.newInstance(column.javaType(), rows.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = column.value().apply(rows.get(i));
            }
            parameters.addValue(column.parameter(), new SqlArrayValue(column.sqlType(), values));
        }
        return parameters;
    }

    private record Column<T>(String parameter, String sqlType, Class<?> javaType, Function<T, ?> value) {
    }
}
