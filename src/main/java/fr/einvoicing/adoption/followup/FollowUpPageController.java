package fr.einvoicing.adoption.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.campaign.WebinarSessions;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.response.ResponseRateLimiter;
import fr.einvoicing.adoption.response.ResponseTokens;
import fr.einvoicing.adoption.response.TokenPurpose;

/**
 * The customer's personal page after acceptance, opened from the follow-up mails: validate the
 * terms and conditions, say whether they attend the webinar. Public (the token is the key); GET
 * shows, only a POST with its CSRF token records, first in our tables, then for the waiting process.
 */
@Controller
@RequestMapping("/follow-up")
public class FollowUpPageController {

    public static final String MESSAGE_TERMS_VALIDATED = "TermsValidated";
    public static final String MESSAGE_WEBINAR_CHOSEN = "WebinarSessionChosen";

    private final ResponseTokens tokens;
    private final CampaignCustomers customers;
    private final Campaigns campaigns;
    private final FollowUpRecords records;
    private final EvidenceLog evidence;
    private final RuntimeService runtime;
    private final ResponseRateLimiter rateLimiter;
    private final Clock clock;
    private final WebinarSessions sessions;

    public FollowUpPageController(WebinarSessions sessions, ResponseTokens tokens, CampaignCustomers customers, Campaigns campaigns,
                                  FollowUpRecords records, EvidenceLog evidence, RuntimeService runtime,
                                  ResponseRateLimiter rateLimiter, Clock clock) {
        this.tokens = tokens;
        this.customers = customers;
        this.campaigns = campaigns;
        this.records = records;
        this.evidence = evidence;
        this.runtime = runtime;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.sessions = sessions;
    }

    private record PageData(CampaignCustomer customer, Campaign campaign, Optional<FollowUpRecords.FollowUp> followUp,
                            java.util.List<WebinarSessions.Session> sessions) {
        boolean termsPending() {
            return campaign.termsVersion() != null && followUp.map(f -> !campaign.termsVersion().equals(f.termsVersion())).orElse(true);
        }

        java.util.List<WebinarSessions.Session> openSessions(OffsetDateTime now) {
            return sessions.stream().filter(s -> s.startsAt().isAfter(now)).toList();
        }

        boolean webinarOpen(OffsetDateTime now) {
            return !openSessions(now).isEmpty() && followUp.map(f -> f.webinarChosenAt() == null).orElse(true);
        }
    }

    private Optional<PageData> open(String token) {
        return tokens.resolve(token, TokenPurpose.FOLLOW_UP).map(valid -> {
            CampaignCustomer customer = customers.get(valid.customerRef());
            return new PageData(customer, campaigns.get(customer.campaignId()), records.find(customer.id()),
                    sessions.ofCampaign(customer.campaignId()));
        });
    }

    @GetMapping("/{token}")
    public String show(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", "no-store");
        if (!rateLimiter.tryAcquire(request.getRemoteAddr(), token)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "followups/unavailable";
        }
        var page = open(token);
        if (page.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "followups/unavailable";
        }
        return render(page.get(), model);
    }

    @PostMapping("/{token}")
    @Transactional
    public String submit(@PathVariable String token, @RequestParam(required = false) String validateTerms,
                         @RequestParam(required = false) String webinar, HttpServletRequest request,
                         HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", "no-store");
        if (!rateLimiter.tryAcquire(request.getRemoteAddr(), token)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "followups/unavailable";
        }
        var opened = open(token);
        if (opened.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "followups/unavailable";
        }
        PageData page = opened.get();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("ip", request.getRemoteAddr());
        origin.put("userAgent", request.getHeader("User-Agent"));
        String businessKey = page.customer().businessKey();
        if ("true".equals(validateTerms) && page.termsPending()) {
            records.termsValidated(page.customer().id(), page.campaign().termsVersion());
            Map<String, Object> details = new LinkedHashMap<>(origin);
            details.put("termsVersion", page.campaign().termsVersion());
            evidence.append(page.customer().id(), EvidenceType.TERMS_VALIDATED, "customer",
                    "Terms and conditions " + page.campaign().termsVersion() + " validated on the follow-up page", details);
            runtime.createMessageCorrelation(MESSAGE_TERMS_VALIDATED).processInstanceBusinessKey(businessKey).correlateAll();
        }
        var openSessions = page.openSessions(now);
        Optional<WebinarSessions.Session> chosen = webinar == null || "NONE".equals(webinar) ? Optional.empty()
                : openSessions.stream().filter(s -> String.valueOf(s.id()).equals(webinar)).findFirst();
        if (webinar != null && page.webinarOpen(now) && ("NONE".equals(webinar) || chosen.isPresent())) {
            boolean attends = chosen.isPresent();
            OffsetDateTime sessionAt = chosen.map(WebinarSessions.Session::startsAt)
                    .orElse(openSessions.get(openSessions.size() - 1).startsAt());
            records.webinarChosen(page.customer().id(), attends ? sessionAt : null);
            Map<String, Object> details = new LinkedHashMap<>(origin);
            details.put("session", attends ? sessionAt.toString() : "none");
            evidence.append(page.customer().id(), EvidenceType.WEBINAR_SESSION_CHOSEN, "customer",
                    attends ? "Registered for the webinar of " + sessionAt : "Declined the webinar", details);
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("webinarAttends", attends);
            vars.put("sessionReminderAt", Date.from(sessionAt.minus(Duration.ofDays(1)).toInstant()));
            vars.put("sessionEndsAt", Date.from(sessionAt.plus(Duration.ofHours(2)).toInstant()));
            runtime.createMessageCorrelation(MESSAGE_WEBINAR_CHOSEN).processInstanceBusinessKey(businessKey)
                    .setVariables(vars).correlateAll();
        }
        model.addAttribute("saved", true);
        return render(open(token).orElse(page), model);
    }

    private String render(PageData page, Model model) {
        boolean en = "en".equals(page.customer().language());
        OffsetDateTime now = OffsetDateTime.now(clock);
        model.addAttribute("en", en);
        model.addAttribute("customer", page.customer());
        model.addAttribute("campaign", page.campaign());
        model.addAttribute("termsPending", page.termsPending());
        model.addAttribute("webinarOpen", page.webinarOpen(now));
        model.addAttribute("followUp", page.followUp().orElse(null));
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
                en ? "EEEE d MMMM yyyy 'at' HH:mm" : "EEEE d MMMM yyyy 'à' HH'h'mm", en ? Locale.ENGLISH : Locale.FRENCH);
        var zone = page.campaign().zone();
        Map<Long, String> open = new LinkedHashMap<>();
        page.openSessions(now.withOffsetSameInstant(ZoneOffset.UTC)).forEach(s -> open.put(s.id(), s.startsAt().atZoneSameInstant(zone).format(format)));
        model.addAttribute("sessions", open);
        model.addAttribute("hasWebinar", !page.sessions().isEmpty());
        model.addAttribute("chosenText", page.followUp().map(FollowUpRecords.FollowUp::webinarSessionAt)
                .map(at -> at.atZoneSameInstant(zone).format(format)).orElse(null));
        return "followups/page";
    }
}
