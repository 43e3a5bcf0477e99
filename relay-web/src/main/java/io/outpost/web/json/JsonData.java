package io.outpost.web.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values, for code that reads data without knowing JSON-P (the template renderer): objects become
 * maps in their order, arrays lists, strings strings, numbers {@link java.math.BigDecimal} (so {@code 17} prints as
 * {@code 17}), booleans booleans and null null.
 */
public final class JsonData {

    private JsonData() {}

    public static Map<String, Object> of(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((name, value) -> map.put(name, value(value)));
        return map;
    }

    private static Object value(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> of((JsonObject) value);
            case ARRAY -> list((JsonArray) value);
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    private static List<Object> list(JsonArray array) {
        List<Object> list = new ArrayList<>(array.size());
        array.forEach(item -> list.add(value(item)));
        return list;
    }
}
