package fr.einvoicing.adoption.security.engine;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The engine REST API answers 500 to a few requests that are simply malformed: a task query with
 * {@code orQueries} in the address ("argument type mismatch"), a criterion an 'or' query does not
 * allow, a {@code null} where a query object belongs, a paging parameter that is not a number. A
 * script author must see a 400 saying what to change, and operators must not see server errors
 * that are not theirs. Real server errors stay 500.
 */
@Component
public class EngineRestInputErrors implements ResourceConfigCustomizer {

    /** Java's own message for a null local or parameter read from the request's JSON (a query DTO). */
    private static final Pattern NULL_DTO = Pattern.compile("because \"[a-zA-Z]+Dto\" is null");

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(Rewrite.class);
    }

    /** Turns the engine's 500 for a malformed request into a 400 with a message that says what to change. */
    public static class Rewrite implements ContainerResponseFilter {

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (!(response.getEntity() instanceof ExceptionDto error)) {
                return;
            }
            String message = explain(
                    response.getStatus(),
                    error,
                    request.getUriInfo().getQueryParameters().keySet());
            if (message != null) {
                ExceptionDto dto = new ExceptionDto();
                dto.setType("InvalidRequestException");
                dto.setMessage(message);
                response.setStatus(400);
                response.setEntity(dto, null, MediaType.APPLICATION_JSON_TYPE);
            }
        }

        static String explain(int status, ExceptionDto error, java.util.Set<String> queryParameters) {
            String type = error.getType();
            String message = error.getMessage() == null ? "" : error.getMessage();
            if (status == 500 && "IllegalArgumentException".equals(type) && message.equals("argument type mismatch")) {
                return queryParameters.contains("orQueries")
                        ? "orQueries cannot be given in the address: send the query as JSON in the body of a POST "
                                + "(for tasks: POST /engine-rest/task with {\"orQueries\": [{...}]})"
                        : "A query parameter in the address has a form it cannot take: structured criteria are "
                                + "sent as JSON in the body of the POST form of the query";
            }
            if (status == 500 && "ProcessEngineException".equals(type) && message.startsWith("Invalid query usage")) {
                return message + " (see the list of criteria an 'or' query accepts in the Camunda REST API reference)";
            }
            if (status == 500
                    && "NullPointerException".equals(type)
                    && NULL_DTO.matcher(message).find()) {
                return "The request body holds null where a query object is expected (for instance \"orQueries\": [null])";
            }
            if (status == 404 && "QueryParamException".equals(type)) {
                return "A query parameter does not have the expected form: firstResult and maxResults are whole "
                        + "numbers, true/false criteria take true or false";
            }
            return null;
        }
    }
}
