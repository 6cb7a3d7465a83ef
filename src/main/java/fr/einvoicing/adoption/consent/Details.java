package fr.einvoicing.adoption.consent;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the details of an evidence entry; unlike Map.of, it keeps null values (they are facts too). */
public final class Details {

    private Details() {}

    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
