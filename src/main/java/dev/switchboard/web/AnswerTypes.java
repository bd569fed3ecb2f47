package dev.switchboard.web;

import java.lang.reflect.Method;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler says what it answers with (JSON for the API, HTML for the pages), so that a request whose
 * {@code Accept} header allows neither is refused with 406 when it is matched, before the handler runs.
 * Without it the handler did its work first (a query stored, a reply posted) and only writing the answer
 * failed: the work done, the caller told it was not. A handler that writes its own answer (void) is left as
 * it is: the webhook intake answers whatever Chatwoot accepts. So are other libraries' controllers (the
 * OpenAPI document) and the error controller, which answers whatever the request was.
 */
@Configuration(proxyBeanMethods = false)
class AnswerTypes implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new RequestMappingHandlerMapping() {
            @Override
            protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
                RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
                if (info == null || !info.getProducesCondition().isEmpty() || method.getReturnType() == void.class) {
                    return info;
                }
                if (AnnotatedElementUtils.hasAnnotation(handlerType, PageController.class)) {
                    return info.mutate().produces(MediaType.TEXT_HTML_VALUE).build();
                }
                if (AnnotatedElementUtils.hasAnnotation(handlerType, RestController.class)
                        && handlerType.getPackageName().startsWith("dev.switchboard")) {
                    return info.mutate().produces(MediaType.APPLICATION_JSON_VALUE).build();
                }
                return info;
            }
        };
    }
}
