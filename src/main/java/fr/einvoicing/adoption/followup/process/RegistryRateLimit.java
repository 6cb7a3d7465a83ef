package fr.einvoicing.adoption.followup.process;

import java.time.Duration;

import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.spi.ConnectorRequestInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import fr.einvoicing.adoption.followup.OutsideServices;

/**
 * The company registry allows a few requests per second per client. Every call of the shared
 * {@code http-connector} to the registry's host waits for a permit here, whichever journey and job
 * thread makes it (one application instance; a cluster would divide the rate by its size). Also
 * gives the connector a bounded connection pool with default timeouts (each model sets its own).
 */
@Component
public class RegistryRateLimit {

    private static final Logger log = LoggerFactory.getLogger(RegistryRateLimit.class);

    private final OutsideServices services;

    public RegistryRateLimit(OutsideServices services) {
        this.services = services;
    }

    @EventListener(ApplicationStartedEvent.class)
    @org.springframework.core.annotation.Order(10)
    public void install() {
        HttpConnector connector = Connectors.getConnector(HttpConnector.ID);
        if (connector == null) {
            throw new IllegalStateException("Camunda Connect's http-connector is not on the classpath");
        }
        // Connect's default client waits forever for a pooled connection; a job thread must never hang
        if (connector instanceof org.camunda.connect.httpclient.impl.AbstractHttpConnector<?, ?> http) {
            http.setHttpClient(org.apache.http.impl.client.HttpClients.custom()
                    .useSystemProperties()
                    .setMaxConnPerRoute(20)
                    .setMaxConnTotal(50)
                    .setDefaultRequestConfig(org.apache.http.client.config.RequestConfig.custom()
                            .setConnectionRequestTimeout(10_000)
                            .setConnectTimeout(10_000)
                            .setSocketTimeout(30_000)
                            .build())
                    .build());
        }
        int perSecond = services.registryRequestsPerSecond();
        // one permit every 1/n second, no burst: never more than n calls in any one-second window
        Bucket bucket = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(1)
                        .refillGreedy(1, Duration.ofNanos(1_000_000_000L / perSecond))
                        .build())
                .build();
        String host = services.registryHost();
        connector.getRequestInterceptors().removeIf(RegistryInterceptor.class::isInstance);
        connector.addRequestInterceptor(new RegistryInterceptor(host, bucket));
        log.info("Company registry calls limited to {} per second", perSecond);
    }

    private record RegistryInterceptor(String host, Bucket bucket) implements ConnectorRequestInterceptor {
        @Override
        public Object handleInvocation(org.camunda.connect.spi.ConnectorInvocation invocation) throws Exception {
            if (invocation.getTarget() instanceof org.apache.http.client.methods.HttpRequestBase target
                    && target.getURI() != null
                    && host.equalsIgnoreCase(target.getURI().getHost())) {
                bucket.asBlocking().consume(1);
            }
            return invocation.proceed();
        }
    }
}
