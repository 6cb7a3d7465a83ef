package fr.einvoicing.adoption.web.customer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.einvoicing.adoption.followup.FollowUpPage;
import fr.einvoicing.adoption.followup.FollowUpRecords;
import fr.einvoicing.adoption.response.ResponseRateLimiter;

/**
 * The customer's personal page after acceptance, opened from the follow-up mails: validate the
 * terms and conditions, say whether they attend the webinar. Public (the token is the key); GET
 * shows, only a POST with its CSRF token records, first in our tables, then for the waiting process.
 */
@Controller
@RequestMapping("/follow-up")
public class FollowUpPageController {

    private final FollowUpPage pages;
    private final ResponseRateLimiter rateLimiter;
    private final Clock clock;

    public FollowUpPageController(FollowUpPage pages, ResponseRateLimiter rateLimiter, Clock clock) {
        this.pages = pages;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    @GetMapping("/{token}")
    public String show(
            @PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", "no-store");
        if (!rateLimiter.tryAcquire(request.getRemoteAddr(), token)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "followups/unavailable";
        }
        var page = pages.open(token);
        if (page.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "followups/unavailable";
        }
        return render(page.get(), model);
    }

    @PostMapping("/{token}")
    public String submit(
            @PathVariable String token,
            @RequestParam(required = false) String validateTerms,
            @RequestParam(required = false) String webinar,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        response.setHeader("Cache-Control", "no-store");
        if (!rateLimiter.tryAcquire(request.getRemoteAddr(), token)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "followups/unavailable";
        }
        var opened = pages.open(token);
        if (opened.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "followups/unavailable";
        }
        FollowUpPage.View page = opened.get();
        pages.submit(
                page,
                "true".equals(validateTerms),
                webinar,
                new FollowUpPage.Origin(request.getRemoteAddr(), request.getHeader("User-Agent")));
        model.addAttribute("saved", true);
        return render(pages.open(token).orElse(page), model);
    }

    private String render(FollowUpPage.View page, Model model) {
        boolean en = "en".equals(page.customer().language());
        OffsetDateTime now = OffsetDateTime.now(clock);
        model.addAttribute("en", en);
        model.addAttribute("customer", page.customer());
        model.addAttribute("campaign", page.campaign());
        model.addAttribute("termsPending", page.termsPending());
        model.addAttribute("webinarOpen", page.webinarOpen(now));
        model.addAttribute("followUp", page.followUp().orElse(null));
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
                en ? "EEEE d MMMM yyyy 'at' HH:mm" : "EEEE d MMMM yyyy 'à' HH'h'mm",
                en ? Locale.ENGLISH : Locale.FRENCH);
        var zone = page.campaign().settings().zone();
        Map<Long, String> open = new LinkedHashMap<>();
        page.openSessions(now.withOffsetSameInstant(ZoneOffset.UTC))
                .forEach(s ->
                        open.put(s.id(), s.startsAt().atZoneSameInstant(zone).format(format)));
        model.addAttribute("sessions", open);
        model.addAttribute("hasWebinar", !page.sessions().isEmpty());
        model.addAttribute(
                "chosenText",
                page.followUp()
                        .map(FollowUpRecords.FollowUp::webinarSessionAt)
                        .map(at -> at.atZoneSameInstant(zone).format(format))
                        .orElse(null));
        return "followups/page";
    }
}
