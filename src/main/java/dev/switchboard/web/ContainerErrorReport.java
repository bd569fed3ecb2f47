package dev.switchboard.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * What Tomcat answers for a request it refuses before Switchboard sees it (an encoded slash, a NUL or a
 * broken %-escape in the address): a problem document under {@code /api/} and {@code /actuator/}, a plain
 * page elsewhere, never Tomcat's own report. Public because Tomcat may create it by its class name.
 */
public class ContainerErrorReport extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.valueOf(code);
        String detail = status == HttpStatus.BAD_REQUEST
                ? "This address cannot be read: it has an encoded slash, a control character or a broken %-escape."
                : ErrorAnswers.detail(status, request);
        String path = request.getRequestURI() == null ? "" : request.getRequestURI();
        boolean api = Problems.isApi(path);
        try {
            response.setContentType(api ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(api ? Problems.json(path, status, ErrorAnswers.slug(status), detail)
                        : page(status, detail));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing left to tell anyone
        }
    }

    private static String page(HttpStatus status, String detail) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.value() + " "
                + status.getReasonPhrase() + " · Switchboard</title></head><body><main><h1>That did not work</h1><p>"
                + HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"/\">Go to the start page</a></p></main></body></html>";
    }
}
