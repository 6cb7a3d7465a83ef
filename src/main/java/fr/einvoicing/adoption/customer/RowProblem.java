package fr.einvoicing.adoption.customer;

/** A row of a customer file that was not imported, and why. */
public record RowProblem(long lineNumber, String customerId, String reason) {
}
