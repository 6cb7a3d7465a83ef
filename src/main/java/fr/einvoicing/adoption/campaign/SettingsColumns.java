package fr.einvoicing.adoption.campaign;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How {@link CampaignSettings} lie in the {@code campaign} table: component {@code termsUrl} in column
 * {@code terms_url}, and so on for every component, so that adding a setting needs no SQL here. Local
 * date-times are stored as instants (read in {@code deadlineZone}), durations as ISO-8601 text, enums
 * by name. The webinar sessions beyond the first are rows of {@code webinar_session}.
 */
final class SettingsColumns {

    private static final RecordComponent[] COMPONENTS = CampaignSettings.class.getRecordComponents();
    private static final String NOT_A_COLUMN = "moreWebinarSessions";

    private SettingsColumns() {}

    /** Adds each stored setting's column and value. */
    static void write(CampaignSettings settings, List<String> columns, List<Object> values) {
        ZoneId zone = settings.zone();
        for (RecordComponent component : COMPONENTS) {
            if (component.getName().equals(NOT_A_COLUMN)) {
                continue;
            }
            columns.add(column(component));
            values.add(toColumn(value(settings, component), zone));
        }
    }

    /** The settings of the current row. */
    static CampaignSettings read(ResultSet row) throws SQLException {
        ZoneId zone = ZoneId.of(row.getString(column("deadlineZone")));
        Object[] values = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            RecordComponent component = COMPONENTS[i];
            values[i] = component.getName().equals(NOT_A_COLUMN) ? List.of() : fromColumn(row, component, zone);
        }
        try {
            return CampaignSettings.class
                    .getDeclaredConstructor(Arrays.stream(COMPONENTS)
                            .map(RecordComponent::getType)
                            .toArray(Class<?>[]::new))
                    .newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Campaign settings cannot be built from their columns", e);
        }
    }

    /** {@code termsUrl} → {@code terms_url}. */
    static String column(RecordComponent component) {
        return column(component.getName());
    }

    private static String column(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Object value(CampaignSettings settings, RecordComponent component) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object toColumn(Object value, ZoneId zone) {
        if (value instanceof LocalDateTime local) {
            return local.atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Duration duration) {
            return duration.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object fromColumn(ResultSet row, RecordComponent component, ZoneId zone) throws SQLException {
        String column = column(component);
        Class<?> type = component.getType();
        if (type == boolean.class) {
            return row.getBoolean(column);
        }
        if (type == LocalDateTime.class) {
            OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
            return at == null ? null : at.atZoneSameInstant(zone).toLocalDateTime();
        }
        if (type == LocalDate.class || type == Integer.class) {
            return row.getObject(column, type);
        }
        String text = row.getString(column);
        if (text == null || type == String.class) {
            return text;
        }
        if (type == Duration.class) {
            return Duration.parse(text);
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, text);
        }
        throw new IllegalStateException("No column mapping for a setting of type " + type.getName() + ": " + column);
    }
}
