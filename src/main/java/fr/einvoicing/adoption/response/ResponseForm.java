package fr.einvoicing.adoption.response;

/** What the customer typed on the response page, kept as typed so that errors can show it back. */
public class ResponseForm {

    private String decision;
    private String refusalReason;
    private String refusalComment;
    private String usesSupplierTool;
    private String supplierTool;
    private String supplierToolOther;
    private String wantedFormat;
    private String deliveryMode;
    private String siren;
    private String siret;
    private String invoicingContactName;
    private String invoicingContactEmail;
    private boolean validateTerms;

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
    }

    public String getRefusalReason() {
        return refusalReason;
    }

    public void setRefusalReason(String refusalReason) {
        this.refusalReason = refusalReason;
    }

    public String getRefusalComment() {
        return refusalComment;
    }

    public void setRefusalComment(String refusalComment) {
        this.refusalComment = refusalComment;
    }

    public String getUsesSupplierTool() {
        return usesSupplierTool;
    }

    public void setUsesSupplierTool(String usesSupplierTool) {
        this.usesSupplierTool = usesSupplierTool;
    }

    public String getSupplierTool() {
        return supplierTool;
    }

    public void setSupplierTool(String supplierTool) {
        this.supplierTool = supplierTool;
    }

    public String getSupplierToolOther() {
        return supplierToolOther;
    }

    public void setSupplierToolOther(String supplierToolOther) {
        this.supplierToolOther = supplierToolOther;
    }

    public String getWantedFormat() {
        return wantedFormat;
    }

    public void setWantedFormat(String wantedFormat) {
        this.wantedFormat = wantedFormat;
    }

    public String getDeliveryMode() {
        return deliveryMode;
    }

    public void setDeliveryMode(String deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    public String getSiren() {
        return siren;
    }

    public void setSiren(String siren) {
        this.siren = siren;
    }

    public String getSiret() {
        return siret;
    }

    public void setSiret(String siret) {
        this.siret = siret;
    }

    public String getInvoicingContactName() {
        return invoicingContactName;
    }

    public void setInvoicingContactName(String invoicingContactName) {
        this.invoicingContactName = invoicingContactName;
    }

    public String getInvoicingContactEmail() {
        return invoicingContactEmail;
    }

    public void setInvoicingContactEmail(String invoicingContactEmail) {
        this.invoicingContactEmail = invoicingContactEmail;
    }

    public boolean isValidateTerms() {
        return validateTerms;
    }

    public void setValidateTerms(boolean validateTerms) {
        this.validateTerms = validateTerms;
    }
}
