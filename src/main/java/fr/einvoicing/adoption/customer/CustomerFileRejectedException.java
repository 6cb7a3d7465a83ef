package fr.einvoicing.adoption.customer;

import java.util.List;

/** The file as a whole cannot be read as a customer file (not CSV, empty, required columns missing). */
public class CustomerFileRejectedException extends RuntimeException {

    private final FileRefusal reason;
    private final List<String> values;

    public CustomerFileRejectedException(FileRefusal reason, String... values) {
        super(reason.english((Object[]) values));
        this.reason = reason;
        this.values = List.of(values);
    }

    public FileRefusal reason() {
        return reason;
    }

    /** The values the wording needs, as text (column lists, the parser's detail). */
    public Object[] values() {
        return values.toArray();
    }
}
