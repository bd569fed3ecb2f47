package dev.switchboard.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The embedded Tomcat's own answers, for the requests it refuses before Switchboard sees them. */
@Configuration(proxyBeanMethods = false)
class WebServerSettings {

    /** After Spring Boot's customizer, which puts Tomcat's plain report valve on the host. */
    @Bean
    ContainerErrorReportCustomizer containerErrorReport() {
        return new ContainerErrorReportCustomizer();
    }

    static class ContainerErrorReportCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ContainerErrorReport.class.getName());
                    host.getPipeline().addValve(new ContainerErrorReport());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
