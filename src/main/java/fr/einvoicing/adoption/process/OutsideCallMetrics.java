package fr.einvoicing.adoption.process;

import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpRequestBase;
import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.spi.ConnectorInvocation;
import org.camunda.connect.spi.ConnectorRequestInterceptor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import fr.einvoicing.adoption.followup.OutsideServicesProperties;

/**
 * Times every call the models make through Camunda Connect's {@code http-connector}: the company
 * registry and the invoicing platform, by outcome ({@code ok}, {@code client_error} for 4xx,
 * {@code server_error} for 5xx, {@code failure} when no answer came: refused connection, timeout).
 * Installed after the registry's rate limit, so that the time waited for a permit is not counted as
 * the registry's latency.
 */
@Component
public class OutsideCallMetrics {

    static final String CALLS = "adoption.outside.calls";

    private final MeterRegistry registry;
    private final OutsideServicesProperties services;

    public OutsideCallMetrics(MeterRegistry registry, OutsideServicesProperties services) {
        this.registry = registry;
        this.services = services;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(100)
    public void install() {
        HttpConnector connector = Connectors.getConnector(HttpConnector.ID);
        if (connector == null) {
            return;
        }
        connector.getRequestInterceptors().removeIf(TimingInterceptor.class::isInstance);
        connector.addRequestInterceptor(new TimingInterceptor());
        // the series exist before the first call, so that a dashboard shows 0 rather than "no data"
        for (String service : new String[] {"registry", "platform"}) {
            timer(service, "ok");
        }
    }

    private Timer timer(String service, String outcome) {
        return Timer.builder(CALLS)
                .description("Calls to outside services from the models, by service and outcome")
                .tags("service", service, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(5))
                .maximumExpectedValue(java.time.Duration.ofSeconds(30))
                .register(registry);
    }

    private String service(HttpRequestBase request) {
        String url = request.getURI() == null ? "" : request.getURI().toString();
        if (url.startsWith(services.registry().baseUrl())) {
            return "registry";
        }
        if (url.startsWith(services.platform().baseUrl())) {
            return "platform";
        }
        return "other";
    }

    private static String outcome(Object response) {
        if (response instanceof HttpResponse http && http.getStatusLine() != null) {
            int status = http.getStatusLine().getStatusCode();
            return status >= 500 ? "server_error" : status >= 400 ? "client_error" : "ok";
        }
        return "ok";
    }

    private final class TimingInterceptor implements ConnectorRequestInterceptor {
        @Override
        public Object handleInvocation(ConnectorInvocation invocation) throws Exception {
            if (!(invocation.getTarget() instanceof HttpRequestBase request)) {
                return invocation.proceed();
            }
            Timer.Sample sample = Timer.start(registry);
            String outcome = "failure";
            try {
                Object response = invocation.proceed();
                outcome = outcome(response);
                return response;
            } finally {
                sample.stop(timer(service(request), outcome));
            }
        }
    }
}
