package fr.einvoicing.adoption.customer;

import java.util.List;

/**
 * A row of a customer file that was not imported, and why: the English sentence, and its
 * {@link ImportReason} code with the values it names (null for rows recorded before codes existed).
 */
public record RowProblem(long lineNumber, String customerId, String reason, String code, List<String> values) {

    public RowProblem {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
