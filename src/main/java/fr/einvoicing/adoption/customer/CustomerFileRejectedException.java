package fr.einvoicing.adoption.customer;

/** The file as a whole cannot be read as a customer file (not CSV, empty, required columns missing). */
public class CustomerFileRejectedException extends RuntimeException {
    public CustomerFileRejectedException(String message) {
        super(message);
    }
}
