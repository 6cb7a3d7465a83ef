package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Requests that Tomcat refuses before they reach the application (a 10 KB link, an encoded NUL or
 * slash, a character not allowed in an address) get the product's own neutral page in French and
 * English instead of the container's "HTTP Status 400" page naming its software. Errors inside the
 * application keep going to the {@code error} template.
 */
@Component
public class RejectedRequestPage implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private static final String PAGE = load();

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // Spring Boot adds Tomcat's own report valve before us: ours replaces it
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(Report.class.getName());
                host.getPipeline().addValve(new Report());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static String load() {
        try (InputStream in = RejectedRequestPage.class.getResourceAsStream("/error-pages/rejected-request.html")) {
            if (in == null) {
                throw new IllegalStateException("error-pages/rejected-request.html is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tomcat's report valve, writing our page; never echoes anything of the request. */
    public static class Report extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            try {
                response.setContentType("text/html");
                response.setCharacterEncoding("utf-8");
                response.setHeader(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
                response.setHeader("X-Frame-Options", "DENY");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Cache-Control", "no-store");
                var writer = response.getReporter();
                if (writer != null) {
                    writer.write(PAGE.replace("{status}", "Erreur / Error " + status));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response was already on its way: nothing more to say
            }
        }
    }
}
