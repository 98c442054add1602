package io.keyhold.problems;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to the failures Tomcat meets before any servlet runs (a header section over the
 * limit, a request it cannot frame, a transfer coding it does not know): the API's problem JSON
 * instead of Tomcat's HTML page, without server details or a stack trace. It replaces the error
 * report valve that Spring Boot puts on the host.
 */
final class ProblemReportValve extends ErrorReportValve {

    private final JsonMapper jsonMapper;

    private ProblemReportValve(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** Puts this valve on the host in place of any other error report valve. */
    static void install(Container host, JsonMapper jsonMapper) {
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        pipeline.addValve(new ProblemReportValve(jsonMapper));
        if (host instanceof StandardHost standardHost) {
            // Otherwise the host adds Tomcat's own report valve when it starts, HTML page and all.
            standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        // The same guards as Tomcat's own report: an error, with nothing written yet, reported once.
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = statusOf(response.getStatus(), failure);
        byte[] body = jsonMapper.writeValueAsBytes(Problem.of(status, ProblemErrorController.errorText(status)));
        try {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException clientGone) {
            // Nobody is left to read the answer.
        }
    }

    /**
     * Tomcat answers an oversized header section with a plain 400; its own message for that case
     * tells it apart, so it can get the 431 that says what to fix.
     */
    private static HttpStatus statusOf(int code, Throwable failure) {
        String headerTooLarge =
                StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");
        if (failure instanceof IllegalArgumentException
                && headerTooLarge != null
                && headerTooLarge.equals(failure.getMessage())) {
            return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status != null) {
            return status;
        }
        return code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
    }
}
