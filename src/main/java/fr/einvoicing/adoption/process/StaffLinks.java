package fr.einvoicing.adoption.process;

import org.springframework.web.util.UriUtils;

/** Links shown to staff in Tasklist forms; relative, so they open in the application that serves Tasklist. */
final class StaffLinks {

    private StaffLinks() {}

    static String customerPage(String campaignCode, String customerId) {
        return "/campaigns/" + encode(campaignCode) + "/customers/" + encode(customerId);
    }

    static String printableLetter(String campaignCode, String customerId) {
        return customerPage(campaignCode, customerId) + "/printable-letter";
    }

    static String evidencePack(String campaignCode, String customerId) {
        return customerPage(campaignCode, customerId) + "/evidence-pack";
    }

    private static String encode(String segment) {
        return UriUtils.encodePathSegment(segment, java.nio.charset.StandardCharsets.UTF_8);
    }
}
