package fr.einvoicing.adoption.response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Tries again, every little while, the answers that could not be placed when they arrived. */
@Component
public class PendingAnswerRelay {

    private static final Logger log = LoggerFactory.getLogger(PendingAnswerRelay.class);
    private static final int BATCH = 200;

    private final CustomerResponses responses;
    private final AnswerRouter router;

    public PendingAnswerRelay(CustomerResponses responses, AnswerRouter router) {
        this.responses = responses;
        this.router = router;
    }

    @Scheduled(
            fixedDelayString = "${campaign.response.relay-interval:PT20S}",
            initialDelayString = "${campaign.response.relay-interval:PT20S}")
    public void relayPending() {
        for (Long id : responses.pending(BATCH)) {
            try {
                router.route(id);
            } catch (RuntimeException e) {
                log.warn("Answer {} could not be routed yet: {}", id, e.toString());
            }
        }
    }
}
