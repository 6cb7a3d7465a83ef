package fr.einvoicing.adoption.web.customer;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CompanyIdentifiers;
import fr.einvoicing.adoption.customer.ConsentMode;
import fr.einvoicing.adoption.response.AnswerChoices;
import fr.einvoicing.adoption.response.AnswerRouter;
import fr.einvoicing.adoption.response.CustomerResponses;
import fr.einvoicing.adoption.response.PageTexts;
import fr.einvoicing.adoption.response.ResponseForm;
import fr.einvoicing.adoption.response.ResponseRateLimiter;
import fr.einvoicing.adoption.response.ResponseService;

/**
 * The customer's response page: public, opened by the personal link. GET only shows; only a POST
 * carrying the page's CSRF token changes anything (mail scanners open links, and an opened link
 * proves nothing). Unknown, expired and used links all get the same neutral page.
 */
@Controller
@RequestMapping("/respond")
public class ResponsePageController {

    private static final Logger log = LoggerFactory.getLogger(ResponsePageController.class);

    private final ResponseService responses;
    private final AnswerRouter router;
    private final ResponseRateLimiter rateLimiter;
    private final MessageSource messages;
    private final CampaignProperties properties;

    public ResponsePageController(
            ResponseService responses,
            AnswerRouter router,
            ResponseRateLimiter rateLimiter,
            MessageSource messages,
            CampaignProperties properties) {
        this.responses = responses;
        this.router = router;
        this.rateLimiter = rateLimiter;
        this.messages = messages;
        this.properties = properties;
    }

    @GetMapping("/{token}")
    public String show(
            @PathVariable String token,
            @RequestParam(required = false) String lang,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        noStore(response);
        if (!rateLimiter.tryAcquire(request.getRemoteAddr(), token)) {
            return tooMany(response, model, lang);
        }
        var page = responses.open(token);
        if (page.isEmpty()) {
            return unavailable(response, model, lang);
        }
        ResponseForm form = new ResponseForm();
        form.setSiren(page.get().customer().siren());
        form.setSiret(page.get().customer().siret());
        form.setInvoicingContactName(page.get().customer().contactName());
        return formPage(
                model,
                page.get(),
                form,
                Map.of(),
                language(lang, page.get().customer().language()));
    }

    @PostMapping("/{token}")
    public String submit(
            @PathVariable String token,
            @RequestParam(required = false) String lang,
            @ModelAttribute ResponseForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        noStore(response);
        if (!rateLimiter.tryAcquire(request.getRemoteAddr(), token)) {
            return tooMany(response, model, lang);
        }
        var origin = new CustomerResponses.Origin(request.getRemoteAddr(), request.getHeader("User-Agent"));
        ResponseService.Submission result = responses.submit(token, form, origin);
        if (result instanceof ResponseService.Submission.Invalid invalid) {
            var page = responses.open(token);
            if (page.isEmpty()) {
                return unavailable(response, model, lang);
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return formPage(
                    model,
                    page.get(),
                    form,
                    invalid.fieldErrors(),
                    language(lang, page.get().customer().language()));
        }
        if (result instanceof ResponseService.Submission.Stored stored) {
            try {
                router.route(stored.answerId());
            } catch (RuntimeException e) {
                // stored already: the relay will place it; the customer's answer is safe
                log.warn("Answer {} stored; routing deferred: {}", stored.answerId(), e.toString());
            }
            redirect.addAttribute("lang", lang);
            redirect.addFlashAttribute("accepted", stored.detailsOnly() ? null : stored.accepted());
            redirect.addFlashAttribute("detailsOnly", stored.detailsOnly());
            return "redirect:/respond/thanks";
        }
        return unavailable(response, model, lang);
    }

    @GetMapping("/thanks")
    public String thanks(@RequestParam(required = false) String lang, Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("t", texts(language(lang, "fr")));
        if (!model.containsAttribute("accepted")) {
            model.addAttribute("accepted", null);
        }
        if (!model.containsAttribute("detailsOnly")) {
            model.addAttribute("detailsOnly", false);
        }
        return "respond/thanks";
    }

    private String formPage(
            Model model,
            ResponseService.ResponsePage page,
            ResponseForm form,
            Map<String, String> errors,
            String language) {
        PageTexts t = texts(language);
        Campaign campaign = page.campaign();
        Locale locale = Locale.forLanguageTag(language);
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
                language.equals("fr") ? "EEEE d MMMM yyyy 'à' HH'h'mm" : "EEEE d MMMM yyyy 'at' HH:mm", locale);
        var deadline = page.customer().responseDeadline() != null
                ? page.customer()
                        .responseDeadline()
                        .atZoneSameInstant(campaign.settings().zone())
                : campaign.settings().deadline();
        model.addAttribute("t", t);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("customer", page.customer());
        model.addAttribute("informOnly", page.customer().consentMode() == ConsentMode.INFORM_ONLY);
        model.addAttribute("campaign", campaign);
        model.addAttribute(
                "deadline",
                format.format(deadline) + " (" + campaign.settings().zone().getId() + ")");
        model.addAttribute(
                "supplierVat",
                CompanyIdentifiers.isValidSiren(campaign.settings().supplier().siren())
                        ? CompanyIdentifiers.vatNumber(
                                campaign.settings().supplier().siren())
                        : null);
        model.addAttribute("taxFaqUrl", campaign.settings().showTaxFaq() ? properties.taxFaqUrl() : null);
        model.addAttribute("language", language);
        model.addAttribute("otherLanguage", language.equals("fr") ? "en" : "fr");
        model.addAttribute("reasons", AnswerChoices.REFUSAL_REASONS);
        model.addAttribute("tools", AnswerChoices.SUPPLIER_TOOLS);
        model.addAttribute("formats", AnswerChoices.FORMATS);
        model.addAttribute("deliveryModes", AnswerChoices.DELIVERY_MODES);
        return "respond/form";
    }

    private String unavailable(HttpServletResponse response, Model model, String lang) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("t", texts(language(lang, "fr")));
        return "respond/unavailable";
    }

    private String tooMany(HttpServletResponse response, Model model, String lang) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", "60");
        model.addAttribute("t", texts(language(lang, "fr")));
        model.addAttribute("tooMany", true);
        return "respond/unavailable";
    }

    private PageTexts texts(String language) {
        return new PageTexts(messages, Locale.forLanguageTag(language));
    }

    private static String language(String requested, String fallback) {
        if ("en".equals(requested) || "fr".equals(requested)) {
            return requested;
        }
        return "en".equals(fallback) ? "en" : "fr";
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }
}
