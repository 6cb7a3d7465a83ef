package fr.einvoicing.adoption.campaign;

/**
 * Our own company's size category, as the reform counts it: it fixes the date from which we must
 * issue e-invoices, and so whether our customers' consent is still needed
 * ({@code bpmn/consent-requirement.dmn}).
 */
public enum IssuerSize {
    LARGE("Large company"),
    MID_SIZE("Mid-size company (ETI)"),
    SME("Small or medium company (PME)"),
    MICRO("Micro-company (TPE)");

    private final String label;

    IssuerSize(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
