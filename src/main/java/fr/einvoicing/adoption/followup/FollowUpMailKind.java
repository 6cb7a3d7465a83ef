package fr.einvoicing.adoption.followup;

/** The mails of the follow-ups, each sent at most once per customer. */
public enum FollowUpMailKind {
    TERMS_REQUEST(true, "Validez nos conditions générales de vente", "Please validate our terms and conditions"),
    TERMS_REMINDER(true, "Rappel : nos conditions générales de vente", "Reminder: our terms and conditions"),
    WEBINAR_INVITATION(true, "Invitation : webinaire sur la facture électronique", "Invitation: e-invoicing webinar"),
    WEBINAR_INVITATION_REMINDER(
            true, "Rappel : choisissez votre session de webinaire", "Reminder: pick your webinar session"),
    WEBINAR_TOMORROW(
            false, "Demain : votre webinaire sur la facture électronique", "Tomorrow: your e-invoicing webinar"),
    WEBINAR_RECORDING(
            false, "La rediffusion du webinaire sur la facture électronique", "The e-invoicing webinar recording");

    private final boolean withPersonalLink;
    private final String subjectFr;
    private final String subjectEn;

    FollowUpMailKind(boolean withPersonalLink, String subjectFr, String subjectEn) {
        this.withPersonalLink = withPersonalLink;
        this.subjectFr = subjectFr;
        this.subjectEn = subjectEn;
    }

    public boolean withPersonalLink() {
        return withPersonalLink;
    }

    public String subject(String language) {
        return "en".equals(language) ? subjectEn : subjectFr;
    }
}
