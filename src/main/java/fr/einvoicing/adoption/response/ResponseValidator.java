package fr.einvoicing.adoption.response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.einvoicing.adoption.customer.CompanyIdentifiers;
import fr.einvoicing.adoption.customer.CustomerFileReader;

/**
 * Checks a response form. Returns, per field, the code of the message to show next to it; an empty
 * map means the answer can be stored. Lists accept only their own codes (the page is public: any
 * value can be posted).
 */
final class ResponseValidator {

    static final int MAX_COMMENT = 1000;

    private ResponseValidator() {}

    static Map<String, String> validate(ResponseForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        normalise(form);
        if (form.getDecision() == null) {
            errors.put("decision", "error.decision.required");
        } else if (!AnswerChoices.DECISIONS.contains(form.getDecision())
                && !AnswerChoices.DETAILS.equals(form.getDecision())) {
            errors.put("decision", "error.choice.invalid");
        }
        checkChoice(errors, "refusalReason", form.getRefusalReason(), AnswerChoices.REFUSAL_REASONS);
        if (form.getRefusalComment() != null && form.getRefusalComment().length() > MAX_COMMENT) {
            errors.put("refusalComment", "error.comment.tooLong");
        }
        if (form.getUsesSupplierTool() != null && !List.of("YES", "NO").contains(form.getUsesSupplierTool())) {
            errors.put("usesSupplierTool", "error.choice.invalid");
        }
        checkChoice(errors, "supplierTool", form.getSupplierTool(), AnswerChoices.SUPPLIER_TOOLS);
        if ("YES".equals(form.getUsesSupplierTool()) && form.getSupplierTool() == null) {
            errors.put("supplierTool", "error.tool.required");
        }
        if ("OTHER".equals(form.getSupplierTool()) && form.getSupplierToolOther() == null) {
            errors.put("supplierToolOther", "error.toolOther.required");
        }
        if (form.getSupplierToolOther() != null && form.getSupplierToolOther().length() > 100) {
            errors.put("supplierToolOther", "error.text.tooLong");
        }
        checkChoice(errors, "wantedFormat", form.getWantedFormat(), AnswerChoices.FORMATS);
        checkChoice(errors, "deliveryMode", form.getDeliveryMode(), AnswerChoices.DELIVERY_MODES);
        if (form.getSiren() != null) {
            if (!form.getSiren().matches("\\d{9}")) {
                errors.put("siren", "error.siren.format");
            } else if (!CompanyIdentifiers.isValidSiren(form.getSiren())) {
                errors.put("siren", "error.siren.checksum");
            }
        }
        if (form.getSiret() != null) {
            if (!form.getSiret().matches("\\d{14}")) {
                errors.put("siret", "error.siret.format");
            } else if (!CompanyIdentifiers.isValidSiret(form.getSiret())) {
                errors.put("siret", "error.siret.checksum");
            } else if (form.getSiren() != null
                    && !errors.containsKey("siren")
                    && !form.getSiret().startsWith(form.getSiren())) {
                errors.put("siret", "error.siret.notUnderSiren");
            }
        }
        if (form.getInvoicingContactName() != null
                && form.getInvoicingContactName().length() > 200) {
            errors.put("invoicingContactName", "error.text.tooLong");
        }
        if (form.getInvoicingContactEmail() != null
                && !CustomerFileReader.isValidEmail(form.getInvoicingContactEmail())) {
            errors.put("invoicingContactEmail", "error.email.invalid");
        }
        // said last so that it wins: what is wrong is the text itself, not its format
        checkReadable(errors, "refusalComment", form.getRefusalComment(), true);
        checkReadable(errors, "supplierToolOther", form.getSupplierToolOther(), false);
        checkReadable(errors, "siren", form.getSiren(), false);
        checkReadable(errors, "siret", form.getSiret(), false);
        checkReadable(errors, "invoicingContactName", form.getInvoicingContactName(), false);
        checkReadable(errors, "invoicingContactEmail", form.getInvoicingContactEmail(), false);
        return errors;
    }

    /**
     * Refuses text that would be stored as something the customer did not type: bytes that are not
     * UTF-8 (the container turns them into U+FFFD, which no keyboard produces) and control characters
     * such as NUL (line breaks are allowed where the field has several lines).
     */
    private static void checkReadable(Map<String, String> errors, String field, String value, boolean multiline) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\uFFFD') >= 0) {
            errors.put(field, "error.text.unreadable");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowedBreak = multiline && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowedBreak) {
                errors.put(field, "error.text.control");
                return;
            }
        }
    }

    private static void checkChoice(Map<String, String> errors, String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.put(field, "error.choice.invalid");
        }
    }

    /** Trims, drops empty values and the spaces people type inside numbers. */
    private static void normalise(ResponseForm form) {
        form.setDecision(clean(form.getDecision()));
        form.setRefusalReason(clean(form.getRefusalReason()));
        form.setRefusalComment(clean(form.getRefusalComment()));
        form.setUsesSupplierTool(clean(form.getUsesSupplierTool()));
        form.setSupplierTool(clean(form.getSupplierTool()));
        form.setSupplierToolOther(clean(form.getSupplierToolOther()));
        form.setWantedFormat(clean(form.getWantedFormat()));
        form.setDeliveryMode(clean(form.getDeliveryMode()));
        form.setSiren(digitsOnly(form.getSiren()));
        form.setSiret(digitsOnly(form.getSiret()));
        form.setInvoicingContactName(clean(form.getInvoicingContactName()));
        form.setInvoicingContactEmail(clean(form.getInvoicingContactEmail()));
        if (!"YES".equals(form.getUsesSupplierTool())) {
            form.setSupplierTool(null);
            form.setSupplierToolOther(null);
        }
        if (!"OTHER".equals(form.getSupplierTool())) {
            form.setSupplierToolOther(null);
        }
        if (!"REFUSE".equals(form.getDecision())) {
            form.setRefusalReason(null);
            form.setRefusalComment(null);
        }
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String digitsOnly(String value) {
        String cleaned = clean(value);
        return cleaned == null ? null : cleaned.replaceAll("[\\s.]", "");
    }
}
